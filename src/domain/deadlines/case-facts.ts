import { type DayNumber, toDayNumber } from '../calendar/iso-date.ts'
import type { Attendee, Child, ConferenceEvent, EventOf, Facts, FactsEvent } from './facts.ts'

/** An event with its day number, in the order of the facts' dates. */
export type Dated<E> = E & { day: DayNumber }

export interface UnbornChild {
  id: string
  edd: DayNumber
  eddIso: string
}

export interface BornChild {
  id: string
  dob: DayNumber
}

/** The facts, indexed once so that each rule reads only the events it anchors on. */
export interface CaseFacts {
  strategyDiscussions: Dated<EventOf<'strategy_discussion'>>[]
  conferences: Dated<ConferenceEvent>[]
  births: Dated<EventOf<'birth'>>[]
  transferNotifications: Dated<EventOf<'transfer_notification'>>[]
  childMoves: Dated<EventOf<'child_moved'>>[]
  coreGroups: Dated<EventOf<'core_group'>>[]
  recordsReceived: Dated<EventOf<'record_received'>>[]
  plansReceived: Dated<EventOf<'plan_received'>>[]
  visits: Dated<EventOf<'visit'>>[]
  cinPlans: Dated<EventOf<'cin_plan'>>[]
  s47Starts: Dated<EventOf<'s47_start'>>[]
  epos: (EventOf<'epo'> & { day: DayNumber; expiresDay?: DayNumber })[]
  caos: Dated<EventOf<'cao'>>[]
  children: Child[]
  unborn: UnbornChild[]
  born: BornChild[]
  attendees?: Attendee[]
}

function dateOf(event: FactsEvent): string {
  switch (event.type) {
    case 'epo':
      return event.made
    case 'cao':
      return event.concluded
    default:
      return event.date
  }
}

export function indexFacts(facts: Facts): CaseFacts {
  const index: CaseFacts = {
    strategyDiscussions: [],
    conferences: [],
    births: [],
    transferNotifications: [],
    childMoves: [],
    coreGroups: [],
    recordsReceived: [],
    plansReceived: [],
    visits: [],
    cinPlans: [],
    s47Starts: [],
    epos: [],
    caos: [],
    children: facts.children,
    unborn: [],
    born: [],
    ...(facts.attendees ? { attendees: facts.attendees } : {}),
  }
  const events = facts.events
    .map((event, order) => ({ event, order, day: toDayNumber(dateOf(event)) }))
    .sort((a, b) => a.day - b.day || a.order - b.order)
  for (const { event, day } of events) {
    switch (event.type) {
      case 'strategy_discussion':
        index.strategyDiscussions.push({ ...event, day })
        break
      case 'conference':
        index.conferences.push({ ...event, day })
        break
      case 'birth':
        index.births.push({ ...event, day })
        break
      case 'transfer_notification':
        index.transferNotifications.push({ ...event, day })
        break
      case 'child_moved':
        index.childMoves.push({ ...event, day })
        break
      case 'core_group':
        index.coreGroups.push({ ...event, day })
        break
      case 'record_received':
        index.recordsReceived.push({ ...event, day })
        break
      case 'plan_received':
        index.plansReceived.push({ ...event, day })
        break
      case 'visit':
        index.visits.push({ ...event, day })
        break
      case 'cin_plan':
        index.cinPlans.push({ ...event, day })
        break
      case 's47_start':
        index.s47Starts.push({ ...event, day })
        break
      case 'epo':
        index.epos.push({
          ...event,
          day,
          ...(event.expires !== undefined ? { expiresDay: toDayNumber(event.expires) } : {}),
        })
        break
      case 'cao':
        index.caos.push({ ...event, day })
        break
    }
  }
  const bornIds = new Map<string, DayNumber>()
  for (const birth of index.births) if (birth.child !== undefined) bornIds.set(birth.child, birth.day)
  for (const child of facts.children) {
    const birthDay = bornIds.get(child.id)
    if (child.dob !== undefined) index.born.push({ id: child.id, dob: toDayNumber(child.dob) })
    else if (birthDay !== undefined) index.born.push({ id: child.id, dob: birthDay })
    else if (child.edd !== undefined)
      index.unborn.push({ id: child.id, edd: toDayNumber(child.edd), eddIso: child.edd })
  }
  return index
}

/** A conference that took place: an inquorate one counts only where the chair went ahead with it. */
export function wasHeld(conference: ConferenceEvent): boolean {
  return conference.quorate || conference.proceeded
}

/** Whether a conference made or continued a plan; the contract reads a missing `plan` as yes. */
export function madePlan(conference: ConferenceEvent): boolean {
  return conference.plan !== false
}

export const PLAN_STARTING_KINDS = new Set(['initial', 'pre_birth', 'transfer_in'])

export function latestConference(facts: CaseFacts): Dated<ConferenceEvent> | undefined {
  return facts.conferences[facts.conferences.length - 1]
}
