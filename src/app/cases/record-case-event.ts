import { z } from 'zod'
import {
  type CaseEvent,
  findCase,
  findPerson,
  insertCaseEvent,
  type Person,
  updatePersonDetails,
} from '../../db/case.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import type { CaseEventType } from '../../db/schema.ts'
import {
  type ProcedureNote,
  preBirthCriteriaIssues,
  procedureNote,
} from '../../domain/conference/convening.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  type Trx,
  validate,
} from '../use-case.ts'
import {
  bool,
  isoDate,
  optionalIsoDate,
  optionalRecordId,
  optionalText,
  recordId,
  requiredText,
  todayOf,
} from './input-fields.ts'

const notes = optionalText(2000)
const childIds = z.array(recordId, { error: 'must be a list of children' }).max(30).optional()

export const S47_OUTCOMES = [
  /** Concerns substantiated and the child judged likely to suffer significant harm: a conference is convened. */
  'convene_conference',
  /** Concerns substantiated but the child not judged at continuing risk of significant harm. */
  'substantiated_not_at_continuing_risk',
  'not_substantiated',
] as const

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ caseId: recordId, type: z.literal(type), notes, ...shape })

/**
 * The events of a case, mirroring the deadlines contract's event types (src/domain/deadlines/facts.ts)
 * plus the section 47 outcome and pre-birth criteria met. Each is dated the day it happened.
 */
const recordCaseEventInput = z.discriminatedUnion(
  'type',
  [
    event('strategy_discussion', { date: isoDate, initiatedS47: bool('initiatedS47') }),
    event('s47_start', { date: isoDate, childIds }),
    event('s47_outcome', {
      date: isoDate,
      outcome: z.enum(S47_OUTCOMES, { error: `must be one of: ${S47_OUTCOMES.join(', ')}` }),
      childIds,
    }),
    event('epo', { made: isoDate, expires: optionalIsoDate, childIds }),
    event('cao', { concluded: isoDate, childIds }),
    event('transfer_notification', { date: isoDate, fromAuthority: optionalText(200) }),
    event('child_moved', { date: isoDate, childIds }),
    /** A baby was born: records the date of birth on the unborn child, who becomes a child. */
    event('birth', { date: isoDate, childId: recordId }),
    event('core_group', { date: isoDate, notesBy: optionalText(100) }),
    event('visit', { date: isoDate, seenAlone: bool('seenAlone').default(false), childIds }),
    event('record_received', { date: isoDate, recipient: optionalText(200), conferenceId: optionalRecordId }),
    event('plan_received', { date: isoDate, agency: optionalText(200) }),
    event('cin_plan', {
      date: isoDate,
      from: z.enum(['icpc', 'review'], { error: 'must be icpc or review' }),
      childIds,
    }),
    /** PB-CRITERIA: which of the procedure's pre-birth criteria are met, for an unborn child. */
    event('pre_birth_criteria', {
      date: isoDate,
      childId: recordId,
      criteria: z
        .array(requiredText(500), { error: 'must be a list of criteria' })
        .min(1, { error: 'choose at least one criterion' })
        .max(30),
    }),
  ],
  {
    error:
      'type must be one of: strategy_discussion, s47_start, s47_outcome, epo, cao, transfer_notification, child_moved, birth, core_group, visit, record_received, plan_received, cin_plan, pre_birth_criteria',
  },
)

export type RecordCaseEventInput = z.input<typeof recordCaseEventInput>
type EventInput = z.infer<typeof recordCaseEventInput>

export interface CaseEventRecorded {
  event: CaseEvent
  /** For a birth: the child as now recorded, with their date of birth. */
  child?: Person
  /** What the procedure says, for events a rule of the profile governs (PB-CRITERIA). */
  procedure?: ProcedureNote
}

function occurredOn(value: EventInput): { date: string; field: string } {
  if (value.type === 'epo') return { date: value.made, field: 'made' }
  if (value.type === 'cao') return { date: value.concluded, field: 'concluded' }
  return { date: value.date, field: 'date' }
}

/** Everything but the case, the type and the day, as stored in case_events.details. */
function detailsOf(value: EventInput): { [key: string]: JsonInput | undefined } {
  const { caseId: _case, type: _type, ...rest } = value
  const details: { [key: string]: JsonInput | undefined } = { ...rest }
  delete details.date
  delete details.made
  delete details.concluded
  return details
}

async function childrenIssues(
  trx: Trx,
  caseId: string,
  ids: readonly string[],
  field: string,
): Promise<Issue[]> {
  const issues: Issue[] = []
  for (const [i, id] of ids.entries()) {
    const person = await findPerson(trx, id)
    if (!person || person.caseId !== caseId || (person.role !== 'child' && person.role !== 'unborn'))
      issues.push({ field: `${field}[${i}]`, message: 'is not a child on this case' })
  }
  return issues
}

async function unbornChild(
  trx: Trx,
  caseId: string,
  id: string,
): Promise<{ child?: Person; issues: Issue[] }> {
  const person = await findPerson(trx, id)
  if (!person || person.caseId !== caseId)
    return { issues: [{ field: 'childId', message: 'is not a child on this case' }] }
  if (person.role !== 'unborn')
    return {
      issues: [
        {
          field: 'childId',
          message: `${person.firstName} ${person.lastName} is not recorded as an unborn child`,
        },
      ],
    }
  return { child: person, issues: [] }
}

const CASE_WRITERS = ['social_worker', 'team_manager', 'conference_administrator'] as const

/**
 * Records something that happened on a case: a strategy discussion (and whether it started the
 * section 47 enquiry), the enquiry's start and outcome, orders, transfer, a move, a birth, a core
 * group, a visit, a record or plan received, a child in need plan, pre-birth criteria met. Dates
 * cannot be in the future. Social workers, team managers and conference administrators.
 */
export async function recordCaseEvent(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<CaseEventRecorded> {
  requireRole(actor, CASE_WRITERS, 'record what happened on a case')
  await requireCaseRole(
    deps.db,
    actor,
    idIn(input, 'caseId'),
    CASE_WRITERS,
    'record what happened on a case',
    deps.clock(),
  )
  const value = validate(recordCaseEventInput, input)
  const profile = councilProfile(deps)
  const day = occurredOn(value)
  const issues: Issue[] = []
  if (day.date > todayOf(deps)) issues.push({ field: day.field, message: 'cannot be in the future' })
  if (value.type === 'epo' && value.expires !== undefined && value.expires < value.made)
    issues.push({ field: 'expires', message: 'the order cannot expire before it was made' })
  if (value.type === 'pre_birth_criteria') issues.push(...preBirthCriteriaIssues(value.criteria, profile))
  refuseIf(issues)

  return inTransaction(deps, async (trx) => {
    const found = await findCase(trx, value.caseId)
    if (!found) throw new NotFound('The case')
    if ('childIds' in value && value.childIds)
      refuseIf(await childrenIssues(trx, found.id, value.childIds, 'childIds'))
    let born: { before: Person; after: Person } | undefined
    if (value.type === 'birth' || value.type === 'pre_birth_criteria') {
      const unborn = await unbornChild(trx, found.id, value.childId)
      refuseIf(unborn.issues)
      if (value.type === 'birth') {
        const after = await updatePersonDetails(trx, unborn.child!.id, {
          role: 'child',
          dateOfBirth: value.date,
        })
        born = { before: unborn.child!, after }
      }
    }
    const recorded = await insertCaseEvent(trx, {
      caseId: found.id,
      type: value.type as CaseEventType,
      occurredOn: day.date,
      details: detailsOf(value),
      recordedBy: actor.userId,
      recordedAt: deps.clock(),
    })
    await audit(trx, actor, {
      action: 'case_event.recorded',
      subject: { type: 'case_event', id: recorded.id },
      caseId: found.id,
      after: { ...recorded, recordedAt: recorded.recordedAt },
    })
    if (born)
      await audit(trx, actor, {
        action: 'person.born',
        subject: { type: 'person', id: born.after.id },
        caseId: found.id,
        before: { ...born.before },
        after: { ...born.after },
      })
    return {
      event: recorded,
      ...(born ? { child: born.after } : {}),
      ...(value.type === 'pre_birth_criteria' ? { procedure: procedureNote(profile, 'PB-CRITERIA') } : {}),
    }
  })
}
