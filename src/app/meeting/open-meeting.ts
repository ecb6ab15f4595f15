import type { Kysely } from 'kysely'
import { z } from 'zod'
import { type Person, peopleOfCase } from '../../db/case.repository.ts'
import {
  type Conference,
  findConference,
  lockConference,
  updateConference,
} from '../../db/conference.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import type { Attendee } from '../../db/meeting.repository.ts'
import type { ConferenceStatus, Database } from '../../db/schema.ts'
import { CalendarYearMissing } from '../../domain/calendar/working-calendar.ts'
import type { DeadlineAnswer, QuorumAnswer } from '../../domain/deadlines/answer.ts'
import { computeDeadlines } from '../../domain/deadlines/compute-deadlines.ts'
import {
  AGENCIES,
  type Agency,
  type Attendee as EngineAttendee,
  type Facts,
} from '../../domain/deadlines/facts.ts'
import { assessQuorum } from '../../domain/quorum/assess-quorum.ts'
import type { Role } from '../actor.ts'
import { CannotCompute, Conflict, NotFound } from '../errors.ts'
import { type AppDeps, councilProfile, type Trx } from '../use-case.ts'

/**
 * What the meeting's use-cases share: who may record the meeting, finding the conference and
 * checking that it can still be recorded, the quorum from the attendance, and the engine's answer
 * for the conference as it stands.
 */

/** Who records the meeting as it happens: the chair, and the conference administrator taking the minutes. */
export const MEETING_RECORDERS: readonly Role[] = ['chair', 'conference_administrator']
/** Who makes the meeting's decisions: the chair. */
export const CHAIR: readonly Role[] = ['chair']

export const conferenceId = z.uuid({ error: 'must be the id of a conference' })

const STATUS_WORDS: Record<ConferenceStatus, string> = {
  booked: 'booked',
  in_progress: 'in progress',
  inquorate: 'not quorate and re-dated',
  adjourned: 'adjourned',
  finalised: 'finalised',
  cancelled: 'cancelled',
}

/** The states in which the meeting can still be recorded. */
export const RECORDABLE: readonly ConferenceStatus[] = ['booked', 'in_progress', 'adjourned']

export interface SubjectChild {
  id: string
  name: string
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
}

export interface OpenMeeting {
  conference: Conference
  /** The children the conference is about, as the conference lists them. */
  children: SubjectChild[]
  /** Everyone on the case, for the household's children who are not subjects (D-PER-CHILD). */
  people: Person[]
}

const nameOf = (person: Person): string => `${person.firstName} ${person.lastName}`

/** The conference's children, eldest first (an unborn child last), then by name. */
export function subjectChildren(conference: Conference, people: readonly Person[]): SubjectChild[] {
  const byId = new Map(people.map((person) => [person.id, person]))
  const born = (child: SubjectChild) => child.dateOfBirth ?? child.expectedDateOfDelivery ?? '9999-12-31'
  return conference.childIds
    .flatMap((id) => {
      const person = byId.get(id)
      return person
        ? [
            {
              id,
              name: nameOf(person),
              dateOfBirth: person.dateOfBirth,
              expectedDateOfDelivery: person.expectedDateOfDelivery,
            },
          ]
        : []
    })
    .sort((a, b) => born(a).localeCompare(born(b)) || a.name.localeCompare(b.name))
}

export async function readMeeting(db: Kysely<Database>, id: string): Promise<OpenMeeting> {
  const conference = await findConference(db, id)
  if (!conference) throw new NotFound('The conference')
  const people = await peopleOfCase(db, conference.caseId)
  return { conference, children: subjectChildren(conference, people), people }
}

/**
 * Locks the conference for the rest of the transaction and reads it; refuses (Conflict) unless it
 * is in one of `allowed`. A booked conference is in progress from the first thing recorded.
 */
export async function openMeeting(
  trx: Trx,
  id: string,
  doing: string,
  allowed: readonly ConferenceStatus[] = RECORDABLE,
): Promise<OpenMeeting> {
  const status = await lockConference(trx, id)
  if (status === undefined) throw new NotFound('The conference')
  if (!allowed.includes(status))
    throw new Conflict(`The conference is ${STATUS_WORDS[status]}, so you cannot ${doing}.`)
  if (status === 'booked') await updateConference(trx, id, ['booked'], { status: 'in_progress' })
  return readMeeting(trx, id)
}

const KNOWN_AGENCIES = new Set<string>(AGENCIES)

/** An attendee as the quorum engine reads them; an agency it does not know counts as "other". */
export function engineAttendee(attendee: Attendee): EngineAttendee {
  return {
    agency: (attendee.agency !== null && KNOWN_AGENCIES.has(attendee.agency)
      ? attendee.agency
      : 'other') as Agency,
    role: attendee.role,
    direct_contact_with_child: attendee.directContactWithChild,
    expertise_only: attendee.expertiseOnly,
    in_person: attendee.inPerson,
  }
}

/** The quorum of the meeting as attended, from the engine (Q-MIN, Q-COUNT), with its reason and citation. */
export function quorumOf(deps: AppDeps, attendance: readonly Attendee[]): QuorumAnswer {
  return assessQuorum(attendance.map(engineAttendee), councilProfile(deps))
}

/**
 * The engine's answer for this conference: the conference as held (or not) and the subject
 * children, with a birth for each child of a pre-birth conference who has since been born.
 */
export function conferenceDeadlines(
  deps: AppDeps,
  meeting: OpenMeeting,
  held: { quorate: boolean; proceeded: boolean; plan: boolean },
  childIds?: readonly string[],
): DeadlineAnswer {
  const { conference } = meeting
  const children = meeting.children.filter((child) => childIds === undefined || childIds.includes(child.id))
  const events: Facts['events'] = [
    {
      type: 'conference',
      kind: conference.kind,
      date: conference.date,
      ...(conference.startTime !== null ? { start: conference.startTime } : {}),
      ...(conference.endTime !== null && conference.startTime !== null ? { end: conference.endTime } : {}),
      quorate: held.quorate,
      proceeded: held.proceeded,
      plan: held.plan,
      extension_authorised: false,
    },
  ]
  const facts: Facts = { events, children: [] }
  for (const child of children) {
    if (child.dateOfBirth !== null) {
      facts.children.push({ id: child.id, dob: child.dateOfBirth })
      if (conference.kind === 'pre_birth' && child.dateOfBirth >= conference.date)
        events.push({ type: 'birth', date: child.dateOfBirth, child: child.id })
    } else if (child.expectedDateOfDelivery !== null) {
      facts.children.push({ id: child.id, edd: child.expectedDateOfDelivery })
    }
  }
  try {
    return computeDeadlines(facts, councilProfile(deps), deps.library.calendar)
  } catch (error) {
    if (error instanceof CalendarYearMissing) throw new CannotCompute(error.message, 'date')
    throw error
  }
}

/** Now, as the ISO text kept in the meeting record. */
export function nowText(deps: AppDeps): string {
  return deps.clock().toISOString()
}

/** A value as the audit record keeps it: plain JSON. */
export function asJson(value: unknown): JsonInput {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonInput
}

/** An object as the meeting record keeps it: plain JSON fields. */
export function asJsonObject(value: object): { [key: string]: JsonInput } {
  return asJson(value) as { [key: string]: JsonInput }
}
