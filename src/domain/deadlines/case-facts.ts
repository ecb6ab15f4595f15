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

/**
 * The event with its day number, a copy so that the facts given stay as they were. Each type's
 * fields are copied by name: spreading every event costs more than the rest of the indexing
 * (case-facts.test.ts checks that every field the contract allows is copied).
 */
function addDated(index: CaseFacts, event: FactsEvent, day: DayNumber): void {
  switch (event.type) {
    case 'strategy_discussion':
      index.strategyDiscussions.push({
        type: event.type,
        date: event.date,
        initiated_s47: event.initiated_s47,
        day,
      })
      break
    case 'conference':
      index.conferences.push({
        type: event.type,
        kind: event.kind,
        date: event.date,
        start: event.start,
        end: event.end,
        quorate: event.quorate,
        proceeded: event.proceeded,
        plan: event.plan,
        extension_authorised: event.extension_authorised,
        day,
      })
      break
    case 'birth':
      index.births.push({ type: event.type, date: event.date, child: event.child, day })
      break
    case 'transfer_notification':
      index.transferNotifications.push({ type: event.type, date: event.date, day })
      break
    case 'child_moved':
      index.childMoves.push({ type: event.type, date: event.date, day })
      break
    case 'core_group':
      index.coreGroups.push({ type: event.type, date: event.date, notes_by: event.notes_by, day })
      break
    case 'record_received':
      index.recordsReceived.push({ type: event.type, date: event.date, day })
      break
    case 'plan_received':
      index.plansReceived.push({ type: event.type, date: event.date, day })
      break
    case 'visit':
      index.visits.push({ type: event.type, date: event.date, seen_alone: event.seen_alone, day })
      break
    case 'cin_plan':
      index.cinPlans.push({ type: event.type, date: event.date, from: event.from, day })
      break
    case 's47_start':
      index.s47Starts.push({ type: event.type, date: event.date, day })
      break
    case 'epo':
      index.epos.push({
        type: event.type,
        made: event.made,
        expires: event.expires,
        day,
        expiresDay: event.expires !== undefined ? toDayNumber(event.expires) : undefined,
      })
      break
    case 'cao':
      index.caos.push({ type: event.type, concluded: event.concluded, day })
      break
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
  // In date order, events on the same day in the order given. Facts usually list their events
  // by date already, and then need no sorting.
  const events = facts.events
  const days = new Array<DayNumber>(events.length)
  let inOrder = true
  for (let i = 0; i < events.length; i += 1) {
    days[i] = toDayNumber(dateOf(events[i]!))
    if (i > 0 && days[i]! < days[i - 1]!) inOrder = false
  }
  if (inOrder) {
    for (let i = 0; i < events.length; i += 1) addDated(index, events[i]!, days[i]!)
  } else {
    const order = events.map((_, i) => i).sort((a, b) => days[a]! - days[b]! || a - b)
    for (const i of order) addDated(index, events[i]!, days[i]!)
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
