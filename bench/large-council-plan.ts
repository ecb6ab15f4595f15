import type { Role } from '../src/app/actor.ts'
import { addMonths, type DayNumber, fromYmd, isWeekend, toIsoDate } from '../src/domain/calendar/iso-date.ts'
import { Dice } from './council-dice.ts'
import {
  BOYS,
  FAMILY_NAMES,
  GIRLS,
  MEN,
  STAFF_FAMILY_NAMES,
  STAFF_FIRST_NAMES,
  STREETS,
  TOWNS,
  WOMEN,
} from './fictional-names.ts'

/**
 * The plan of the benchmark's fictional council, before any row is written: its staff and the
 * agencies' practitioners, and every family with its episodes of child protection (a section 47
 * enquiry, the initial conference, reviews while a plan lasts). The open set is the families open
 * today: children on plans now and families being convened. The history is the closed episodes,
 * on closed cases and earlier on open ones, drawn until it holds the conferences asked for.
 */

/** The day the fictional council's data runs to, and the clock the pages see. */
export const TODAY: DayNumber = fromYmd(2026, 11, 30)
/** Ten years of history. */
export const HISTORY_START: DayNumber = fromYmd(2016, 12, 1)

export interface CouncilSize {
  /** Children on protection plans today. */
  childrenOnPlans: number
  /** Open families with an enquiry under way and the initial conference not yet held. */
  casesBeingConvened: number
  /** Conferences in the history at 1x (closed episodes); the history scale multiplies it. */
  historicConferences: number
}

/** England's largest council: 1,500 children on plans and ten years of history. */
export const LARGEST_COUNCIL: CouncilSize = {
  childrenOnPlans: 1_500,
  casesBeingConvened: 40,
  historicConferences: 30_000,
}

/** A tenth of it, for --quick runs. */
export const QUICK_COUNCIL: CouncilSize = {
  childrenOnPlans: 150,
  casesBeingConvened: 6,
  historicConferences: 3_000,
}

// Streams of the seeded generators: each kind of thing draws from its own.
const STAFF_STREAM = 1
const OPEN_STREAM = 2
const CONVENING_STREAM = 3
const HISTORY_STREAM = 4

export interface StaffMember {
  id: string
  email: string
  name: string
  roles: Role[]
  team: string | null
  agency: string
  /** Former staff who held cases years ago, whose accounts are disabled. */
  disabledAt: string | null
  /** The practitioner record of a social worker or manager, for invitations and core groups. */
  professionalId: string | null
}

export interface Professional {
  id: string
  name: string
  agency: string
  roleTitle: string
  email: string
  userId: string | null
}

export interface Staff {
  administrators: StaffMember[]
  chairs: StaffMember[]
  teams: { name: string; manager: StaffMember; socialWorkers: StaffMember[] }[]
  formerSocialWorkers: StaffMember[]
  professionals: Map<string, Professional[]>
  everyone: StaffMember[]
}

const TEAM_COUNT = 20
const SOCIAL_WORKERS_PER_TEAM = 8 // 160, about 150 working cases at any time
const FORMER_SOCIAL_WORKERS = 40
const PRACTITIONERS: readonly (readonly [agency: string, count: number, title: string])[] = [
  ['police', 40, 'Detective Constable, public protection unit'],
  ['school', 150, 'Designated safeguarding lead'],
  ['health_visiting', 60, 'Health visitor'],
  ['gp', 80, 'General practitioner'],
  ['school_nursing', 20, 'School nurse'],
  ['midwifery', 20, 'Safeguarding midwife'],
  ['adult_mental_health', 15, 'Community psychiatric nurse'],
  ['substance_misuse', 12, 'Recovery worker'],
  ['probation', 10, 'Probation officer'],
  ['housing', 10, 'Housing officer'],
  ['domestic_abuse_specialist', 10, 'Independent domestic violence adviser'],
]

export function planStaff(): Staff {
  const dice = new Dice(STAFF_STREAM, 0)
  const everyone: StaffMember[] = []
  const professionals = new Map<string, Professional[]>()
  const usedNames = new Set<string>()
  const personName = () => {
    for (;;) {
      const name = `${dice.pick(STAFF_FIRST_NAMES)} ${dice.pick(STAFF_FAMILY_NAMES)}`
      if (!usedNames.has(name)) {
        usedNames.add(name)
        return name
      }
    }
  }
  const member = (
    key: string,
    roles: Role[],
    team: string | null,
    options: { disabled?: boolean; practitioner?: boolean } = {},
  ): StaffMember => {
    const name = personName()
    const id = dice.uuid()
    let professionalId: string | null = null
    if (options.practitioner) {
      professionalId = dice.uuid()
      const list = professionals.get('childrens_social_care') ?? []
      list.push({
        id: professionalId,
        name,
        agency: 'childrens_social_care',
        roleTitle: roles.includes('team_manager') ? 'Team manager' : 'Social worker',
        email: `${key}@council.convene.example`,
        userId: id,
      })
      professionals.set('childrens_social_care', list)
    }
    const staff: StaffMember = {
      id,
      email: `${key}@council.convene.example`,
      name,
      roles,
      team,
      agency: 'childrens_social_care',
      disabledAt: options.disabled ? `${toIsoDate(fromYmd(2021, dice.between(1, 12), 1))}T17:00:00Z` : null,
      professionalId,
    }
    everyone.push(staff)
    return staff
  }
  const unit = 'Safeguarding and Quality Assurance Unit (fictional)'
  const administrators = Array.from({ length: 6 }, (_, i) =>
    member(`conference.admin.${i + 1}`, ['conference_administrator'], unit),
  )
  const chairs = Array.from({ length: 14 }, (_, i) => member(`chair.${i + 1}`, ['chair'], unit))
  const teams = Array.from({ length: TEAM_COUNT }, (_, t) => {
    const name = `${TOWNS[t % TOWNS.length]![0]} Safeguarding Team ${Math.floor(t / TOWNS.length) + 1} (fictional)`
    const manager = member(`team.manager.${t + 1}`, ['team_manager'], name, { practitioner: true })
    const socialWorkers = Array.from({ length: SOCIAL_WORKERS_PER_TEAM }, (_, s) =>
      member(`social.worker.${t + 1}.${s + 1}`, ['social_worker'], name, { practitioner: true }),
    )
    return { name, manager, socialWorkers }
  })
  const formerSocialWorkers = Array.from({ length: FORMER_SOCIAL_WORKERS }, (_, i) =>
    member(`former.social.worker.${i + 1}`, ['social_worker'], teams[i % TEAM_COUNT]!.name, {
      disabled: true,
      practitioner: true,
    }),
  )
  member('performance.analyst', ['performance_analyst'], unit)
  member('system.admin', ['system_administrator'], 'Digital services (fictional)')
  for (const [agency, count, title] of PRACTITIONERS) {
    const list: Professional[] = []
    for (let i = 0; i < count; i += 1) {
      const name = personName()
      list.push({
        id: dice.uuid(),
        name,
        agency,
        roleTitle: title,
        email: `${name.toLowerCase().replace(' ', '.')}@${agency.replaceAll('_', '-')}.convene.example`,
        userId: null,
      })
    }
    professionals.set(agency, list)
  }
  return { administrators, chairs, teams, formerSocialWorkers, professionals, everyone }
}

// Families ---------------------------------------------------------------------------------------

export type PersonRole = 'child' | 'unborn' | 'parent' | 'carer' | 'household_member'

export interface PersonPlan {
  id: string
  role: PersonRole
  firstName: string
  lastName: string
  gender: 'female' | 'male'
  dob: DayNumber | null
  edd: DayNumber | null
  isSubject: boolean
  notSubjectReason: string | null
  livesInHousehold: boolean
  firstLanguage: string
  interpreterLanguage: string | null
  nationality: string | null
  immigrationStatus: string | null
  ethnicity: string
  email: string | null
  phone: string | null
  /** The children (ids) this adult holds parental responsibility for. */
  responsibleFor: string[]
}

export type EpisodeState = 'closed' | 'plan' | 'convening'
export type ConveningStage = 'requested' | 'authorised' | 'booked'
export type StartKind = 'initial' | 'pre_birth' | 'transfer_in'

export interface EpisodePlan {
  family: FamilyPlan
  /** The strategy discussion that starts the enquiry. */
  start: DayNumber
  kind: StartKind
  state: EpisodeState
  /** Closed episodes: whether the initial conference made a plan, and how many reviews followed. */
  planMade: boolean
  reviews: number
  /** Open families being convened: how far it has gone. */
  convening: ConveningStage | null
  /** The order episodes are written in: by start, then by this. */
  order: number
}

export interface FamilyPlan {
  /** The generator the family's rows draw from, its choices and its ids. */
  dice: Dice
  id: string
  reference: string
  familyName: string
  address: string
  team: Staff['teams'][number]
  socialWorker: StaffMember
  open: boolean
  people: PersonPlan[]
  episodes: EpisodePlan[]
  /** The agencies' practitioners who know the family. */
  practitioners: Professional[]
  /** Whether its case row has been written (with its first episode). */
  written: boolean
}

export interface CouncilPlan {
  staff: Staff
  families: FamilyPlan[]
  /** Every episode, in the order written: by start, so rows go in roughly as they happened. */
  episodes: EpisodePlan[]
  /** Open families with children on plans, for the case pages. */
  openWithPlans: FamilyPlan[]
  childrenOnPlans: number
  historicConferencesPlanned: number
}

const REFERENCE_LETTERS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

function weekdayOnOrBefore(day: DayNumber): DayNumber {
  let current = day
  while (isWeekend(current)) current -= 1
  return current
}

/** Roughly how long a closed episode lasts, from its strategy discussion to the conference that ends it. */
function episodeDays(planMade: boolean, reviews: number): number {
  if (!planMade) return 30
  return 30 + 92 + 183 * (reviews - 1)
}

class FamilyMaker {
  private readonly references = new Set<string>()

  constructor(private readonly staff: Staff) {}

  /**
   * A family: the subject children's ages are drawn at `ageAt` (the start of its latest episode) and
   * every child is born before `bornBefore` (its first episode); `preBirthEdd` adds an unborn child.
   */
  make(
    dice: Dice,
    options: {
      open: boolean
      ageAt: DayNumber
      bornBefore: DayNumber
      subjects: number
      preBirthEdd: DayNumber | null
    },
  ) {
    let reference: string
    do {
      reference = `CP-${Array.from({ length: 8 }, () => dice.pick([...REFERENCE_LETTERS])).join('')}`
    } while (this.references.has(reference))
    this.references.add(reference)
    const familyName = dice.pick(FAMILY_NAMES)
    const [town, postcode] = dice.pick(TOWNS)
    const address = `${dice.between(1, 180)} ${dice.pick(STREETS)}, ${town} ${postcode}${dice.between(1, 19)} ${dice.between(1, 9)}${dice.pick(['AB', 'DE', 'HJ', 'LN', 'PQ', 'RT', 'WX'])} (fictional)`
    const team = dice.pick(this.staff.teams)
    const old = options.bornBefore < fromYmd(2021, 6, 1)
    const socialWorker =
      !options.open && old && dice.chance(0.5)
        ? dice.pick(this.staff.formerSocialWorkers)
        : dice.pick(team.socialWorkers)
    const people: PersonPlan[] = []
    const language = dice.weighted([
      ['English', 85],
      ['Polish', 4],
      ['Romanian', 3],
      ['Urdu', 3],
      ['Arabic', 2],
      ['Lithuanian', 2],
      ['Kurdish', 1],
    ] as const)
    const interpreter = language !== 'English' && dice.chance(0.6) ? language : null
    const nationality =
      language === 'English' ? 'British' : dice.chance(0.5) ? 'British' : `${language} (fictional record)`
    const ethnicity =
      language === 'English' ? dice.pick(['WBRI', 'WBRI', 'WBRI', 'MWBC', 'BCRB', 'AIND']) : 'WOTH'
    const person = (role: PersonRole, gender: 'female' | 'male', dob: DayNumber | null): PersonPlan => ({
      id: dice.uuid(),
      role,
      firstName:
        role === 'child' || role === 'unborn'
          ? dice.pick(gender === 'female' ? GIRLS : BOYS)
          : dice.pick(gender === 'female' ? WOMEN : MEN),
      lastName: familyName,
      gender,
      dob,
      edd: null,
      isSubject: false,
      notSubjectReason: null,
      livesInHousehold: true,
      firstLanguage: language,
      interpreterLanguage: role === 'child' ? null : interpreter,
      nationality: dice.chance(0.9) ? nationality : null,
      immigrationStatus:
        nationality === 'British' ? 'British citizen' : dice.chance(0.7) ? 'Settled status' : null,
      ethnicity,
      email: null,
      phone: null,
      responsibleFor: [],
    })
    const children: PersonPlan[] = []
    for (let i = 0; i < options.subjects; i += 1) {
      const ageDays = dice.weighted([
        [dice.between(30, 4 * 365), 35],
        [dice.between(5 * 365, 9 * 365 + 300), 30],
        [dice.between(10 * 365, 15 * 365 + 300), 30],
        [dice.between(16 * 365, 17 * 365 + 200), 5],
      ] as const)
      const dob = Math.min(options.ageAt - ageDays, options.bornBefore - dice.between(30, 700))
      const child = person('child', dice.chance(0.5) ? 'female' : 'male', dob)
      child.isSubject = true
      children.push(child)
    }
    if (options.preBirthEdd !== null) {
      const baby = person('unborn', dice.chance(0.5) ? 'female' : 'male', null)
      baby.firstName = 'Baby'
      baby.edd = options.preBirthEdd
      baby.isSubject = true
      children.push(baby)
    }
    if (dice.chance(0.2)) {
      const sibling = person(
        'child',
        dice.chance(0.5) ? 'female' : 'male',
        options.ageAt - dice.between(16, 17) * 365,
      )
      sibling.notSubjectReason =
        'Is 16 and lives mostly with their grandmother; the enquiry found no concern of significant harm to them (fictional).'
      sibling.livesInHousehold = dice.chance(0.5)
      children.push(sibling)
    }
    const mother = person('parent', 'female', options.bornBefore - dice.between(19, 42) * 365)
    mother.email = dice.chance(0.7)
      ? `${mother.firstName.toLowerCase()}.${reference.slice(3).toLowerCase()}@families.convene.example`
      : null
    mother.phone = `07700 9${String(dice.between(0, 99_999)).padStart(5, '0')}`
    mother.responsibleFor = children.map((child) => child.id)
    people.push(...children, mother)
    if (dice.chance(0.7)) {
      const father = person('parent', 'male', options.bornBefore - dice.between(20, 48) * 365)
      father.livesInHousehold = dice.chance(0.55)
      father.email = dice.chance(0.5)
        ? `${father.firstName.toLowerCase()}.${reference.slice(3).toLowerCase()}@families.convene.example`
        : null
      father.responsibleFor = children.filter(() => dice.chance(0.85)).map((child) => child.id)
      people.push(father)
    }
    if (dice.chance(0.12)) {
      const partner = person('household_member', 'male', options.bornBefore - dice.between(20, 45) * 365)
      partner.lastName = dice.pick(FAMILY_NAMES)
      people.push(partner)
    }
    if (dice.chance(0.06)) {
      const grandmother = person('carer', 'female', options.bornBefore - dice.between(45, 68) * 365)
      grandmother.livesInHousehold = false
      people.push(grandmother)
    }
    const practitioners: Professional[] = []
    const pickFrom = (agency: string) => dice.pick(this.staff.professionals.get(agency)!)
    practitioners.push(pickFrom('police'), pickFrom('gp'))
    const ages = children.map((child) => (child.dob === null ? 0 : options.ageAt - child.dob))
    if (ages.some((age) => age < 5 * 365)) practitioners.push(pickFrom('health_visiting'))
    if (ages.some((age) => age >= 4 * 365)) practitioners.push(pickFrom('school'))
    if (options.preBirthEdd !== null) practitioners.push(pickFrom('midwifery'))
    for (const agency of [
      'adult_mental_health',
      'substance_misuse',
      'housing',
      'probation',
      'domestic_abuse_specialist',
    ])
      if (dice.chance(0.12)) practitioners.push(pickFrom(agency))
    const family: FamilyPlan = {
      dice,
      id: dice.uuid(),
      reference,
      familyName,
      address,
      team,
      socialWorker,
      open: options.open,
      people,
      episodes: [],
      practitioners,
      written: false,
    }
    return family
  }
}

function startKind(dice: Dice): StartKind {
  return dice.weighted([
    ['initial', 90],
    ['pre_birth', 6],
    ['transfer_in', 4],
  ] as const)
}

function subjectCount(dice: Dice): number {
  return dice.weighted([
    [1, 58],
    [2, 27],
    [3, 11],
    [4, 4],
  ] as const)
}

interface Course {
  planMade: boolean
  reviews: number
}

/** A closed episode's course: whether the initial conference made a plan, and the reviews that followed. */
function closedCourse(dice: Dice): Course {
  const reviews = dice.weighted([
    [0, 15],
    [1, 22],
    [2, 30],
    [3, 18],
    [4, 9],
    [dice.between(5, 7), 6],
  ] as const)
  return { planMade: reviews > 0, reviews }
}

/**
 * The whole council: the open set (the same at every history scale) and `size.historicConferences *
 * historyScale` conferences of history. At 10x the history holds the 1x history's families, and nine
 * times as many more.
 */
export function planCouncil(size: CouncilSize, historyScale: number): CouncilPlan {
  const staff = planStaff()
  const maker = new FamilyMaker(staff)
  const families: FamilyPlan[] = []
  const episodes: EpisodePlan[] = []
  let order = 0
  const addEpisode = (family: FamilyPlan, episode: Omit<EpisodePlan, 'family' | 'order'>) => {
    const planned: EpisodePlan = { ...episode, family, order: order++ }
    family.episodes.push(planned)
    episodes.push(planned)
    return planned
  }
  let historicConferences = 0
  const addClosedEpisode = (family: FamilyPlan, start: DayNumber, kind: StartKind, course: Course) => {
    historicConferences += 1 + course.reviews
    addEpisode(family, { start, kind, state: 'closed', ...course, convening: null })
  }

  // Children on plans today: the initial conference held from a week to nearly three years ago;
  // one family in five had an earlier plan, closed one to four years before this one began.
  const openWithPlans: FamilyPlan[] = []
  let childrenOnPlans = 0
  for (let index = 0; childrenOnPlans < size.childrenOnPlans; index += 1) {
    const dice = new Dice(OPEN_STREAM, index)
    const kind = startKind(dice)
    const preBirth = kind === 'pre_birth'
    const subjects = Math.min(
      preBirth ? subjectCount(dice) - 1 : subjectCount(dice),
      size.childrenOnPlans - childrenOnPlans - (preBirth ? 1 : 0),
    )
    const planAge = dice.weighted([
      [dice.between(7, 180), 35],
      [dice.between(181, 365), 30],
      [dice.between(366, 730), 25],
      [dice.between(731, 1000), 10],
    ] as const)
    const start = weekdayOnOrBefore(TODAY - planAge - dice.between(18, 24))
    let earlier: { start: DayNumber; course: Course } | null = null
    if (dice.chance(0.2)) {
      const course = closedCourse(dice)
      const earlierStart = weekdayOnOrBefore(
        start - dice.between(365, 4 * 365) - episodeDays(course.planMade, course.reviews),
      )
      if (earlierStart >= HISTORY_START) earlier = { start: earlierStart, course }
    }
    const family = maker.make(dice, {
      open: true,
      ageAt: start,
      bornBefore: earlier?.start ?? start,
      subjects,
      preBirthEdd: preBirth ? start + dice.between(70, 110) : null,
    })
    if (earlier) addClosedEpisode(family, earlier.start, 'initial', earlier.course)
    addEpisode(family, { start, kind, state: 'plan', planMade: true, reviews: 0, convening: null })
    childrenOnPlans += family.people.filter((person) => person.isSubject).length
    families.push(family)
    openWithPlans.push(family)
  }

  // Families being convened: an enquiry in the last three weeks.
  for (let index = 0; index < size.casesBeingConvened; index += 1) {
    const dice = new Dice(CONVENING_STREAM, index)
    const kind: StartKind = dice.chance(0.9) ? 'initial' : 'pre_birth'
    const stage = dice.weighted([
      ['requested', 20],
      ['authorised', 15],
      ['booked', 65],
    ] as const)
    const start = weekdayOnOrBefore(TODAY - dice.between(3, 18))
    const family = maker.make(dice, {
      open: true,
      ageAt: start,
      bornBefore: start,
      subjects: kind === 'pre_birth' ? subjectCount(dice) - 1 : subjectCount(dice),
      preBirthEdd: kind === 'pre_birth' ? start + dice.between(70, 110) : null,
    })
    addEpisode(family, { start, kind, state: 'convening', planMade: false, reviews: 0, convening: stage })
    families.push(family)
  }

  // The history: closed families, drawn until the history holds the conferences asked for; one in
  // eight came back for a second plan a few years after the first.
  const target = size.historicConferences * historyScale
  for (let index = 0; historicConferences < target; index += 1) {
    const dice = new Dice(HISTORY_STREAM, index)
    const kind = startKind(dice)
    const course = closedCourse(dice)
    const days = episodeDays(course.planMade, course.reviews)
    const latestStart = TODAY - days - 90
    const start = weekdayOnOrBefore(HISTORY_START + Math.floor(dice.next() * (latestStart - HISTORY_START)))
    const family = maker.make(dice, {
      open: false,
      ageAt: start,
      bornBefore: start,
      subjects: kind === 'pre_birth' ? subjectCount(dice) - 1 : subjectCount(dice),
      preBirthEdd: kind === 'pre_birth' ? start + dice.between(70, 110) : null,
    })
    addClosedEpisode(family, start, kind, course)
    if (dice.chance(0.12)) {
      const again = closedCourse(dice)
      const secondStart = weekdayOnOrBefore(start + days + dice.between(365, 4 * 365))
      const stillChildren = family.people.every(
        (person) => !person.isSubject || person.dob === null || secondStart - person.dob < 17 * 365,
      )
      if (stillChildren && secondStart + episodeDays(again.planMade, again.reviews) + 90 < TODAY)
        addClosedEpisode(family, secondStart, 'initial', again)
    }
    families.push(family)
  }

  episodes.sort((a, b) => a.start - b.start || a.order - b.order)
  return {
    staff,
    families,
    episodes,
    openWithPlans,
    childrenOnPlans,
    historicConferencesPlanned: historicConferences,
  }
}

/** Months after a day, on a weekday at or before it. */
export function monthsLater(day: DayNumber, months: number): DayNumber {
  return weekdayOnOrBefore(addMonths(day, months))
}

export { weekdayOnOrBefore }
