import {
  type Case,
  findCase,
  type Person,
  parentalResponsibilityOfCase,
  peopleOfCase,
} from '../../db/case.repository.ts'
import { type Conference, findConference } from '../../db/conference.repository.ts'
import { CalendarYearMissing } from '../../domain/calendar/working-calendar.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import { computeDeadlines } from '../../domain/deadlines/compute-deadlines.ts'
import type { Facts } from '../../domain/deadlines/facts.ts'
import type { ConferenceForMessage, DueLine } from '../../notify/conference-messages.ts'
import { CannotCompute, Conflict, NotFound } from '../errors.ts'
import { type AppDeps, councilProfile, type Trx } from '../use-case.ts'

/**
 * What the invitation and report use-cases share: the conference with its case and people, the
 * engine's dates for this conference, and the refusal of changes to a conference that is over.
 */

type Reader = AppDeps['db'] | Trx

export interface ConferenceContext {
  conference: Conference
  case: Case
  /** Everyone in the case, by id. */
  people: Map<string, Person>
  /** For each adult, the children they hold parental responsibility for. */
  parentalResponsibility: Map<string, string[]>
}

export async function loadConference(db: Reader, conferenceId: string): Promise<ConferenceContext> {
  const conference = await findConference(db, conferenceId)
  if (!conference) throw new NotFound('The conference')
  const theCase = await findCase(db, conference.caseId)
  if (!theCase) throw new NotFound('The conference’s case')
  const people = new Map((await peopleOfCase(db, theCase.id)).map((person) => [person.id, person]))
  const parentalResponsibility = new Map<string, string[]>()
  for (const { adultId, childId } of await parentalResponsibilityOfCase(db, theCase.id))
    parentalResponsibility.set(adultId, [...(parentalResponsibility.get(adultId) ?? []), childId])
  return { conference, case: theCase, people, parentalResponsibility }
}

/** Invitations, reports and exclusions change only while the conference is still to be held or sitting. */
export function requireOpen(conference: Conference, doing: string): void {
  if (conference.status === 'finalised' || conference.status === 'cancelled')
    throw new Conflict(`The conference is ${conference.status}: you cannot ${doing}.`)
}

export function fullName(person: Pick<Person, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`
}

/** The conference as its messages describe it. */
export function conferenceForMessage(context: ConferenceContext): ConferenceForMessage {
  const { conference } = context
  return {
    kind: conference.kind,
    date: conference.date,
    startTime: conference.startTime?.slice(0, 5) ?? null,
    endTime: conference.endTime?.slice(0, 5) ?? null,
    venue: conference.venue,
    remoteLink: conference.remoteLink,
    childNames: conference.childIds.map((id) => context.people.get(id)?.firstName ?? 'the child'),
    familyName: context.case.familyName,
    caseReference: context.case.reference,
  }
}

/**
 * The engine's deadlines for this conference under the council's procedure, for the rules named:
 * computed from the conference itself (its kind, date and times), so every date carries the rule,
 * the reason and the citation the engine gives.
 */
export function conferenceDeadlines(
  deps: AppDeps,
  conference: Conference,
  ruleIds: readonly string[],
): Deadline[] {
  const start = conference.startTime?.slice(0, 5)
  const end = conference.endTime?.slice(0, 5)
  const facts: Facts = {
    events: [
      {
        type: 'conference',
        kind: conference.kind,
        date: conference.date,
        ...(start ? { start } : {}),
        ...(start && end ? { end } : {}),
        quorate: true,
        proceeded: false,
        extension_authorised: false,
      },
    ],
    children: [],
  }
  try {
    const answer = computeDeadlines(facts, councilProfile(deps), deps.library.calendar)
    return answer.deadlines.filter((deadline) => ruleIds.includes(deadline.rule))
  } catch (error) {
    if (error instanceof CalendarYearMissing) throw new CannotCompute(error.message, 'conferenceId')
    throw error
  }
}

/**
 * conferenceDeadlines for a page that is shown whatever the engine answers: where it cannot give
 * the dates (CannotCompute: the calendar lacks the year), no deadlines and its reason why not.
 */
export function conferenceDeadlinesOrWhyNot(
  deps: AppDeps,
  conference: Conference,
  ruleIds: readonly string[],
): { deadlines: Deadline[]; whyNot: string | null } {
  try {
    return { deadlines: conferenceDeadlines(deps, conference, ruleIds), whyNot: null }
  } catch (error) {
    if (!(error instanceof CannotCompute)) throw error
    return { deadlines: [], whyNot: error.message }
  }
}

/** The engine's deadlines as a message lists them. */
export function dueLines(deadlines: readonly Deadline[]): DueLine[] {
  return deadlines.map((deadline) => ({
    rule: deadline.rule,
    date: deadline.date ?? null,
    why: deadline.why,
    source: deadline.source,
  }))
}

/** A date from the engine, as a use-case returns it for a page: the date (or null), rule, reason, citation. */
export interface DueDate {
  rule: string
  for: string | null
  date: string | null
  why: string
  source: string
}

export function dueDates(deadlines: readonly Deadline[]): DueDate[] {
  return deadlines.map((deadline) => ({
    rule: deadline.rule,
    for: deadline.for ?? null,
    date: deadline.date ?? null,
    why: deadline.why,
    source: deadline.source,
  }))
}
