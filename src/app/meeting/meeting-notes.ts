import { z } from 'zod'
import { mergeMeetingEntry } from '../../db/meeting.repository.ts'
import {
  checklistItemIssues,
  type OpeningChecklist,
  openingChecklist,
  type SavedChecklistItem,
} from '../../domain/conference/opening-checklist.ts'
import {
  type PracticeModel,
  practiceModel,
  practiceNoteIssues,
  type SavedPracticeNote,
} from '../../domain/conference/practice-model.ts'
import type { Issue } from '../../domain/issues.ts'
import { parseInput } from '../../domain/parse-input.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalText, requiredText } from '../cases/input-fields.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { CHAIR, conferenceId, MEETING_RECORDERS, nowText, openMeeting } from './open-meeting.ts'

/**
 * What the chair keeps as the meeting goes: the opening checklist from the procedure (CH-CONDUCT),
 * ticked item by item, and the notes under the practice model's headings (G-APPROACH), saved as
 * they are typed. Each save is one item, merged with what others saved at the same time.
 */

const checklistInput = z.strictObject({
  conferenceId,
  /** The item's id, as the profile's checklist gives it (for example "confidentiality"). */
  itemId: requiredText(64),
  done: z.boolean({ error: 'done must be true or false' }),
  note: optionalText(2000),
})

export type SaveChecklistItemInput = z.input<typeof checklistInput>

/** Saves one item of the chair's checklist, done or not, with a note; returns the whole checklist. The chair. */
export async function saveChecklistItem(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<OpeningChecklist> {
  requireRole(actor, CHAIR, "tick the chair's checklist")
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    "tick the chair's checklist",
    deps.clock(),
  )
  const parsed = validate(checklistInput, input)
  const profile = councilProfile(deps)
  refuseIf(checklistItemIssues(profile, parsed.itemId))
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, parsed.conferenceId, "tick the chair's checklist")
    const entry: SavedChecklistItem = {
      done: parsed.done,
      note: parsed.note ?? null,
      savedAt: nowText(deps),
      savedBy: actor.userId,
    }
    const record = await mergeMeetingEntry(
      trx,
      parsed.conferenceId,
      'checklist',
      parsed.itemId,
      { ...entry },
      deps.clock(),
    )
    await audit(trx, actor, {
      action: 'meeting.checklist_item_saved',
      subject: { type: 'conference', id: parsed.conferenceId },
      caseId: meeting.conference.caseId,
      after: { itemId: parsed.itemId, done: entry.done, note: entry.note },
    })
    return openingChecklist(profile, record.checklist as unknown as Record<string, SavedChecklistItem>)
  })
}

const noteInput = z
  .strictObject({
    conferenceId,
    /** The heading's id, as the practice model gives it (for example "danger_statements"). */
    headingId: requiredText(64),
    text: optionalText(20000),
    /** For a scaling question: a whole number in its range (Signs of Safety: 0 to 10). */
    score: z
      .number({ error: 'score must be a whole number' })
      .int({ error: 'score must be a whole number' })
      .optional(),
  })
  .refine((note) => note.text !== undefined || note.score !== undefined, {
    path: ['text'],
    error: 'is required: write the note, or give the score',
  })

export type SavePracticeNoteInput = z.input<typeof noteInput>

export interface PracticeNotes extends PracticeModel {
  notes: Record<string, SavedPracticeNote>
}

/**
 * Saves the note under one heading of the practice model (or the plain headings where the procedure
 * names none), as it is typed; a later save replaces that heading's note. The chair or the conference
 * administrator.
 */
export async function savePracticeNote(deps: AppDeps, actor: Actor, input: unknown): Promise<PracticeNotes> {
  requireRole(actor, MEETING_RECORDERS, "keep the meeting's notes")
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    "keep the meeting's notes",
    deps.clock(),
  )
  const parsed = validate(noteInput, input)
  const profile = councilProfile(deps)
  refuseIf(practiceNoteIssues(profile, parsed.headingId, parsed))
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, parsed.conferenceId, "keep the meeting's notes")
    const entry: SavedPracticeNote = {
      text: parsed.text ?? null,
      score: parsed.score ?? null,
      savedAt: nowText(deps),
      savedBy: actor.userId,
    }
    const record = await mergeMeetingEntry(
      trx,
      parsed.conferenceId,
      'practice_model',
      parsed.headingId,
      { ...entry },
      deps.clock(),
    )
    await audit(trx, actor, {
      action: 'meeting.practice_note_saved',
      subject: { type: 'conference', id: parsed.conferenceId },
      caseId: meeting.conference.caseId,
      after: { headingId: parsed.headingId, text: entry.text, score: entry.score },
    })
    return {
      ...practiceModel(profile),
      notes: record.practiceModel as unknown as Record<string, SavedPracticeNote>,
    }
  })
}

/**
 * What saveChecklistItem would refuse in `input`, found without saving anything: a form of several
 * items checks them all first, so that one refused saves none.
 */
export function checklistItemProblems(deps: AppDeps, input: unknown): Issue[] {
  const parsed = parseInput(checklistInput, input)
  return parsed.ok ? checklistItemIssues(councilProfile(deps), parsed.value.itemId) : parsed.issues
}

/** What savePracticeNote would refuse in `input`, found without saving anything (as checklistItemProblems). */
export function practiceNoteProblems(deps: AppDeps, input: unknown): Issue[] {
  const parsed = parseInput(noteInput, input)
  return parsed.ok
    ? practiceNoteIssues(councilProfile(deps), parsed.value.headingId, parsed.value)
    : parsed.issues
}
