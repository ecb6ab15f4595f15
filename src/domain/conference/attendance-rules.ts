import { formatLongDate, type IsoDate, toDayNumber } from '../calendar/iso-date.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type {
  ABSENT_PARENT_REPRESENTATIVES,
  OBSERVER_CONSENTS,
  RuleParamsById,
  VIEWS_ROUTES,
} from '../procedure/rule-params.ts'
import { type ProcedureNote, procedureNote } from './convening.ts'

/**
 * Who may attend a conference and how: interpreters (P-INTERPRETER), the child's participation
 * (P-CHILD-WISH), observers and their consents (P-OBSERVER, T-OBSERVER-CONSENT), a parent who will
 * not attend (P-PARENT-ABSENT) and a professional who cannot (P-AGENCY-ABSENT). Pure: each check
 * returns the issues that refuse the input (field + plain-English message) and what the procedure
 * says, so that a rule the procedure is silent on is shown as silent and applies nothing.
 */

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

function isSilent(profile: Profile, ruleId: string): boolean {
  return (profile.rules[ruleId]?.status ?? 'silent') === 'silent'
}

function cite(profile: Profile, ruleId: string): string {
  return profile.rules[ruleId]?.source ?? ruleId
}

const longDate = (date: IsoDate): string => formatLongDate(toDayNumber(date))

// Interpreters ----------------------------------------------------------------------------------

export interface InterpreterCheck {
  issues: Issue[]
  note: ProcedureNote
  /** A family member interprets and the procedure is silent: recorded, and said so. */
  familyMemberRecordedWhereSilent: boolean
}

/**
 * A family member (anyone who is a person in the case) may not interpret where the procedure says
 * so. Where the procedure speaks of interpreters but gives no parameter, the stricter reading
 * applies: no family member. Where it is silent, the arrangement is recorded and the silence shown.
 */
export function interpreterCheck(
  profile: Profile,
  interpreter: { isFamilyMember: boolean; name: string },
  field = 'interpreter',
): InterpreterCheck {
  const note = procedureNote(profile, 'P-INTERPRETER')
  if (!interpreter.isFamilyMember) return { issues: [], note, familyMemberRecordedWhereSilent: false }
  if (isSilent(profile, 'P-INTERPRETER')) return { issues: [], note, familyMemberRecordedWhereSilent: true }
  const params = paramsOf(profile, 'P-INTERPRETER')
  if (params?.family_member_may_interpret === true)
    return { issues: [], note, familyMemberRecordedWhereSilent: false }
  return {
    issues: [
      {
        field,
        message: `${interpreter.name} is a member of the family, and a family member may not interpret at the conference (${cite(profile, 'P-INTERPRETER')}): arrange a trained interpreter.`,
      },
    ],
    note,
    familyMemberRecordedWhereSilent: false,
  }
}

// The child's participation ---------------------------------------------------------------------

export const CHILD_WISHES = ['attend', 'attend_part', 'not_attend', 'not_known'] as const
export type ChildWish = (typeof CHILD_WISHES)[number]
export const CHAIR_DECISIONS = ['attend', 'attend_part', 'views_only', 'not_invited'] as const
export type ChairDecision = (typeof CHAIR_DECISIONS)[number]

export interface ChildParticipationChoice {
  childName: string
  wish: ChildWish
  chairDecision: ChairDecision | null
  /** The chair and the social worker agreed the decision in advance (London 8.5.x). */
  agreedWithSocialWorker: boolean
}

/** A declared wish not to attend is respected (P-CHILD-WISH); the extent is agreed as the procedure says. */
export function childParticipationIssues(profile: Profile, choice: ChildParticipationChoice): Issue[] {
  const params = paramsOf(profile, 'P-CHILD-WISH')
  const issues: Issue[] = []
  if (choice.chairDecision === null || params === null) return issues
  const attends = choice.chairDecision === 'attend' || choice.chairDecision === 'attend_part'
  if (params.declined_wish_respected && choice.wish === 'not_attend' && attends)
    issues.push({
      field: 'chairDecision',
      message: `${choice.childName} has said they do not wish to attend, and that wish is respected (${cite(profile, 'P-CHILD-WISH')}): record how their views will be heard instead.`,
    })
  if (params.extent_decided_by === 'chair_with_social_worker' && !choice.agreedWithSocialWorker)
    issues.push({
      field: 'agreedWithSocialWorker',
      message: `The chair and the social worker agree in advance how far the child takes part (${cite(profile, 'P-CHILD-WISH')}): confirm that it was agreed.`,
    })
  return issues
}

// Observers -------------------------------------------------------------------------------------

export type ObserverConsentCode = (typeof OBSERVER_CONSENTS)[number]

export const CONSENT_WORDS: Record<ObserverConsentCode, string> = {
  chair: 'the chair',
  family: 'the family',
  child_if_sufficient_understanding: 'the child, where of sufficient age and understanding',
  parental_responsibility_holders: 'those with parental responsibility',
}

/** One consent: given or refused, on a day, by whom; "not_applicable" only for a child too young to give it. */
export interface ObserverConsent {
  answer: 'given' | 'refused' | 'not_applicable'
  on: IsoDate
  by: string
  note: string | null
}

export type ObserverConsents = Partial<Record<ObserverConsentCode, ObserverConsent>>

export interface ObserverRules {
  /** Whose consent the procedure requires; empty where it is silent. */
  consents: ObserverConsentCode[]
  /** null: no limit in the procedure. */
  maxObservers: number | null
  mayParticipate: boolean | null
  note: ProcedureNote
  timing: ProcedureNote
}

export function observerRules(profile: Profile): ObserverRules {
  const params = paramsOf(profile, 'P-OBSERVER')
  // Where the procedure speaks of observers without naming whose consent, the chair's and the
  // family's are asked for: the stricter reading.
  const consents: ObserverConsentCode[] = isSilent(profile, 'P-OBSERVER')
    ? []
    : [...(params?.consent ?? ['chair', 'family'])]
  return {
    consents,
    maxObservers: params?.max_observers ?? null,
    mayParticipate: params?.may_participate ?? null,
    note: procedureNote(profile, 'P-OBSERVER'),
    timing: procedureNote(profile, 'T-OBSERVER-CONSENT'),
  }
}

export type ObserverStatus = 'awaiting_consent' | 'may_observe' | 'refused'

export function observerStatus(
  rules: ObserverRules,
  consents: ObserverConsents,
): { status: ObserverStatus; outstanding: ObserverConsentCode[] } {
  if (rules.consents.some((code) => consents[code]?.answer === 'refused'))
    return { status: 'refused', outstanding: [] }
  const outstanding = rules.consents.filter((code) => consents[code] === undefined)
  return { status: outstanding.length === 0 ? 'may_observe' : 'awaiting_consent', outstanding }
}

/**
 * A request for an observer: within the procedure's limit on observers (Kent: one), and early
 * enough for the consents to be obtained before the day (T-OBSERVER-CONSENT).
 */
export function observerRequestIssues(
  profile: Profile,
  request: { otherObservers: readonly string[]; conferenceDate: IsoDate; today: IsoDate },
): Issue[] {
  const rules = observerRules(profile)
  const issues: Issue[] = []
  if (rules.maxObservers !== null && request.otherObservers.length >= rules.maxObservers)
    issues.push({
      field: 'name',
      message: `The procedure allows ${rules.maxObservers === 1 ? 'one observer' : `${rules.maxObservers} observers`} at a conference (${cite(profile, 'P-OBSERVER')}), and ${request.otherObservers.join(', ')} ${request.otherObservers.length === 1 ? 'is' : 'are'} already to observe this one.`,
    })
  if (!isSilent(profile, 'T-OBSERVER-CONSENT') && request.today >= request.conferenceDate)
    issues.push({
      field: 'conferenceId',
      message: `An observer’s consents are obtained before the day of the conference (${cite(profile, 'T-OBSERVER-CONSENT')}), and the conference is on ${longDate(request.conferenceDate)}.`,
    })
  return issues
}

/** A consent the procedure asks for, obtained before the day (T-OBSERVER-CONSENT), not in the future. */
export function observerConsentIssues(
  profile: Profile,
  consent: { code: ObserverConsentCode; answer: ObserverConsent['answer']; on: IsoDate },
  when: { conferenceDate: IsoDate; today: IsoDate },
): Issue[] {
  const rules = observerRules(profile)
  const issues: Issue[] = []
  if (!rules.consents.includes(consent.code))
    issues.push({
      field: 'consent',
      message:
        rules.consents.length === 0
          ? `The procedure is silent on observers’ consents (P-OBSERVER); none is asked for.`
          : `The procedure asks for the consent of ${rules.consents.map((code) => CONSENT_WORDS[code]).join(', ')} (${cite(profile, 'P-OBSERVER')}), not of ${CONSENT_WORDS[consent.code]}.`,
    })
  if (consent.answer === 'not_applicable' && consent.code !== 'child_if_sufficient_understanding')
    issues.push({
      field: 'answer',
      message: `Only the child’s consent can be marked not applicable (a child not of sufficient understanding); ${CONSENT_WORDS[consent.code]} gives or refuses consent.`,
    })
  const beforeTheDay = !isSilent(profile, 'T-OBSERVER-CONSENT') && consent.answer === 'given'
  if (beforeTheDay && consent.on >= when.conferenceDate)
    issues.push({
      field: 'on',
      message: `Consent is obtained before the day of the conference (${cite(profile, 'T-OBSERVER-CONSENT')}); the conference is on ${longDate(when.conferenceDate)}.`,
    })
  else if (consent.on > when.today)
    issues.push({ field: 'on', message: `cannot be after today (${longDate(when.today)})` })
  return issues
}

// A parent who will not attend ------------------------------------------------------------------

export type AbsentParentRepresentative = (typeof ABSENT_PARENT_REPRESENTATIVES)[number]
export type ViewsRoute = (typeof VIEWS_ROUTES)[number]

export const VIEWS_ROUTE_WORDS: Record<ViewsRoute, string> = {
  in_writing: 'in writing (a letter or an email)',
  recorded: 'recorded (audio or video)',
  video_call: 'by video call',
  meeting_with_chair: 'at a meeting with the chair before the conference',
  through_representative: 'through an advocate or solicitor who attends for them',
  relayed_by_social_worker: 'passed on by the social worker',
  relayed_by_chair: 'passed on by the chair',
  relayed_by_professional: 'passed on by a professional who knows them',
}

export interface ParentAbsenceRules {
  note: ProcedureNote
  /** Who may attend in the parent's place; empty where the procedure names nobody. */
  representatives: AbsentParentRepresentative[]
  representativeNeeds: ('chair_agreement' | 'written_parental_confirmation')[]
  /** The ways the procedure names for the parent's views to reach the conference. */
  viewsRoutes: ViewsRoute[]
}

export function parentAbsenceRules(profile: Profile): ParentAbsenceRules {
  const params = paramsOf(profile, 'P-PARENT-ABSENT')
  return {
    note: procedureNote(profile, 'P-PARENT-ABSENT'),
    representatives: [...(params?.representatives ?? [])],
    representativeNeeds: [...(params?.representative_needs ?? [])],
    viewsRoutes: [...(params?.views_routes ?? [])],
  }
}

export interface RepresentativeChoice {
  role: AbsentParentRepresentative
  name: string
  chairAgreed: boolean
  writtenParentalConfirmation: boolean
}

/**
 * Someone attending in an absent parent's place: one the procedure names (P-PARENT-ABSENT), with
 * what it asks for first (Kent: the chair's agreement and the parent's written confirmation).
 * Where the procedure is silent, or names the routes but nobody to attend, the choice is recorded.
 */
export function parentAbsenceIssues(profile: Profile, representative: RepresentativeChoice | null): Issue[] {
  if (representative === null || isSilent(profile, 'P-PARENT-ABSENT')) return []
  const rules = parentAbsenceRules(profile)
  if (profile.rules['P-PARENT-ABSENT']?.params == null) return []
  const issues: Issue[] = []
  if (!rules.representatives.includes(representative.role))
    issues.push({
      field: 'representative.role',
      message:
        rules.representatives.length === 0
          ? `The procedure does not provide for anyone to attend in a parent’s place (${cite(profile, 'P-PARENT-ABSENT')}); record how their views will reach the conference.`
          : `The procedure lets ${rules.representatives.map((r) => `a ${r}`).join(' or ')} attend in a parent’s place (${cite(profile, 'P-PARENT-ABSENT')}), not a ${representative.role}.`,
    })
  if (rules.representativeNeeds.includes('chair_agreement') && !representative.chairAgreed)
    issues.push({
      field: 'representative.chairAgreed',
      message: `${representative.name} may attend in the parent’s place only with the chair’s agreement (${cite(profile, 'P-PARENT-ABSENT')}).`,
    })
  if (
    rules.representativeNeeds.includes('written_parental_confirmation') &&
    !representative.writtenParentalConfirmation
  )
    issues.push({
      field: 'representative.writtenParentalConfirmation',
      message: `${representative.name} may attend in the parent’s place only with the parent’s written confirmation (${cite(profile, 'P-PARENT-ABSENT')}).`,
    })
  return issues
}

// A professional who cannot attend --------------------------------------------------------------

export interface AgencyAbsenceCheck {
  issues: Issue[]
  /** What the procedure still asks of the professional, in plain English with the citation. */
  reminders: string[]
  note: ProcedureNote
}

/** P-AGENCY-ABSENT: a professional who cannot attend sends a written report and, where asked, a substitute. */
export function agencyAbsenceCheck(
  profile: Profile,
  reply: { response: 'not_attending' | 'report_and_substitute'; substituteName: string | null },
): AgencyAbsenceCheck {
  const note = procedureNote(profile, 'P-AGENCY-ABSENT')
  const params = paramsOf(profile, 'P-AGENCY-ABSENT')
  const issues: Issue[] = []
  const reminders: string[] = []
  if (params === null) return { issues, reminders, note }
  const source = cite(profile, 'P-AGENCY-ABSENT')
  if (reply.response === 'report_and_substitute' && params.substitute && reply.substituteName === null)
    issues.push({
      field: 'substituteName',
      message: `name the colleague who will attend instead (${source})`,
    })
  if (reply.response === 'not_attending') {
    if (params.written_report)
      reminders.push(`A professional who cannot attend still sends a written report (${source}).`)
    if (params.substitute) reminders.push(`A briefed colleague should attend in their place (${source}).`)
  }
  if (params.inform && params.inform.length > 0)
    reminders.push(
      `They tell ${params.inform.map((who) => (who === 'chair' ? 'the chair' : 'the conference administrator')).join(' and ')} (${source}).`,
    )
  return { issues, reminders, note }
}
