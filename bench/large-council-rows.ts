import { actorLabel } from '../src/app/actor.ts'
import { type TimelinessNote, timelinessOf } from '../src/app/convening/booking.ts'
import { type DayNumber, isWeekend, toDayNumber, toIsoDate } from '../src/domain/calendar/iso-date.ts'
import type { WorkingCalendar } from '../src/domain/calendar/working-calendar.ts'
import { preBirthCriteria, procedureNote, schedulingChecks } from '../src/domain/conference/convening.ts'
import { dateBasis, dateLimit, outlinePlanSections } from '../src/domain/conference/outline-plan.ts'
import {
  type ReportKind,
  type ReportOutline,
  reportOutline,
} from '../src/domain/conference/report-contents.ts'
import type { DeadlineAnswer } from '../src/domain/deadlines/answer.ts'
import { computeDeadlines } from '../src/domain/deadlines/compute-deadlines.ts'
import { parseFacts } from '../src/domain/deadlines/facts.ts'
import type { Profile } from '../src/domain/procedure/profile.ts'
import type { BulkWriter, Row, TableName } from './bulk-writer.ts'
import type { Dice } from './council-dice.ts'
import {
  type EpisodePlan,
  type FamilyPlan,
  type PersonPlan,
  type Professional,
  type Staff,
  type StaffMember,
  TODAY,
} from './large-council-plan.ts'

/**
 * The rows of the fictional council, written through the bulk writer: staff and practitioners, and
 * each episode of each family as the service would have recorded it, step by step: the enquiry, the
 * request and the manager's decision, each conference with its invitations, reports, attendance,
 * quorum, decisions, core group and outline plan, the core groups and visits between conferences,
 * and an audit record for every change. Upcoming conferences (the next three weeks) are booked with
 * invitations out, replies and reports coming in, and their messages in the outbox.
 *
 * Every date limit written with a record (a booking's timeliness, a decision's date basis, a
 * quorum) is the deadlines engine's own answer under the council's procedure, with its rule and
 * citation; nothing is made up. Text is short and fictional.
 */

/** The tables in the order a flush writes them: every foreign key's row before the rows that use it. */
export const TABLE_ORDER: readonly TableName[] = [
  'users',
  'professionals',
  'cases',
  'people',
  'parental_responsibility',
  'case_events',
  'conference_requests',
  'conferences',
  'conference_children',
  'invitations',
  'reports',
  'attendance',
  'meeting_records',
  'child_participation',
  'decisions',
  'plan_actions',
  'core_group_members',
  'audit_log',
  'outbox',
]

const START_TIMES = ['09:30', '10:00', '10:30', '13:00', '13:30'] as const
const VENUES = [
  'Northbridge Civic Centre, Meeting Room 3 (fictional)',
  'Eastmoor Family Hub, Conference Room (fictional)',
  'Saltby Children’s Centre, Room 1 (fictional)',
  'Kelderton Council Offices, Room 2.14 (fictional)',
  'Ashcombe Library, Community Room (fictional)',
] as const
/** Practitioners who see the child themselves (for the quorum). */
const DIRECT_CONTACT = new Set(['gp', 'health_visiting', 'school', 'school_nursing', 'midwifery'])
const CATEGORIES = [
  ['neglect', 48],
  ['emotional', 38],
  ['physical', 9],
  ['sexual', 5],
] as const
const FIRST_RULE: Record<string, string> = {
  initial: 'T-ICPC-DUE',
  pre_birth: 'T-PB-ICPC',
  transfer_in: 'T-TRANSFER-IN',
}

/** Conferences in the next three weeks are booked; later reviews are not yet. */
const UPCOMING_DAYS = 21

type Kind = 'initial' | 'review' | 'pre_birth' | 'transfer_in'
type Mode = 'held' | 'inquorate' | 'cancelled' | 'upcoming'

interface EngineAttendee {
  agency: string
  role: string
  direct_contact_with_child: boolean
  in_person: boolean
}

interface ConferenceSpec {
  kind: Kind
  date: DayNumber
  bookedDay: DayNumber
  requestId: string | null
  timeliness: TimelinessNote[]
  delay: Record<string, unknown> | null
  mode: Mode
  /** Held conferences: whether the decision for every child is a plan. */
  plan: boolean
}

interface HeldOutcome {
  /** The first core group and the review the conference set (null where no plan was made). */
  nextCoreGroup: DayNumber | null
  nextReview: DayNumber | null
  /** An inquorate conference: the new date set for it. */
  redate: DayNumber | null
  answer: DeadlineAnswer
}

/** Counts a few things the plan cannot know until the rows are written. */
export interface RowTallies {
  conferences: number
  historicConferences: number
  upcomingConferences: number
  /** Closed episodes whose course reached today and stopped there (kept open-ended). */
  cutShort: number
}

const time = (day: DayNumber, hhmm: string) => `${toIsoDate(day)}T${hhmm}:00Z`
const iso = toIsoDate

function weekdayOnOrBefore(day: DayNumber): DayNumber {
  let current = day
  while (isWeekend(current)) current -= 1
  return current
}

function weekdayOnOrAfter(day: DayNumber): DayNumber {
  let current = day
  while (isWeekend(current)) current += 1
  return current
}

function twoHoursAfter(start: string): string {
  const [hours, minutes] = start.split(':').map(Number) as [number, number]
  return `${String(hours + 2).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

const nameOf = (person: PersonPlan) => `${person.firstName} ${person.lastName}`

export class CouncilRows {
  readonly tallies: RowTallies = {
    conferences: 0,
    historicConferences: 0,
    upcomingConferences: 0,
    cutShort: 0,
  }
  private readonly outlines = new Map<string, ReportOutline>()
  private readonly planSections: { id: string; text: string }[]
  private readonly criteria: { id: string; text: string }[]
  private readonly delayProcedure: ReturnType<typeof procedureNote>

  constructor(
    private readonly writer: BulkWriter,
    private readonly profile: Profile,
    private readonly calendar: WorkingCalendar,
    private readonly staff: Staff,
  ) {
    this.planSections = outlinePlanSections(profile)
    this.criteria = preBirthCriteria(profile)
    this.delayProcedure = procedureNote(profile, 'T-ICPC-DELAY')
  }

  private add(table: TableName, row: Row): void {
    this.writer.add(table, row)
  }

  private workingDays(day: DayNumber, n: number): DayNumber {
    return this.calendar.addWorkingDays(day, n)
  }

  private audit(
    at: string,
    who: StaffMember | null,
    action: string,
    subject: { type: string; id: string | null },
    caseId: string | null,
    after: unknown,
  ): void {
    this.add('audit_log', {
      occurred_at: at,
      actor_user_id: who?.id ?? null,
      actor_label: who ? actorLabel({ userId: who.id, name: who.name, roles: who.roles }) : 'system',
      action,
      subject_type: subject.type,
      subject_id: subject.id,
      case_id: caseId,
      before: null,
      after,
      from_address: who ? `10.40.${who.id.charCodeAt(0) % 16}.${who.id.charCodeAt(1) % 200}` : null,
    })
  }

  // Staff ------------------------------------------------------------------------------------------

  /**
   * Staff accounts; the first administrator can sign in, with a password and, where the schema has
   * sign-in codes, an authenticator app set up with `codeSecret`.
   */
  writeStaff(signIn: { passwordHash: string; codeSecret: string | null }): void {
    const signsIn = this.staff.administrators[0]!
    for (const member of this.staff.everyone) {
      const mine = member === signsIn
      this.add('users', {
        id: member.id,
        email: member.email,
        display_name: member.name,
        password_hash: mine ? signIn.passwordHash : null,
        roles: member.roles,
        agency: member.agency,
        team: member.team,
        demo: false,
        disabled_at: member.disabledAt,
        created_at: '2016-09-01T09:00:00Z',
        ...(signIn.codeSecret !== null
          ? {
              totp_secret: mine ? signIn.codeSecret : null,
              totp_enrolled_at: mine ? '2016-09-01T09:30:00Z' : null,
            }
          : {}),
      })
    }
    for (const list of this.staff.professionals.values())
      for (const professional of list)
        this.add('professionals', {
          id: professional.id,
          name: professional.name,
          agency: professional.agency,
          role_title: professional.roleTitle,
          email: professional.email,
          phone: null,
          user_id: professional.userId,
          created_at: '2016-09-01T09:00:00Z',
        })
  }

  // A family's case ------------------------------------------------------------------------------

  private writeFamily(family: FamilyPlan, created: DayNumber): void {
    const dice = family.dice
    const worker = family.socialWorker
    // An unborn child is born by now if the expected date has passed.
    for (const person of family.people)
      if (person.role === 'unborn' && person.edd !== null) {
        const born = person.edd + dice.between(-12, 7)
        if (born <= TODAY) {
          person.role = 'child'
          person.dob = born
          person.firstName = dice.pick(
            person.gender === 'female' ? ['Ava', 'Isla', 'Mia'] : ['Leo', 'Noah', 'Theo'],
          )
        }
      }
    this.add('cases', {
      id: family.id,
      reference: family.reference,
      family_name: family.familyName,
      household_address: family.address,
      social_worker_id: worker.id,
      team_manager_id: family.team.manager.id,
      team: family.team.name,
      status: family.open ? 'open' : 'closed',
      created_at: time(created, '10:15'),
    })
    this.audit(time(created, '10:15'), worker, 'case.created', { type: 'case', id: family.id }, family.id, {
      reference: family.reference,
      familyName: family.familyName,
    })
    for (const person of family.people) {
      this.add('people', {
        id: person.id,
        case_id: family.id,
        role: person.role,
        first_name: person.firstName,
        last_name: person.lastName,
        other_names: null,
        date_of_birth: person.dob === null ? null : iso(person.dob),
        expected_date_of_delivery: person.edd === null ? null : iso(person.edd),
        gender: person.gender,
        ethnicity: person.ethnicity,
        religion: null,
        first_language: person.firstLanguage,
        interpreter_language: person.interpreterLanguage,
        disability: null,
        nationality: person.nationality,
        immigration_status: person.immigrationStatus,
        address: person.livesInHousehold
          ? null
          : `${family.address.replace(/^\d+/, String(dice.between(2, 90)))}`,
        email: person.email,
        phone: person.phone,
        lives_in_household: person.livesInHousehold,
        is_subject: person.isSubject,
        not_subject_reason: person.notSubjectReason,
        created_at: time(created, '10:20'),
      })
      this.audit(
        time(created, '10:20'),
        worker,
        'person.added',
        { type: 'person', id: person.id },
        family.id,
        {
          role: person.role,
        },
      )
      for (const childId of person.responsibleFor)
        this.add('parental_responsibility', { adult_id: person.id, child_id: childId })
    }
    family.written = true
  }

  private event(
    family: FamilyPlan,
    type: string,
    day: DayNumber,
    details: Record<string, unknown>,
    who: StaffMember,
  ): void {
    const id = family.dice.uuid()
    this.add('case_events', {
      id,
      case_id: family.id,
      type,
      occurred_on: iso(day),
      details,
      recorded_by: who.id,
      recorded_at: time(Math.min(day + 1, TODAY), '16:30'),
    })
    this.audit(
      time(Math.min(day + 1, TODAY), '16:30'),
      who,
      'case_event.recorded',
      { type: 'case_event', id },
      family.id,
      {
        type,
        occurredOn: iso(day),
      },
    )
  }

  // An episode -----------------------------------------------------------------------------------

  writeEpisode(episode: EpisodePlan): void {
    const family = episode.family
    if (!family.written) this.writeFamily(family, episode.start)
    new EpisodeWriter(this, episode).write()
  }

  /** The engine's answer for facts as the service would put them together. */
  answer(facts: unknown): DeadlineAnswer {
    const parsed = parseFacts(facts)
    if (!parsed.ok)
      throw new Error(
        `the benchmark council wrote facts the contract refuses: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      )
    return computeDeadlines(parsed.value, this.profile, this.calendar)
  }

  // The parts EpisodeWriter uses.
  readonly rows = {
    add: (table: TableName, row: Row) => this.add(table, row),
    audit: this.audit.bind(this),
    event: this.event.bind(this),
    workingDays: this.workingDays.bind(this),
    countWorkingDays: (from: DayNumber, to: DayNumber) => this.calendar.countWorkingDaysBetween(from, to),
    outline: (kind: ReportKind, conferenceKind: string) => {
      const key = `${kind}/${conferenceKind}`
      let outline = this.outlines.get(key)
      if (!outline) {
        outline = reportOutline(this.profile, kind, conferenceKind)
        this.outlines.set(key, outline)
      }
      return outline
    },
    profile: () => this.profile,
    calendar: () => this.calendar,
    staff: () => this.staff,
    planSections: () => this.planSections,
    criteria: () => this.criteria,
    delayProcedure: () => this.delayProcedure,
  }
}

/** Writes one episode of a family, from the strategy discussion to the conference that ends the plan (or today). */
class EpisodeWriter {
  private readonly family: FamilyPlan
  private readonly dice: Dice
  private readonly worker: StaffMember
  private readonly manager: StaffMember
  private readonly children: PersonPlan[]
  private readonly adults: PersonPlan[]
  private readonly engineEvents: Record<string, unknown>[] = []
  private readonly chair: StaffMember
  private readonly rows: CouncilRows['rows']

  constructor(
    private readonly council: CouncilRows,
    private readonly episode: EpisodePlan,
  ) {
    this.family = episode.family
    this.dice = episode.family.dice
    this.rows = council.rows
    this.worker = this.family.socialWorker
    this.manager = this.family.team.manager
    const start = episode.start
    this.children = this.family.people.filter(
      (person) =>
        person.isSubject &&
        ((person.dob !== null && person.dob < start) ||
          (episode.kind === 'pre_birth' &&
            person.edd !== null &&
            person.edd > start &&
            person.edd < start + 200)),
    )
    this.adults = this.family.people.filter((person) => person.role !== 'child' && person.role !== 'unborn')
    this.chair = this.dice.pick(this.rows.staff().chairs)
  }

  private childrenOn(day: DayNumber) {
    return this.children.map((child) =>
      child.dob !== null && child.dob <= day
        ? { id: child.id, dob: iso(child.dob) }
        : { id: child.id, edd: iso(child.edd!) },
    )
  }

  private answerOn(day: DayNumber, attendees?: EngineAttendee[]): DeadlineAnswer {
    return this.council.answer({
      events: this.engineEvents,
      children: this.childrenOn(day),
      ...(attendees ? { attendees } : {}),
    })
  }

  write(): void {
    if (this.children.length === 0) return
    const { episode, family, dice, worker } = this
    const start = episode.start
    // The enquiry.
    if (episode.kind === 'transfer_in') {
      this.rows.event(
        family,
        'transfer_notification',
        start,
        { fromAuthority: 'Another local authority (fictional)' },
        worker,
      )
      this.engineEvents.push({ type: 'transfer_notification', date: iso(start) })
      const moved = this.rows.workingDays(start, dice.between(0, 3))
      this.rows.event(
        family,
        'child_moved',
        moved,
        { notes: 'The family moved into the area (fictional).' },
        worker,
      )
      this.engineEvents.push({ type: 'child_moved', date: iso(moved) })
    } else {
      this.rows.event(
        family,
        'strategy_discussion',
        start,
        {
          initiatedS47: true,
          notes: 'Police and health shared concerns; a section 47 enquiry is to start (fictional).',
        },
        worker,
      )
      this.rows.event(family, 's47_start', start, {}, worker)
      this.engineEvents.push({ type: 'strategy_discussion', date: iso(start), initiated_s47: true })
      if (episode.kind === 'initial' && dice.chance(0.02)) {
        const expires = this.rows.workingDays(start, 6)
        this.rows.event(family, 'epo', start, { expires: iso(expires) }, worker)
        this.engineEvents.push({ type: 'epo', made: iso(start), expires: iso(expires) })
      }
      const unborn = this.children.find((child) => child.edd !== null && child.edd > start)
      if (episode.kind === 'pre_birth' && unborn && this.rows.criteria().length > 0)
        this.rows.event(
          family,
          'pre_birth_criteria',
          start,
          { childId: unborn.id, criteria: [dice.pick(this.rows.criteria()).id] },
          worker,
        )
    }
    const outcomeDay = this.rows.workingDays(start, dice.between(4, 8))
    if (episode.kind !== 'transfer_in')
      this.rows.event(
        family,
        's47_outcome',
        Math.min(outcomeDay, TODAY),
        {
          outcome: 'convene_conference',
          notes: 'Concerns substantiated; the children are likely to suffer significant harm (fictional).',
        },
        worker,
      )

    // The request to convene, and the manager's decision.
    const requestDay = Math.min(
      episode.kind === 'transfer_in' ? this.rows.workingDays(start, 1) : outcomeDay,
      TODAY,
    )
    const requestId = dice.uuid()
    const requestedAt = time(requestDay, '11:00')
    const decidedDay = Math.min(this.rows.workingDays(requestDay, 1), TODAY)
    const decided = episode.convening !== 'requested'
    const reasons = `${this.children.map(nameOf).join(' and ')}: the enquiry found them likely to suffer significant harm (fictional).`
    this.rows.add('conference_requests', {
      id: requestId,
      case_id: family.id,
      kind: episode.kind,
      reasons,
      requested_by: worker.id,
      requested_at: requestedAt,
      requesting_agency: dice.chance(0.1) ? 'police' : null,
      status: decided ? 'authorised' : 'requested',
      manager_id: decided ? this.manager.id : null,
      decided_at: decided ? time(decidedDay, '14:00') : null,
      decision_reasons: decided ? 'The threshold for a conference is met (fictional).' : null,
      reply_to_agency: null,
    })
    this.rows.audit(
      requestedAt,
      worker,
      'conference_request.made',
      { type: 'conference_request', id: requestId },
      family.id,
      {
        kind: episode.kind,
      },
    )
    if (!decided) return
    this.rows.audit(
      time(decidedDay, '14:00'),
      this.manager,
      'conference_request.authorised',
      { type: 'conference_request', id: requestId },
      family.id,
      { status: 'authorised' },
    )
    if (episode.convening === 'authorised') return

    // The first conference, on the day the procedure's limit allows (now and then later, with a delay).
    const before = this.answerOn(decidedDay)
    const limit = before.deadlines.find((entry) => entry.rule === FIRST_RULE[episode.kind] && !entry.variant)
    const latest = limit
      ? weekdayOnOrBefore(toDayNumber(limit.date ?? limit.end ?? iso(decidedDay + 21)))
      : decidedDay + 21
    let date: DayNumber
    if (episode.convening === 'booked') {
      const room = latest >= TODAY ? this.rows.countWorkingDays(TODAY, latest) : 0
      date = this.rows.workingDays(TODAY, room > 0 ? dice.between(0, room) : dice.between(1, 5))
    } else if (dice.chance(0.9))
      date = Math.max(this.rows.workingDays(latest, -dice.between(0, 4)), decidedDay + 2)
    else date = this.rows.workingDays(Math.max(latest, decidedDay + 1), dice.between(1, 8))
    date = weekdayOnOrAfter(date)
    const bookedDay = Math.min(this.rows.workingDays(decidedDay, 1), date - 1)
    const timeliness = timelinessOf(episode.kind, iso(date), before.deadlines)
    const late = timeliness.some(
      (note) => FIRST_RULE[episode.kind] === note.rule && !note.variant && !note.within,
    )
    const delay = late
      ? {
          reason: 'The parents asked for a later date so that their solicitor could attend (fictional).',
          interimSafetyPlan: 'Daily visits by the social worker until the conference (fictional).',
          whoWasTold: ['Police', 'School', 'Health visiting'],
          reportedTo: this.manager.name,
          recordedBy: { userId: worker.id, name: worker.name },
          authorisedInWriting: true,
          recordedAt: time(bookedDay, '15:00'),
          due: {
            rule: limit?.rule ?? null,
            date: limit?.date ?? null,
            source: limit?.source ?? null,
            late: true,
          },
          procedure: { ...this.rows.delayProcedure() },
        }
      : null
    this.course({
      kind: episode.kind,
      date,
      bookedDay,
      requestId,
      timeliness,
      delay,
      mode: 'held',
      plan: true,
    })
  }

  /** The conferences of the episode, from the first, and what happens between them. */
  private course(first: ConferenceSpec): void {
    const { episode, family, dice } = this
    const closed = episode.state === 'closed'
    let spec = first
    let reviewsHeld = 0
    for (;;) {
      // Today's conferences start after the clock the pages see (09:00): they are still to come.
      if (!closed && (spec.date >= TODAY || episode.state === 'convening')) {
        if (spec.date <= TODAY + UPCOMING_DAYS) this.conference({ ...spec, mode: 'upcoming' })
        return
      }
      if (closed && spec.date > TODAY - 7) {
        this.council.tallies.cutShort += 1
        return
      }
      const rebook = dice.next()
      if (rebook < 0.02) {
        this.conference({ ...spec, mode: 'cancelled' })
        spec = { ...spec, date: this.rows.workingDays(spec.date, dice.between(3, 8)) }
        continue
      }
      if (rebook < 0.03) {
        const inquorate = this.conference({ ...spec, mode: 'inquorate' })!
        spec = { ...spec, date: inquorate.redate!, bookedDay: spec.date }
        continue
      }
      const isFirst = spec.kind !== 'review'
      const plan = closed ? (isFirst ? episode.planMade : reviewsHeld + 1 < episode.reviews) : true
      const held = this.conference({ ...spec, mode: 'held', plan })
      if (!isFirst) reviewsHeld += 1
      const outcome = held!
      if (!plan) {
        if (dice.chance(0.6))
          this.rows.event(
            family,
            'cin_plan',
            this.rows.workingDays(spec.date, dice.between(0, 5)),
            {
              from: isFirst ? 'icpc' : 'review',
              childIds: this.children.map((child) => child.id),
              notes: 'A child in need plan agreed with the family (fictional).',
            },
            this.worker,
          )
        return
      }
      let nextReview = outcome.nextReview!
      // After a pre-birth conference the birth, once it has happened, moves the first review.
      const baby = this.children.find(
        (child) => child.edd !== null && child.dob !== null && child.dob > spec.date,
      )
      if (spec.kind === 'pre_birth' && baby && baby.dob! <= TODAY) {
        this.rows.event(family, 'birth', baby.dob!, { childId: baby.id }, this.worker)
        this.engineEvents.push({ type: 'birth', date: iso(baby.dob!), child: baby.id })
        const again = dateLimit('firstReview', 'pre_birth', this.answerOn(baby.dob!), this.rows.profile())
        if (again.latest !== null) nextReview = this.chosenReview(toDayNumber(again.latest), spec.date)
      }
      this.between(spec.date, outcome.nextCoreGroup!, Math.min(nextReview, TODAY + 1))
      spec = {
        kind: 'review',
        date: nextReview,
        bookedDay: Math.max(this.rows.workingDays(nextReview, -dice.between(15, 25)), spec.date + 1),
        requestId: null,
        timeliness: timelinessOf('review', iso(nextReview), outcome.answer.deadlines),
        delay: null,
        mode: 'held',
        plan: true,
      }
    }
  }

  private chosenReview(latest: DayNumber, conferenceDay: DayNumber): DayNumber {
    return Math.max(weekdayOnOrBefore(latest - this.dice.between(0, 10)), conferenceDay + 7)
  }

  /** Core groups and visits from a conference until the next (or today). */
  private between(conferenceDay: DayNumber, firstCoreGroup: DayNumber, until: DayNumber): void {
    const { family, dice, worker } = this
    const noteTakers = ['family support worker', 'health visitor', 'school designated lead']
    for (let day = firstCoreGroup; day < until; day = weekdayOnOrAfter(day + dice.between(28, 42)))
      this.rows.event(
        family,
        'core_group',
        day,
        {
          notesBy: dice.pick(noteTakers),
          notes: 'The core group reviewed the plan; actions are on track (fictional).',
        },
        worker,
      )
    for (
      let day = weekdayOnOrAfter(conferenceDay + dice.between(2, 6));
      day < until;
      day = weekdayOnOrAfter(day + dice.between(10, 20))
    )
      this.rows.event(
        family,
        'visit',
        day,
        dice.chance(0.3)
          ? { seenAlone: dice.chance(0.75), notes: 'Home visit; the children were seen (fictional).' }
          : { seenAlone: dice.chance(0.75) },
        worker,
      )
  }

  /** One conference: booked, and then held, cancelled, inquorate, or still to come. */
  private conference(spec: ConferenceSpec): HeldOutcome | null {
    const { family, dice, worker } = this
    const council = this.council
    const id = dice.uuid()
    const date = spec.date
    const startTime = dice.pick(START_TIMES)
    const endTime = twoHoursAfter(startTime)
    const remote = dice.chance(0.25)
    const chair = dice.chance(0.8) ? this.chair : dice.pick(this.rows.staff().chairs)
    const minuteTaker = dice.pick(this.rows.staff().administrators)
    const household = this.family.people.filter(
      (p) => (p.role === 'child' || p.role === 'unborn') && p.livesInHousehold,
    )
    const asBookingChild = (child: PersonPlan) => ({
      id: child.id,
      name: nameOf(child),
      dob: child.dob !== null && child.dob <= date ? iso(child.dob) : null,
    })
    const underFive = household.some((child) => child.dob === null || date - child.dob < 5 * 365)
    const domesticAbuse = dice.chance(0.2)
      ? {
          flagged: true,
          separateWaitingAreas: 'Mother waits in Room 2, father in the reception area (fictional).',
          arrivalTimes: 'Mother at 09:15, father at 09:25 (fictional).',
        }
      : { flagged: false }
    const answers = {
      schoolHoursReason: 'The only time the chair and the agencies could all attend (fictional).',
      domesticAbuse,
      childcareArrangements:
        underFive && dice.chance(0.7)
          ? 'A crèche is booked at the venue for the meeting (fictional).'
          : undefined,
    }
    const scheduling = schedulingChecks(
      {
        date: iso(date),
        startTime,
        endTime,
        subjectChildren: this.children.map(asBookingChild),
        householdChildren: household.map(asBookingChild),
        ...answers,
      },
      this.rows.profile(),
      this.rows.calendar(),
    )
    const bookedAt = time(spec.bookedDay, '09:45')
    const cancelDay = Math.min(this.rows.workingDays(spec.bookedDay, dice.between(1, 5)), date)
    const notes: Record<string, unknown> = {
      checks: scheduling.checks,
      answers: { ...answers, childcareArrangements: answers.childcareArrangements ?? null },
      timeliness: spec.timeliness,
      delayProcedure: spec.delay ? this.rows.delayProcedure() : null,
      timelinessUnknown: null,
    }
    if (spec.mode === 'cancelled')
      notes.cancellation = {
        at: time(cancelDay, '12:00'),
        by: worker.id,
        reason: 'The chair was taken ill; the conference is rebooked for the earliest date (fictional).',
      }
    const held = spec.mode === 'held'
    const status = { held: 'finalised', inquorate: 'inquorate', cancelled: 'cancelled', upcoming: 'booked' }[
      spec.mode
    ]
    this.rows.add('conferences', {
      id,
      case_id: family.id,
      request_id: spec.requestId,
      kind: spec.kind,
      status,
      date: iso(date),
      start_time: startTime,
      end_time: endTime,
      venue: remote ? null : dice.pick(VENUES),
      remote_link: remote ? `https://meet.convene.example/j/${dice.between(10_000_000, 99_999_999)}` : null,
      chair_id: chair.id,
      minute_taker_id: minuteTaker.id,
      scheduling_notes: notes,
      delay: spec.delay,
      created_at: bookedAt,
      finalised_at: held ? time(date, '16:00') : null,
      finalised_by: held ? chair.id : null,
    })
    council.tallies.conferences += 1
    if (spec.mode === 'upcoming') council.tallies.upcomingConferences += 1
    else if (this.episode.state === 'closed') council.tallies.historicConferences += 1
    for (const child of this.children)
      this.rows.add('conference_children', { conference_id: id, child_id: child.id })
    this.rows.audit(bookedAt, minuteTaker, 'conference.booked', { type: 'conference', id }, family.id, {
      kind: spec.kind,
      date: iso(date),
      startTime,
      chairId: chair.id,
      childIds: this.children.map((child) => child.id),
    })
    if (spec.mode === 'cancelled')
      this.rows.audit(
        time(cancelDay, '12:00'),
        worker,
        'conference.cancelled',
        { type: 'conference', id },
        family.id,
        {
          reason: 'The chair was taken ill (fictional).',
        },
      )

    const invitations = this.invite(id, spec, minuteTaker)
    if (spec.mode === 'cancelled') return null
    this.reports(id, spec, minuteTaker)
    if (spec.mode === 'upcoming') return null
    return this.meeting(id, spec, chair, minuteTaker, invitations, startTime, endTime)
  }

  private invite(conferenceId: string, spec: ConferenceSpec, administrator: StaffMember) {
    const { family, dice } = this
    const sentDay = Math.min(
      this.rows.workingDays(spec.bookedDay, dice.between(0, 2)),
      Math.max(spec.date - 1, spec.bookedDay),
    )
    const upcoming = spec.mode === 'upcoming'
    const invitees: {
      professional?: Professional
      person?: PersonPlan
      role: string
      agency: string | null
    }[] = []
    const own = this.rows
      .staff()
      .professionals.get('childrens_social_care')!
      .find((p) => p.userId === this.worker.id)
    if (own) invitees.push({ professional: own, role: 'professional', agency: 'childrens_social_care' })
    for (const practitioner of family.practitioners)
      invitees.push({ professional: practitioner, role: 'professional', agency: practitioner.agency })
    for (const adult of this.adults)
      if (adult.responsibleFor.length > 0 || adult.role === 'carer')
        invitees.push({ person: adult, role: adult.role === 'carer' ? 'carer' : 'parent', agency: null })
    for (const child of this.children)
      if (child.dob !== null && spec.date - child.dob >= 12 * 365 && dice.chance(0.35))
        invitees.push({ person: child, role: 'child', agency: null })
    // Held conferences are quorate: two practitioners in direct contact with the child come.
    let directComing = 0
    const written: { id: string; response: string; invitee: (typeof invitees)[number] }[] = []
    for (const invitee of invitees) {
      const id = dice.uuid()
      const direct = invitee.professional !== undefined && DIRECT_CONTACT.has(invitee.professional.agency)
      let response: string
      if (upcoming && dice.chance(0.45)) response = 'awaiting'
      else if (spec.mode === 'held' && direct && directComing < 2) response = 'attending'
      else if (spec.mode === 'inquorate' && direct) response = 'not_attending'
      else
        response = dice.weighted([
          ['attending', 68],
          ['attending_remotely', 12],
          ['not_attending', 12],
          ['report_and_substitute', 8],
        ] as const)
      if (direct && (response === 'attending' || response === 'attending_remotely')) directComing += 1
      const respondedDay = Math.min(sentDay + dice.between(1, 6), spec.date, TODAY)
      const via =
        invitee.person?.email || invitee.professional ? 'email' : dice.chance(0.8) ? 'post' : 'by_hand'
      const messageId = dice.uuid()
      this.rows.add('invitations', {
        id,
        conference_id: conferenceId,
        person_id: invitee.person?.id ?? null,
        professional_id: invitee.professional?.id ?? null,
        role: invitee.role,
        agency: invitee.agency,
        sent_via: via,
        sent_at: time(sentDay, '09:30'),
        response,
        substitute_name:
          response === 'report_and_substitute' ? 'A colleague from the same team (fictional)' : null,
        needs: {},
        details:
          response === 'awaiting' ? { messageId } : { messageId, respondedAt: time(respondedDay, '12:00') },
        created_at: time(sentDay, '09:30'),
      })
      this.rows.audit(
        time(sentDay, '09:30'),
        administrator,
        'invitation.sent',
        { type: 'invitation', id },
        family.id,
        {
          role: invitee.role,
          sentVia: via,
          conferenceId,
          messageId,
        },
      )
      if (response !== 'awaiting')
        this.rows.audit(
          time(respondedDay, '12:00'),
          administrator,
          'invitation.response_recorded',
          { type: 'invitation', id },
          family.id,
          {
            response,
          },
        )
      if (upcoming) {
        const to = invitee.professional?.email ?? invitee.person?.email ?? null
        if (to !== null) {
          const name = invitee.professional?.name ?? (invitee.person ? nameOf(invitee.person) : '')
          this.rows.add('outbox', {
            id: messageId,
            created_at: time(sentDay, '09:30'),
            kind: 'invitation',
            to_address: to,
            to_name: name,
            subject: `Invitation to a child protection conference on ${iso(spec.date)}`,
            body_text: `Dear ${name},\n\nYou are invited to a child protection conference about ${this.children.map((c) => c.firstName).join(' and ')}.\n\nWhen: ${iso(spec.date)}\n\nThis message is from the benchmark's fictional council.\n`,
            body_html: null,
            case_id: family.id,
            conference_id: conferenceId,
            status: sentDay < TODAY ? 'sent' : 'pending',
            attempts: sentDay < TODAY ? 1 : 0,
            sent_at: sentDay < TODAY ? time(sentDay, '09:31') : null,
            last_error: null,
          })
        }
      }
      written.push({ id, response, invitee })
    }
    return written
  }

  private reports(conferenceId: string, spec: ConferenceSpec, administrator: StaffMember): void {
    const { family, dice, worker } = this
    const requestedDay = Math.min(this.rows.workingDays(spec.bookedDay, 1), spec.date)
    const receivedDay = Math.max(this.rows.workingDays(spec.date, -dice.between(2, 4)), requestedDay)
    const authors: {
      kind: ReportKind
      agency: string
      name: string
      userId: string | null
      professionalId: string | null
    }[] = [
      {
        kind: 'social_worker',
        agency: 'childrens_social_care',
        name: worker.name,
        userId: worker.id,
        professionalId: null,
      },
    ]
    for (const practitioner of family.practitioners)
      if (['police', 'school', 'health_visiting'].includes(practitioner.agency))
        authors.push({
          kind: 'agency',
          agency: practitioner.agency,
          name: practitioner.name,
          userId: null,
          professionalId: practitioner.id,
        })
    for (const author of authors) {
      const id = dice.uuid()
      const outline = this.rows.outline(author.kind, spec.kind)
      const status =
        spec.mode !== 'upcoming'
          ? 'submitted'
          : receivedDay <= TODAY
            ? dice.weighted([
                ['submitted', 60],
                ['draft', 25],
                ['requested', 15],
              ] as const)
            : dice.weighted([
                ['submitted', 20],
                ['draft', 35],
                ['requested', 45],
              ] as const)
      const written = status !== 'requested'
      const submitted = status === 'submitted'
      const savedDay = Math.min(receivedDay, TODAY)
      this.rows.add('reports', {
        id,
        conference_id: conferenceId,
        kind: author.kind,
        agency: author.agency,
        author_name: author.name,
        author_user_id: author.userId,
        professional_id: author.professionalId,
        sections: written
          ? Object.fromEntries(
              outline.sections.map((section) => [
                section.code,
                `${section.title}: ${this.children.map((c) => c.firstName).join(' and ')} are seen regularly; the concerns and the progress made are set out here (fictional).`,
              ]),
            )
          : {},
        statements: written
          ? [
              {
                section: outline.sections[0]!.code,
                text: 'The children were seen at home and spoken to alone (fictional).',
                kind: outline.statementMarking ? 'observation' : null,
                secondHand: outline.secondHandFlagged ? false : null,
                from: null,
              },
            ]
          : [],
        status,
        requested_at: time(requestedDay, '11:15'),
        saved_at: written ? time(savedDay, '16:00') : null,
        signed_by: submitted ? author.name : null,
        signed_on: submitted ? iso(savedDay) : null,
        received_at: submitted ? time(savedDay, '16:00') : null,
        shared_with_family_on:
          submitted && author.kind === 'social_worker' && spec.mode !== 'upcoming'
            ? iso(Math.min(receivedDay + 1, spec.date))
            : null,
        shared_how:
          submitted && author.kind === 'social_worker' && spec.mode !== 'upcoming' ? 'in_person' : null,
        outline,
      })
      if (author.kind === 'agency') {
        this.rows.audit(
          time(requestedDay, '11:15'),
          administrator,
          'report.requested',
          { type: 'report', id },
          family.id,
          {
            agency: author.agency,
            conferenceId,
          },
        )
        if (spec.mode === 'upcoming' && author.professionalId !== null) {
          const practitioner = family.practitioners.find((p) => p.id === author.professionalId)!
          this.rows.add('outbox', {
            id: dice.uuid(),
            created_at: time(requestedDay, '11:15'),
            kind: 'report_request',
            to_address: practitioner.email,
            to_name: practitioner.name,
            subject: `Report asked for: child protection conference on ${iso(spec.date)}`,
            body_text: `Dear ${practitioner.name},\n\nPlease write your agency's report for the conference on ${iso(spec.date)}.\n\nThis message is from the benchmark's fictional council.\n`,
            body_html: null,
            case_id: family.id,
            conference_id: conferenceId,
            status: requestedDay < TODAY ? 'sent' : 'pending',
            attempts: requestedDay < TODAY ? 1 : 0,
            sent_at: requestedDay < TODAY ? time(requestedDay, '11:16') : null,
            last_error: null,
          })
        }
      }
      if (submitted)
        this.rows.audit(
          time(savedDay, '16:00'),
          author.userId ? worker : administrator,
          'report.submitted',
          { type: 'report', id },
          family.id,
          {
            signedBy: author.name,
          },
        )
      if (submitted && author.kind === 'social_worker' && spec.mode !== 'upcoming')
        this.rows.audit(
          time(Math.min(receivedDay + 1, spec.date), '10:00'),
          worker,
          'report.shared_with_family',
          { type: 'report', id },
          family.id,
          {
            how: 'in_person',
          },
        )
    }
  }

  /** The meeting: attendance, the quorum, the children's participation, the decisions, finalising. */
  private meeting(
    conferenceId: string,
    spec: ConferenceSpec,
    chair: StaffMember,
    minuteTaker: StaffMember,
    invitations: ReturnType<EpisodeWriter['invite']>,
    startTime: string,
    endTime: string,
  ): HeldOutcome {
    const { family, dice, worker } = this
    const date = spec.date
    const attendees: EngineAttendee[] = []
    const attend = (row: {
      invitationId: string | null
      name: string
      role: string
      agency: string | null
      capacity: string
      inPerson: boolean
      direct: boolean
    }) => {
      this.rows.add('attendance', {
        id: dice.uuid(),
        conference_id: conferenceId,
        invitation_id: row.invitationId,
        name: row.name,
        role: row.role,
        agency: row.agency,
        capacity: row.capacity,
        in_person: row.inPerson,
        direct_contact_with_child: row.direct,
        expertise_only: false,
      })
      attendees.push({
        agency: row.agency ?? 'other',
        role: row.role,
        direct_contact_with_child: row.direct,
        in_person: row.inPerson,
      })
    }
    attend({
      invitationId: null,
      name: chair.name,
      role: 'chair',
      agency: null,
      capacity: 'independent chair',
      inPerson: true,
      direct: false,
    })
    attend({
      invitationId: null,
      name: minuteTaker.name,
      role: 'minute_taker',
      agency: null,
      capacity: 'conference administrator',
      inPerson: true,
      direct: false,
    })
    for (const { id, response, invitee } of invitations) {
      if (response !== 'attending' && response !== 'attending_remotely') continue
      const professional = invitee.professional
      attend({
        invitationId: id,
        name: professional?.name ?? nameOf(invitee.person!),
        role: invitee.role,
        agency: invitee.agency,
        capacity:
          professional?.userId === worker.id
            ? 'allocated social worker'
            : (professional?.roleTitle ?? invitee.role),
        inPerson: response === 'attending',
        direct:
          professional !== undefined &&
          (professional.userId === worker.id || DIRECT_CONTACT.has(professional.agency)),
      })
    }
    const quorate = spec.mode === 'held'
    this.engineEvents.push({
      type: 'conference',
      kind: spec.kind,
      date: iso(date),
      start: startTime,
      end: endTime,
      quorate,
      proceeded: false,
      ...(quorate ? { plan: spec.plan } : {}),
    })
    const answer = this.answerOn(date, attendees)
    const finalisedAt = time(date, '16:00')
    const quorum = {
      ...(answer.quorum ?? {}),
      checkedAt: time(date, '10:05'),
      checkedBy: chair.id,
      attendees: attendees.length,
    }
    const newDate = this.rows.workingDays(date, 5)
    this.rows.add('meeting_records', {
      conference_id: conferenceId,
      checklist: {},
      practice_model: {},
      quorum: quorate ? { ...quorum, atFinalising: true } : quorum,
      inquorate: quorate
        ? null
        : {
            decision: 'redate',
            newDate: iso(newDate),
            decidedAt: time(date, '10:20'),
            decidedBy: chair.id,
            told: [],
            interimPlan: 'The social worker visits daily until the conference (fictional).',
          },
      adjournment_reason: null,
      updated_at: quorate ? finalisedAt : time(date, '10:20'),
    })
    this.rows.audit(
      time(date, '10:00'),
      minuteTaker,
      'meeting.attendance_recorded',
      { type: 'conference', id: conferenceId },
      family.id,
      {
        attendees: attendees.length,
      },
    )
    this.rows.audit(
      time(date, '10:05'),
      chair,
      'meeting.quorum_checked',
      { type: 'conference', id: conferenceId },
      family.id,
      answer.quorum ?? null,
    )
    if (!quorate) {
      this.rows.audit(
        time(date, '10:20'),
        chair,
        'meeting.redated_inquorate',
        { type: 'conference', id: conferenceId },
        family.id,
        {
          newDate: iso(newDate),
        },
      )
      return { nextCoreGroup: null, nextReview: null, redate: newDate, answer }
    }

    for (const child of answer.children ?? []) {
      if (child.age < 10 || dice.chance(0.5)) continue
      const decision = dice.pick(['attend_part', 'views_only', 'attend'] as const)
      this.rows.add('child_participation', {
        conference_id: conferenceId,
        child_id: child.id,
        presumption: child.participation,
        wishes: 'Wants the chair to know what they think about home (fictional).',
        views_heard_by: 'The advocate shared the child’s views (fictional).',
        chair_decision: decision,
        chair_reasons: 'Old enough to understand the conference and wants to be heard (fictional).',
        wish: decision === 'views_only' ? 'not_attend' : decision,
        decided_by: chair.id,
        decided_at: time(this.rows.workingDays(date, -2), '15:00'),
        updated_at: time(this.rows.workingDays(date, -2), '15:00'),
      })
      this.rows.audit(
        time(this.rows.workingDays(date, -2), '15:00'),
        chair,
        'child_participation.recorded',
        { type: 'conference', id: conferenceId },
        family.id,
        {
          childId: child.id,
          decision,
        },
      )
    }

    const profile = this.rows.profile()
    const coreLimit = dateLimit('firstCoreGroup', spec.kind, answer, profile)
    const reviewLimit = dateLimit('firstReview', spec.kind, answer, profile)
    const coreGroupDay =
      coreLimit.latest !== null
        ? Math.max(this.rows.workingDays(toDayNumber(coreLimit.latest), -dice.between(0, 2)), date)
        : this.rows.workingDays(date, 10)
    const reviewDay =
      reviewLimit.latest !== null
        ? this.chosenReview(toDayNumber(reviewLimit.latest), date)
        : weekdayOnOrBefore(date + (spec.kind === 'review' ? 182 : 91))
    const views = invitations
      .filter(({ response, invitee }) => invitee.professional && response !== 'not_attending')
      .slice(0, 5)
    const category = dice.weighted(CATEGORIES)
    const two = spec.plan && dice.chance(0.03)
    const categories = spec.plan
      ? two
        ? [category, category === 'neglect' ? 'emotional' : 'neglect']
        : [category]
      : []
    const disagree = dice.chance(0.15)
    const coreMembers = views.filter(({ invitee }) => invitee.professional).slice(0, 4)
    for (const child of this.children) {
      const decisionId = dice.uuid()
      this.rows.add('decisions', {
        id: decisionId,
        conference_id: conferenceId,
        child_id: child.id,
        version: 1,
        supersedes_id: null,
        threshold_met: spec.plan || dice.chance(0.3),
        threshold_limb: spec.plan
          ? dice.pick(['likely_to_suffer', 'likely_to_suffer', 'suffered', 'both'])
          : null,
        plan: spec.plan,
        categories,
        decided_by: 'consensus',
        professional_views: views.map(({ invitee }) => ({
          name: invitee.professional!.name,
          view: spec.plan ? 'plan' : 'no_plan',
          agency: invitee.professional!.agency,
          reasons: spec.plan
            ? 'The child remains likely to suffer significant harm without a plan (fictional).'
            : 'The risks have reduced; support can continue under a child in need plan (fictional).',
          category: spec.plan ? category : null,
        })),
        dissent: [],
        parents_views: disagree
          ? 'The parents do not agree that a plan is needed (fictional).'
          : 'The parents accept the plan and want to work with it (fictional).',
        child_in_need_plan: !spec.plan && dice.chance(0.7),
        lead_social_worker_id: spec.plan ? worker.id : null,
        first_core_group_on: spec.plan ? iso(coreGroupDay) : null,
        first_review_on: spec.plan ? iso(reviewDay) : null,
        recorded_by: chair.id,
        recorded_at: time(date, '11:30'),
        finalised_at: null,
        correction_reason: null,
        chair_reasons: null,
        category_reason: two
          ? 'Both kinds of harm are evidenced and neither is secondary (fictional).'
          : null,
        parents_disagree: disagree,
        parents_told_how_to_challenge: disagree ? true : null,
        recommendations: spec.plan
          ? null
          : 'Family support for three months under a child in need plan (fictional).',
        outline_plan: spec.plan
          ? Object.fromEntries(
              this.rows.planSections().map((section) => [section.id, `What is agreed on this (fictional).`]),
            )
          : {},
        date_basis: spec.plan
          ? {
              firstCoreGroup: dateBasis({ date: iso(coreGroupDay) }, coreLimit),
              firstReview: dateBasis(
                { date: iso(reviewDay), laterReason: 'Agreed with the family (fictional).' },
                reviewLimit,
              ),
            }
          : { firstCoreGroup: null, firstReview: null },
      })
      if (spec.plan) {
        for (const [index, action] of [
          'Visit the family every ten working days, seeing the child alone',
          'Attend every health appointment and share the outcome',
          'Complete the parenting programme',
        ].entries())
          this.rows.add('plan_actions', {
            id: dice.uuid(),
            conference_id: conferenceId,
            child_id: child.id,
            decision_id: decisionId,
            action: `${action} (fictional)`,
            owner: index === 2 ? nameOf(this.adults[0] ?? child) : worker.name,
            due_on: iso(this.rows.workingDays(date, 10 + index * 15)),
            created_at: time(date, '11:30'),
          })
        this.rows.add('core_group_members', {
          id: dice.uuid(),
          conference_id: conferenceId,
          decision_id: decisionId,
          name: worker.name,
          agency: 'childrens_social_care',
          role: 'lead social worker',
        })
        for (const { invitee } of coreMembers)
          if (invitee.professional!.userId !== worker.id)
            this.rows.add('core_group_members', {
              id: dice.uuid(),
              conference_id: conferenceId,
              decision_id: decisionId,
              name: invitee.professional!.name,
              agency: invitee.professional!.agency,
              role: invitee.professional!.roleTitle,
            })
        for (const adult of this.adults.slice(0, 2))
          this.rows.add('core_group_members', {
            id: dice.uuid(),
            conference_id: conferenceId,
            decision_id: decisionId,
            name: nameOf(adult),
            agency: null,
            role: adult.role,
          })
      }
      this.rows.audit(
        time(date, '11:30'),
        chair,
        'decision.recorded',
        { type: 'decision', id: decisionId },
        family.id,
        {
          childId: child.id,
          plan: spec.plan,
          categories,
        },
      )
    }
    this.rows.audit(
      finalisedAt,
      chair,
      'conference.finalised',
      { type: 'conference', id: conferenceId },
      family.id,
      {
        status: 'finalised',
      },
    )
    const recordDay = this.rows.workingDays(date, dice.between(1, 10))
    if (recordDay <= TODAY)
      this.rows.event(family, 'record_received', recordDay, { recipient: 'parents' }, worker)
    const planDay = this.rows.workingDays(date, dice.between(1, 5))
    if (spec.plan && planDay <= TODAY)
      this.rows.event(family, 'plan_received', planDay, { agency: 'school' }, worker)
    return {
      nextCoreGroup: spec.plan ? coreGroupDay : null,
      nextReview: spec.plan ? reviewDay : null,
      redate: null,
      answer,
    }
  }
}
