import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { saveMeetingDraft } from '../../../app/meeting/meeting-drafts.ts'
import { practiceNoteProblems, savePracticeNote } from '../../../app/meeting/meeting-notes.ts'
import type { MeetingRecord } from '../../../app/meeting/meeting-record.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import {
  actionOf,
  type FormValues,
  formValues,
  given,
  pageErrors,
  refusalsOf,
  shownAgainAsTyped,
  wantsJson,
} from './form-body.ts'
import { draftOf, idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { meetingPath } from './present-meeting.ts'
import { withSaved } from './saved-banner.ts'
import { momentText } from './words.ts'

/**
 * The notes of the discussion under the practice model's headings, where the procedure names one
 * (G-APPROACH: Signs of Safety, SMART planning, solution-focused), or plain headings where it names
 * none (/conferences/:conferenceId/meeting/notes). A scaling question takes a score.
 */

const DRAFT_PART = 'practice_model'

function savedValues(record: MeetingRecord): FormValues {
  const values: FormValues = {}
  for (const [id, note] of Object.entries(record.practiceModel.notes)) {
    if (note.text) values[`notes-${id}`] = note.text
    if (note.score !== null) values[`score-${id}`] = String(note.score)
  }
  return values
}

/** The latest time a note was saved, to tell whether a draft is newer than what is recorded. */
function lastSaved(record: MeetingRecord): number {
  return Math.max(
    0,
    ...Object.values(record.practiceModel.notes).map((note) => new Date(note.savedAt).getTime()),
  )
}

/** A score as typed: a whole number, or the text for the use-case to refuse. */
function scoreOf(values: FormValues, headingId: string): number | string | undefined {
  const typed = given(values, `score-${headingId}`)
  if (typed === undefined) return undefined
  return /^-?\d+$/.test(typed) ? Number(typed) : typed
}

export function notesPage(app: FastifyInstance, deps: AppDeps): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
    const model = page.record.practiceModel
    const labels = new Map<string, string>()
    for (const heading of model.headings) {
      labels.set(`notes-${heading.id}`, heading.text)
      labels.set(`score-${heading.id}`, `The score for “${heading.text}”`)
    }
    const { errors, errorList } = pageErrors(found, { label: (name) => labels.get(name) })
    const draft = draftOf(page.record, DRAFT_PART)
    const useDraft = typed === null && draft !== null && draft.savedAt.getTime() > lastSaved(page.record)
    return renderMeetingPage(request, reply, page, 'notes', {
      pageTitle: model.model ? `Notes: ${model.model}` : 'Notes of the discussion',
      model,
      headings: model.headings.map((heading) => ({
        ...heading,
        savedAt: model.notes[heading.id] ? momentText(model.notes[heading.id]?.savedAt) : null,
      })),
      form: { values: typed ?? (useDraft && draft ? draft.values : savedValues(page.record)), errors },
      errorList,
      draftSavedAt: useDraft && draft ? momentText(draft.savedAt) : null,
      action: meetingPath(conferenceId, 'notes'),
    })
  }

  app.get('/conferences/:conferenceId/meeting/notes', async (request, reply) =>
    render(request, reply, null, []),
  )

  app.post(
    '/conferences/:conferenceId/meeting/notes',
    { config: shownAgainAsTyped(render) },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      const actor = actorFor(request)
      const values = formValues(request.body)
      if (actionOf(request) === 'draft') {
        const saved = await saveMeetingDraft(deps, actor, { conferenceId, part: DRAFT_PART, data: values })
        if (wantsJson(request)) return reply.send(saved)
        return reply.redirect(withSaved(meetingPath(conferenceId), 'draft'), 303)
      }
      const page = await loadMeetingPage(deps, actor, conferenceId)
      const model = page.record.practiceModel
      const changed = model.headings.flatMap((heading) => {
        const text = given(values, `notes-${heading.id}`)
        const score = scoreOf(values, heading.id)
        const saved = model.notes[heading.id]
        if (text === undefined && score === undefined) return []
        if (saved && (saved.text ?? undefined) === text && (saved.score ?? undefined) === score) return []
        return [{ input: { conferenceId, headingId: heading.id, text, score }, headingId: heading.id }]
      })
      const place = (headingId: string) => (field: string) => {
        const name = field === 'score' ? `score-${headingId}` : `notes-${headingId}`
        return { name, href: `#${name}` }
      }
      // Every note is checked before any is saved, so that a refused note leaves the others unsaved too.
      const found: FormError[] = changed.flatMap(({ input, headingId }) =>
        practiceNoteProblems(deps, input).map((issue) => ({
          ...place(headingId)(issue.field),
          message: issue.message,
        })),
      )
      if (found.length > 0) throw new FormInvalid(found)
      for (const { input, headingId } of changed)
        found.push(...(await refusalsOf(() => savePracticeNote(deps, actor, input), place(headingId))))
      if (found.length > 0) throw new FormInvalid(found)
      return reply.redirect(withSaved(meetingPath(conferenceId), 'notes'), 303)
    },
  )
}
