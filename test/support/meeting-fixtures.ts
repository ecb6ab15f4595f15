import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { RecordAttendanceInput } from '../../src/app/meeting/record-attendance.ts'
import type { Database } from '../../src/db/schema.ts'
import { type ConferenceSpec, countRows, makeConference, makeUser } from './factories.ts'
import { fieldsOf } from './refusals.ts'

/**
 * What the meeting's tests share: a chaired conference, attendance that is and is not quorate, the
 * decisions a chair records, and a snapshot of what is stored to show that a refusal changed nothing.
 */

type Db = Kysely<Database>

/** A clock during the conference the factories book by default (Tuesday 12 May 2026). */
export const DURING_MEETING = '2026-05-12T11:00:00Z'

/**
 * A member of staff with the chair's role and a booked conference they are named to chair (by default
 * about one child), with its first child.
 */
export async function chairedConference(db: Db, spec: ConferenceSpec = {}) {
  const chair = await makeUser(db, 'chair')
  const conference = await makeConference(db, { chairId: chair.userId, ...spec })
  return { chair, conference, childId: conference.childIds[0]! }
}

type AttendeeInput = RecordAttendanceInput['attendees'][number]

export const SOCIAL_WORKER: AttendeeInput = {
  name: 'Sam Okafor',
  role: 'professional',
  agency: 'childrens_social_care',
  capacity: 'social worker',
  directContactWithChild: true,
}
export const POLICE: AttendeeInput = {
  name: 'DC Lee Hart',
  role: 'professional',
  agency: 'police',
  capacity: 'detective constable',
  directContactWithChild: true,
}
export const HEALTH_VISITOR: AttendeeInput = {
  name: 'Ama Boateng',
  role: 'professional',
  agency: 'health_visiting',
  capacity: 'health visitor',
  directContactWithChild: true,
}
export const TEACHER: AttendeeInput = {
  name: 'Jo Price',
  role: 'professional',
  agency: 'school',
  capacity: 'designated safeguarding lead',
  directContactWithChild: true,
}
export const MOTHER: AttendeeInput = { name: 'Dana Example', role: 'parent', capacity: 'mother' }

/** Quorate under London, Kent and York: social care, police in person and two more with direct contact. */
export const QUORATE = [SOCIAL_WORKER, POLICE, HEALTH_VISITOR, TEACHER, MOTHER]
/** Not quorate anywhere that sets a quorum: social care and one other agency. */
export const INQUORATE = [SOCIAL_WORKER, TEACHER, MOTHER]

/** The tables the meeting's use-cases write. */
export const MEETING_TABLES = [
  'attendance',
  'meeting_records',
  'decisions',
  'plan_actions',
  'core_group_members',
  'conferences',
  'conference_children',
  'outbox',
  'audit_log',
] as const satisfies readonly (keyof Database)[]

/**
 * Everything a refused use-case might have changed: the number of rows in each table it writes, and
 * the conference's own row, meeting record and decisions as stored.
 */
export async function snapshot(db: Db, conferenceId: string) {
  return {
    counts: await countRows(db, MEETING_TABLES),
    conference: await db
      .selectFrom('conferences')
      .selectAll()
      .where('id', '=', conferenceId)
      .executeTakeFirst(),
    record: await db
      .selectFrom('meeting_records')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .executeTakeFirst(),
    decisions: await db
      .selectFrom('decisions')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .orderBy('id')
      .execute(),
  }
}

/**
 * Runs a meeting use-case that must be refused and returns its error, after checking that nothing of
 * the conference's meeting changed (see snapshot).
 */
export async function refusedWithMeetingUnchanged(
  db: Db,
  conferenceId: string,
  run: () => Promise<unknown>,
): Promise<unknown> {
  const before = await snapshot(db, conferenceId)
  let refusal: unknown
  try {
    await run()
  } catch (error) {
    refusal = error
  }
  if (refusal === undefined) throw new Error('expected the use-case to be refused, but it succeeded')
  expect(await snapshot(db, conferenceId)).toEqual(before)
  return refusal
}

/** Runs a meeting use-case that must fail validation: the fields it names, with nothing changed. */
export async function refusedFields(
  db: Db,
  conferenceId: string,
  run: () => Promise<unknown>,
): Promise<string[]> {
  return fieldsOf(await refusedWithMeetingUnchanged(db, conferenceId, run))
}

/** A decision that the child needs a plan, with everything the procedures ask for; override what a test is about. */
export function planDecision(conferenceId: string, childId: string, overrides: Record<string, unknown> = {}) {
  return {
    conferenceId,
    childId,
    threshold: { met: true, limb: 'both' },
    professionalViews: [
      { name: SOCIAL_WORKER.name, agency: 'childrens_social_care', view: 'plan', category: 'neglect' },
      { name: HEALTH_VISITOR.name, agency: 'health_visiting', view: 'plan', category: 'neglect' },
    ],
    categories: ['neglect'],
    parents: { views: 'Mother accepts the plan.', disagree: false },
    outlinePlan: {
      sections: {},
      actions: [
        { action: 'Health visitor to visit weekly', owner: HEALTH_VISITOR.name, dueOn: '2026-06-30' },
      ],
    },
    coreGroup: [
      { name: SOCIAL_WORKER.name, agency: 'childrens_social_care', role: 'lead social worker' },
      { name: MOTHER.name, role: 'mother' },
    ],
    ...overrides,
  }
}

/** A decision that the child does not need a plan but has a child in need plan. */
export function childInNeedDecision(
  conferenceId: string,
  childId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    conferenceId,
    childId,
    threshold: { met: false },
    professionalViews: [
      { name: SOCIAL_WORKER.name, agency: 'childrens_social_care', view: 'no_plan' },
      { name: HEALTH_VISITOR.name, agency: 'health_visiting', view: 'no_plan' },
    ],
    parents: { views: 'Father agrees.' },
    noPlan: { childInNeedPlan: true, recommendations: 'Family support worker for three months.' },
    ...overrides,
  }
}
