import {
  addMonths,
  type DayNumber,
  fromYmd,
  type IsoDate,
  isWeekend,
  toIsoDate,
} from '../src/domain/calendar/iso-date.ts'
import { AGENCIES } from '../src/domain/deadlines/facts.ts'

/**
 * Synthetic child protection cases for the benchmarks: each one the facts of a case as the
 * deadlines API receives them (../shared/contracts/deadlines.md), with a history like a real one.
 * Deterministic: the same seed gives the same cases, byte for byte, on every machine.
 *
 * A case starts one of three ways: a section 47 enquiry leading to an initial conference (most),
 * a pre-birth conference for an unborn baby (with the birth once it has happened), or a child on
 * another authority's plan moving here (transfer-in). After the conference that starts the plan:
 * core groups every 4-6 weeks, social worker visits every 2-4 weeks, reviews at 3 months and then
 * every 6 months, the record of each conference and the signed plan reaching the agencies, now and
 * then an inquorate conference, and for some a child in need plan when the plan ends.
 * Every date falls in 2016-2027, which the shipped calendar covers (deadlines reach into 2028).
 */

export const PROFILE_IDS = ['kent_medway', 'wakefield', 'staffs_stoke', 'london', 'york'] as const

export type CaseStart = 'initial' | 'pre_birth' | 'transfer_in'

export interface SyntheticCase {
  profile: (typeof PROFILE_IDS)[number]
  start: CaseStart
  /** The facts as JSON text, as they would arrive in a request body. */
  json: string
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

class Dice {
  constructor(private readonly random: () => number) {}

  /** A whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.random() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T
  }

  /** One of the items, each with its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.random() * total
    for (const [item, weight] of choices) {
      roll -= weight
      if (roll < 0) return item
    }
    return choices[choices.length - 1]![0]
  }
}

/** The first Monday to Friday on or after a day: meetings and visits happen on weekdays. */
function weekdayOnOrAfter(day: DayNumber): DayNumber {
  let current = day
  while (isWeekend(current)) current += 1
  return current
}

/** Earliest first strategy discussion, and the latest day any event may fall on. */
const FIRST_DAY = fromYmd(2016, 1, 4)
const LAST_DAY = fromYmd(2027, 12, 31)
/**
 * The conference that starts a plan is held by this day, so that the longest limit counted from
 * it (a 16-month escalation) still ends inside the calendar's last year, 2028.
 */
const LAST_PLAN_START = fromYmd(2027, 6, 30)

const PROFESSIONAL_AGENCIES = AGENCIES.filter((agency) => agency !== 'other')
const CONFERENCE_TIMES = ['09:30', '10:00', '10:30', '13:00', '13:30', '14:00'] as const
const CORE_GROUP_NOTE_TAKERS = ['family_support_worker', 'health_visitor', 'school_designated_lead'] as const

type Event = Record<string, string | boolean> & { type: string }

interface Conference {
  kind: 'initial' | 'review' | 'pre_birth' | 'transfer_in'
  day: DayNumber
  plan: boolean
}

/** Builds the facts of one case; the events are sorted by date at the end, as a case system lists them. */
class CaseWriter {
  readonly events: { day: DayNumber; event: Event }[] = []

  constructor(private readonly dice: Dice) {}

  add(day: DayNumber, event: Event): void {
    this.events.push({ day, event })
  }

  /**
   * A conference: usually quorate; now and then inquorate, either going ahead anyway (an early
   * review follows) or re-dated, when the conference is held again a week or two later.
   * Answers the day the conference was in fact held.
   */
  conference(kind: Conference['kind'], day: DayNumber, plan: boolean): DayNumber {
    const dice = this.dice
    const timed = (held: DayNumber, fields: Record<string, string | boolean>) => {
      const start = dice.pick(CONFERENCE_TIMES)
      const [hours, minutes] = start.split(':').map(Number) as [number, number]
      const end = hours * 60 + minutes + dice.between(5, 10) * 15
      const endText = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`
      const event: Event = { type: 'conference', kind, date: toIsoDate(held) }
      if (dice.chance(0.9)) {
        event.start = start
        event.end = endText
      }
      this.add(held, Object.assign(event, fields))
    }
    const inquorate = dice.chance(0.04)
    if (inquorate && dice.chance(0.5)) {
      timed(day, { quorate: false, proceeded: false })
      const again = weekdayOnOrAfter(day + dice.between(5, 14))
      timed(again, { plan })
      return again
    }
    timed(day, inquorate ? { quorate: false, proceeded: true, plan } : { plan })
    return day
  }

  toFacts(profile: string, children: object[], attendees: object[]): string {
    const events = this.events
      .map((entry, order) => ({ ...entry, order }))
      .sort((a, b) => a.day - b.day || a.order - b.order)
      .map((entry) => entry.event)
    return JSON.stringify({ profile, events, children, attendees })
  }
}

function attendeesAt(dice: Dice, childAges: number[]): object[] {
  const attendees: object[] = [
    {
      agency: 'childrens_social_care',
      role: 'professional',
      direct_contact_with_child: true,
      expertise_only: false,
      in_person: true,
    },
  ]
  const agencies = new Set<string>()
  const professionals = dice.between(3, 9)
  while (agencies.size < professionals) agencies.add(dice.pick(PROFESSIONAL_AGENCIES))
  for (const agency of agencies)
    attendees.push({
      agency,
      role: 'professional',
      direct_contact_with_child: dice.chance(0.6),
      expertise_only: dice.chance(0.08),
      in_person: dice.chance(0.55),
    })
  for (let parent = dice.between(1, 2); parent > 0; parent -= 1)
    attendees.push({ agency: 'other', role: 'parent', in_person: dice.chance(0.8) })
  if (dice.chance(0.2)) attendees.push({ agency: 'other', role: 'supporter' })
  if (childAges.some((age) => age >= 12) && dice.chance(0.3))
    attendees.push({ agency: 'other', role: 'child', in_person: dice.chance(0.5) })
  if (dice.chance(0.15)) attendees.push({ agency: 'other', role: 'advocate' })
  if (dice.chance(0.1)) attendees.push({ agency: 'other', role: 'interpreter' })
  attendees.push({ agency: 'childrens_social_care', role: 'chair' })
  attendees.push({ agency: 'childrens_social_care', role: 'minute_taker' })
  return attendees
}

/** How many reviews a case has had by now: most plans last under a year, a few over two. */
const REVIEWS_HELD: readonly (readonly [number, number])[] = [
  [0, 34],
  [1, 26],
  [2, 20],
  [3, 12],
  [4, 8],
]

const CASE_STARTS: readonly (readonly [CaseStart, number])[] = [
  ['initial', 78],
  ['pre_birth', 12],
  ['transfer_in', 10],
]

/** One case's facts. */
function writeCase(dice: Dice, profile: string): { start: CaseStart; json: string } {
  const writer = new CaseWriter(dice)
  const start = dice.weighted(CASE_STARTS)
  const reviews = dice.weighted(REVIEWS_HELD)
  const endsWithChildInNeedPlan = reviews > 0 && dice.chance(0.12)
  // About how long the case runs from its first event to now, in days, to place it in 2016-2027.
  const span = 90 + (reviews === 0 ? 60 : 90 + 183 * reviews) + (start === 'pre_birth' ? 150 : 0)
  const latestStart = Math.min(LAST_PLAN_START - 120, LAST_DAY - span)
  const firstDay = weekdayOnOrAfter(dice.between(FIRST_DAY, latestStart))

  const children: { id: string; dob?: IsoDate; edd?: IsoDate }[] = []
  const childAges: number[] = []
  const siblings = start === 'pre_birth' ? dice.between(1, 3) : dice.between(2, 4)
  for (let i = 1; i <= siblings; i += 1) {
    const age = dice.between(0, 16)
    childAges.push(age)
    children.push({ id: `c${i}`, dob: toIsoDate(firstDay - age * 365 - dice.between(1, 360)) })
  }

  // The conference that starts the plan, and what led to it.
  let planStart: DayNumber
  let startKind: Conference['kind']
  let unbornId: string | undefined
  let edd: DayNumber | undefined
  if (start === 'transfer_in') {
    const moved = firstDay
    writer.add(moved, { type: 'child_moved', date: toIsoDate(moved) })
    const notified = weekdayOnOrAfter(moved + dice.between(1, 10))
    writer.add(notified, { type: 'transfer_notification', date: toIsoDate(notified) })
    planStart = weekdayOnOrAfter(notified + dice.between(12, 24))
    startKind = 'transfer_in'
  } else {
    // A strategy discussion that starts the s47 enquiry; sometimes an earlier one that did not,
    // sometimes a later one reviewing the enquiry.
    let discussion = firstDay
    if (dice.chance(0.2)) {
      writer.add(discussion, {
        type: 'strategy_discussion',
        date: toIsoDate(discussion),
        initiated_s47: false,
      })
      discussion = weekdayOnOrAfter(discussion + dice.between(2, 10))
    }
    if (start === 'initial' && dice.chance(0.03)) {
      const made = discussion - dice.between(0, 2)
      const order: Event = { type: 'epo', made: toIsoDate(made) }
      if (dice.chance(0.8)) order.expires = toIsoDate(made + 8)
      writer.add(made, order)
    }
    writer.add(discussion, { type: 'strategy_discussion', date: toIsoDate(discussion), initiated_s47: true })
    const s47 = discussion + dice.between(0, 1)
    writer.add(s47, { type: 's47_start', date: toIsoDate(s47) })
    if (dice.chance(0.25)) {
      const again = weekdayOnOrAfter(s47 + dice.between(3, 9))
      writer.add(again, { type: 'strategy_discussion', date: toIsoDate(again), initiated_s47: false })
    }
    if (start === 'pre_birth') {
      // The enquiry starts at 18-24 weeks of pregnancy; the conference is held at 26-31 weeks.
      const weeksPregnant = dice.between(18, 24)
      edd = discussion + 280 - 7 * weeksPregnant
      unbornId = `c${siblings + 1}`
      children.push({ id: unbornId, edd: toIsoDate(edd) })
      planStart = weekdayOnOrAfter(edd - 280 + 7 * dice.between(26, 31))
      startKind = 'pre_birth'
    } else {
      planStart = weekdayOnOrAfter(s47 + dice.between(12, 26))
      startKind = 'initial'
    }
  }

  // A few initial conferences decide on a child in need plan instead of a protection plan.
  const childInNeedAtStart = startKind === 'initial' && dice.chance(0.05)
  const held: Conference[] = []
  const startHeld = writer.conference(startKind, planStart, !childInNeedAtStart)
  held.push({ kind: startKind, day: startHeld, plan: !childInNeedAtStart })
  if (childInNeedAtStart)
    writer.add(startHeld, { type: 'cin_plan', date: toIsoDate(startHeld), from: 'icpc' })

  // The baby is born around the expected date; the first review follows 4-6 weeks after.
  let birth: DayNumber | undefined
  if (edd !== undefined && unbornId !== undefined && (reviews > 0 || dice.chance(0.5))) {
    birth = edd + dice.between(-21, 10)
    writer.add(birth, { type: 'birth', date: toIsoDate(birth), child: unbornId })
  }

  // Reviews: at 3 months (or after the birth), then every 6 months; the last may end the plan.
  let nextReview = birth !== undefined ? birth + 7 * dice.between(4, 6) : addMonths(startHeld, 3)
  for (let i = 1; i <= reviews && !childInNeedAtStart; i += 1) {
    const due = weekdayOnOrAfter(nextReview - dice.between(0, 14))
    const endsPlan = endsWithChildInNeedPlan && i === reviews
    const day = writer.conference('review', due, !endsPlan)
    held.push({ kind: 'review', day, plan: !endsPlan })
    if (endsPlan) writer.add(day, { type: 'cin_plan', date: toIsoDate(day), from: 'review' })
    nextReview = addMonths(day, 6)
  }
  const lastConference = held[held.length - 1]!
  const planEnded = !lastConference.plan
  let now = Math.min(LAST_DAY, lastConference.day + dice.between(7, planEnded ? 30 : 80))
  // A baby born after the pre-birth conference, before any review: now is a few days after the birth.
  if (birth !== undefined && birth > now) now = Math.min(LAST_DAY, birth + dice.between(1, 20))

  // The record of each conference reaches the family and agencies a week or three later.
  for (const conference of held) {
    const received = weekdayOnOrAfter(conference.day + dice.between(5, 20))
    if (received <= now) writer.add(received, { type: 'record_received', date: toIsoDate(received) })
  }

  // While the plan lasts: core groups every 4-6 weeks (the first within 10 working days, with the
  // signed plan reaching the agencies after it) and visits every 2-4 weeks.
  if (!childInNeedAtStart) {
    const planEnd = planEnded ? lastConference.day : now
    let coreGroup = weekdayOnOrAfter(startHeld + dice.between(3, 12))
    let first = true
    while (coreGroup <= planEnd) {
      const meeting: Event = { type: 'core_group', date: toIsoDate(coreGroup) }
      if (dice.chance(0.25)) meeting.notes_by = dice.pick(CORE_GROUP_NOTE_TAKERS)
      writer.add(coreGroup, meeting)
      if (first) {
        const received = weekdayOnOrAfter(coreGroup + dice.between(3, 12))
        if (received <= now) writer.add(received, { type: 'plan_received', date: toIsoDate(received) })
        first = false
      }
      coreGroup = weekdayOnOrAfter(coreGroup + dice.between(28, 42))
    }
    let visit = weekdayOnOrAfter(startHeld + dice.between(1, 10))
    while (visit <= planEnd) {
      writer.add(visit, { type: 'visit', date: toIsoDate(visit), seen_alone: dice.chance(0.7) })
      visit = weekdayOnOrAfter(visit + dice.between(14, 28))
    }
  }

  return { start, json: writer.toFacts(profile, children, attendeesAt(dice, childAges)) }
}

/** `count` cases spread evenly over the five profiles, the same for the same seed. */
export function syntheticCases(count: number, seed = 20_161_104): SyntheticCase[] {
  const dice = new Dice(seededRandom(seed))
  const cases: SyntheticCase[] = []
  for (let i = 0; i < count; i += 1) {
    const profile = PROFILE_IDS[i % PROFILE_IDS.length]!
    cases.push({ profile, ...writeCase(dice, profile) })
  }
  return cases
}
