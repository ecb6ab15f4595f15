import { z } from 'zod'
import { findConference } from '../../db/conference.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import { saveMeetingDraft as storeDraft } from '../../db/meeting.repository.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, inTransaction, requireRole, validate } from '../use-case.ts'
import { conferenceId, MEETING_RECORDERS, nowText } from './open-meeting.ts'

/**
 * Nothing typed at the meeting is lost: the page keeps what is being typed into a part of the meeting
 * record (a child's decision, say) as a draft of the person typing, saved as they go and kept through
 * a session timeout; recording that part drops the draft. A draft is the person's own unfinished
 * work, not part of the record, so saving one writes no audit entry; recording it does.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** The parts of the meeting record a draft may be of. */
export const DRAFT_PART = new RegExp(
  `^(attendance|checklist|practice_model|inquorate|adjournment|decision\\.${UUID}|correction\\.${UUID})$`,
)
export const MAX_DRAFT_CHARACTERS = 200_000

const draftInput = z.strictObject({
  conferenceId,
  /** Which part: attendance, checklist, practice_model, inquorate, adjournment, decision.<child id>, correction.<child id>. */
  part: z.string({ error: 'must be text' }).regex(DRAFT_PART, {
    error:
      'must be attendance, checklist, practice_model, inquorate, adjournment, decision.<child id> or correction.<child id>',
  }),
  /** The form's fields as typed, unchecked. */
  data: z
    .record(z.string(), z.unknown(), { error: 'must be the form’s fields' })
    .refine((data) => JSON.stringify(data).length <= MAX_DRAFT_CHARACTERS, {
      error: `must be at most ${MAX_DRAFT_CHARACTERS} characters as JSON`,
    }),
})

export type SaveMeetingDraftInput = z.input<typeof draftInput>

/** Keeps a draft of a part of the meeting record for the person typing it. The chair or the conference administrator. */
export async function saveMeetingDraft(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<{ savedAt: string }> {
  requireRole(actor, MEETING_RECORDERS, 'keep a draft of the meeting record')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'keep a draft of the meeting record',
    deps.clock(),
  )
  const parsed = validate(draftInput, input)
  return inTransaction(deps, async (trx) => {
    if (!(await findConference(trx, parsed.conferenceId))) throw new NotFound('The conference')
    await storeDraft(
      trx,
      actor.userId,
      parsed.conferenceId,
      parsed.part,
      JSON.parse(JSON.stringify(parsed.data)) as { [key: string]: JsonInput },
      deps.clock(),
    )
    return { savedAt: nowText(deps) }
  })
}
