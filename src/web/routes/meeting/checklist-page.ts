import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { checklistItemProblems, saveChecklistItem } from '../../../app/meeting/meeting-notes.ts'
import type { MeetingRecord } from '../../../app/meeting/meeting-record.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import {
  type FormValues,
  formValues,
  given,
  pageErrors,
  refusalsOf,
  shownAgainAsTyped,
  ticked,
} from './form-body.ts'
import { idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { meetingPath } from './present-meeting.ts'
import { withSaved } from './saved-banner.ts'
import { momentText } from './words.ts'

/**
 * The chair's opening checklist from the procedure (CH-CONDUCT), item by item
 * (/conferences/:conferenceId/meeting/checklist). Only the items changed are saved, each on its own.
 */

const STAGE_WORDS: Record<string, string> = {
  before: 'Before the meeting',
  start: 'At the start',
  during: 'During the meeting',
  end: 'At the end',
}

function savedValues(record: MeetingRecord): FormValues {
  const values: FormValues = {}
  for (const item of record.openingChecklist.items) {
    if (item.saved?.done) values[`item-${item.id}-done`] = 'yes'
    if (item.saved?.note) values[`item-${item.id}-note`] = item.saved.note
  }
  return values
}

export function checklistPage(app: FastifyInstance, deps: AppDeps): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
    const checklist = page.record.openingChecklist
    const labels = new Map(
      checklist.items.map((item) => [`item-${item.id}-note`, `The note on “${item.text}”`]),
    )
    const { errors, errorList } = pageErrors(found, { label: (name) => labels.get(name) })
    const stages = Object.entries(STAGE_WORDS)
      .map(([stage, words]) => ({
        words,
        items: checklist.items
          .filter((item) => item.when === stage)
          .map((item) => ({
            id: item.id,
            text: item.text,
            savedAt: item.saved ? momentText(item.saved.savedAt) : null,
          })),
      }))
      .filter((stage) => stage.items.length > 0)
    return renderMeetingPage(request, reply, page, 'checklist', {
      pageTitle: 'Opening checklist',
      checklist,
      stages,
      form: { values: values ?? savedValues(page.record), errors },
      errorList,
      action: meetingPath(conferenceId, 'checklist'),
    })
  }

  app.get('/conferences/:conferenceId/meeting/checklist', async (request, reply) =>
    render(request, reply, null, []),
  )

  app.post(
    '/conferences/:conferenceId/meeting/checklist',
    { config: shownAgainAsTyped(render) },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      const actor = actorFor(request)
      const page = await loadMeetingPage(deps, actor, conferenceId)
      const values = formValues(request.body)
      const changed = page.record.openingChecklist.items.flatMap((item) => {
        const done = ticked(values, `item-${item.id}-done`)
        const note = given(values, `item-${item.id}-note`)
        if (done === (item.saved?.done ?? false) && (note ?? null) === (item.saved?.note ?? null)) return []
        return [{ input: { conferenceId, itemId: item.id, done, note }, at: `item-${item.id}` }]
      })
      const place = (at: string) => (field: string) => {
        const name = field === 'note' ? `${at}-note` : `${at}-done`
        return { name, href: `#${name}` }
      }
      // Every item is checked before any is saved, so that a refused item leaves the others unsaved too.
      const found: FormError[] = changed.flatMap(({ input, at }) =>
        checklistItemProblems(deps, input).map((issue) => ({
          ...place(at)(issue.field),
          message: issue.message,
        })),
      )
      if (found.length > 0) throw new FormInvalid(found)
      for (const { input, at } of changed)
        found.push(...(await refusalsOf(() => saveChecklistItem(deps, actor, input), place(at))))
      if (found.length > 0) throw new FormInvalid(found)
      return reply.redirect(withSaved(meetingPath(conferenceId), 'checklist'), 303)
    },
  )
}
