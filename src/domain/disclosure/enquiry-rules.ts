import { ukDateAndTime } from '../calendar/clock-time.ts'
import { addMonths, type IsoDate, toDayNumber, toIsoDate } from '../calendar/iso-date.ts'
import { type ProcedureNote, procedureNote } from '../conference/convening.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'
import { dayWords, type PlanStatus, planWords } from './plan-status.ts'

/**
 * Enquiries about whether a child is known or on a plan (DIST-ENQUIRIES): what the council's
 * procedure asks of each enquiry (the enquirer checked first, the key worker told, a child at the
 * address of a child on a plan, the advice given about a child not known, a second enquiry), the
 * answer in words, and which earlier enquiries count as a repeat. Where the procedure is silent the
 * enquiry is still logged and answered, nobody is told, no alert is raised, and the page says so. Pure.
 */

export const RULE = 'DIST-ENQUIRIES'

export type EnquiryOutcome = 'on_plan' | 'open_case' | 'not_on_plan' | 'not_known'

type Params = RuleParamsById['DIST-ENQUIRIES']
type RepeatRule = NonNullable<Params['repeat_enquiry']>

export interface EnquiryProcedure {
  note: ProcedureNote
  /** The enquirer must be checked before the answer (a way of checking other than "not checked"). */
  checkFirst: boolean
  giveKeyWorkerName: boolean
  tellKeyWorker: boolean
  tellKeyWorkerAtSameAddress: boolean
  recordAdviceIfNotKnown: boolean
  repeat: RepeatRule | null
  /** What the procedure does not say, in words, shown beside the answer. */
  silences: string[]
}

export function enquiryProcedure(profile: Profile): EnquiryProcedure {
  const note = procedureNote(profile, RULE)
  const entry = profile.rules[RULE]
  const params: Params =
    entry && entry.status !== 'silent' ? ((entry.params as Params | null) ?? {}) : ({} as Params)
  const silences: string[] = []
  if (note.status === 'silent')
    silences.push(
      'The procedure is silent on enquiries about a child: the enquiry and the answer are logged, nobody is told of it and no alert is raised.',
    )
  else {
    if (!params.tell_key_worker)
      silences.push('The procedure is silent on telling the key worker of an enquiry: nobody is told.')
    if (!params.repeat_enquiry)
      silences.push('The procedure is silent on a repeated enquiry: no alert is raised.')
    else if (params.repeat_enquiry.window === null)
      silences.push(
        'The procedure gives no period for a repeated enquiry (the procedure is silent on a window): any earlier enquiry about the child counts.',
      )
  }
  return {
    note,
    checkFirst: params.enquirer_checked_first === true,
    giveKeyWorkerName: params.give_key_worker_name === true,
    tellKeyWorker: params.tell_key_worker === true,
    tellKeyWorkerAtSameAddress: params.tell_key_worker_at_same_address === true,
    recordAdviceIfNotKnown: params.record_advice_if_not_known === true,
    repeat: params.repeat_enquiry ?? null,
    silences,
  }
}

/** What the records say of the child asked about: not found, or found with their case's state and plan. */
export type ChildFound = null | { caseOpen: boolean; plan: PlanStatus }

export function enquiryOutcome(found: ChildFound): EnquiryOutcome {
  if (found === null) return 'not_known'
  if (found.plan.onPlan) return 'on_plan'
  return found.caseOpen ? 'open_case' : 'not_on_plan'
}

/** An earlier enquiry about the same child, as the later enquirer may be told of it. */
export interface EarlierEnquiry {
  id: string
  receivedAt: Date
  agency: string
}

/** Names, for finding an earlier enquiry about a child who was not found: lower case letters and digits. */
export function nameKey(firstName: string, lastName: string): string {
  const plain = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  return `${plain(firstName)} ${plain(lastName)}`.trim()
}

/** An address as compared: lower case letters and digits only ("1 Test St." and "1 test st" agree). */
export function addressKey(address: string): string {
  return address.toLowerCase().replace(/[^a-z0-9]+/g, '')
}

/** The child as an enquirer describes them. */
export interface ChildAsked {
  firstName: string
  lastName: string
  dateOfBirth: string | null
  address: string | null
}

/**
 * Whether two descriptions with the same names are the same child: the dates of birth agree where
 * both are given, and otherwise the addresses agree where both are given.
 */
export function sameChildAsked(a: ChildAsked, b: ChildAsked): boolean {
  if (nameKey(a.firstName, a.lastName) !== nameKey(b.firstName, b.lastName)) return false
  if (a.dateOfBirth !== null && b.dateOfBirth !== null) return a.dateOfBirth === b.dateOfBirth
  if (a.address !== null && b.address !== null) return addressKey(a.address) === addressKey(b.address)
  return true
}

/** The first day an earlier enquiry counts from, or null where every earlier one counts. */
function windowStart(window: RepeatRule['window'], today: IsoDate): IsoDate | null {
  if (window === null) return null
  const day = toDayNumber(today)
  return toIsoDate(window.unit === 'months' ? addMonths(day, -window.n) : day - window.n)
}

export interface RepeatFinding {
  /** The earlier enquiries that count under the procedure (all earlier ones shown on the page). */
  counted: EarlierEnquiry[]
  /** The later enquirer is told of the earlier ones. */
  tellEnquirer: boolean
  /** The designated manager is alerted. */
  alert: boolean
  /** Why, in the procedure's words and citation, or why not. */
  reason: string
}

/** What follows from earlier enquiries about the same child, under the procedure's rule on repeats. */
export function repeatFinding(
  procedure: EnquiryProcedure,
  outcome: EnquiryOutcome,
  earlier: readonly EarlierEnquiry[],
  now: Date,
): RepeatFinding {
  const rule = procedure.repeat
  if (rule === null)
    return {
      counted: [],
      tellEnquirer: false,
      alert: false,
      reason: 'The procedure is silent on a repeated enquiry.',
    }
  const start = windowStart(rule.window, ukDateAndTime(now).date)
  const counted = earlier.filter((one) => start === null || ukDateAndTime(one.receivedAt).date >= start)
  const applies = rule.about === 'any' || outcome === 'not_known'
  const source = procedure.note.source ?? procedure.note.rule
  if (!applies || counted.length === 0)
    return {
      counted: applies ? counted : [],
      tellEnquirer: false,
      alert: false,
      reason: applies
        ? 'This is the first enquiry about this child.'
        : `The procedure's rule on a second enquiry is for a child not known to children's social care (${source}).`,
    }
  return {
    counted,
    tellEnquirer: rule.tell_enquirer_of_earlier,
    alert: rule.alert_designated_manager,
    reason: `A second enquiry about this child (${source})${rule.window === null ? '' : `, within ${rule.window.n} ${rule.window.unit === 'months' ? 'months' : 'days'}`}.`,
  }
}

const longDate = (instant: Date) => dayWords(ukDateAndTime(instant).date)

/**
 * The answer given to the enquirer, from the records and the procedure: whether the child is on a
 * plan (since when, which category); where the procedure says, the key worker's name for an open
 * case; and, for a repeat the procedure asks to tell, the earlier enquiries.
 */
export function answerWords(args: {
  procedure: EnquiryProcedure
  outcome: EnquiryOutcome
  plan: PlanStatus | null
  keyWorkerName: string | null
  tellOfEarlier: readonly EarlierEnquiry[]
}): string {
  const parts: string[] = []
  switch (args.outcome) {
    case 'on_plan':
      if (args.plan?.onPlan) parts.push(planWords(args.plan))
      break
    case 'open_case':
      parts.push('Not on a child protection plan.')
      if (args.procedure.giveKeyWorkerName) parts.push('The child’s case is open to children’s social care.')
      break
    case 'not_on_plan':
      parts.push('Not on a child protection plan.')
      break
    case 'not_known':
      parts.push('Not known to children’s social care; not on a child protection plan.')
      break
  }
  if (args.procedure.giveKeyWorkerName && (args.outcome === 'on_plan' || args.outcome === 'open_case'))
    parts.push(
      args.keyWorkerName ? `The key worker is ${args.keyWorkerName}.` : 'No key worker is allocated.',
    )
  for (const earlier of args.tellOfEarlier)
    parts.push(
      `An earlier enquiry about this child was made on ${longDate(earlier.receivedAt)} (${earlier.agency}).`,
    )
  return parts.join(' ')
}
