import type { QuorumAnswer } from '../deadlines/answer.ts'
import type { Attendee } from '../deadlines/facts.ts'
import { listInWords } from '../deadlines/rule-handler.ts'
import { type Profile, readingOf, ruleOf } from '../procedure/profile.ts'

const REQUIRED_AGENCY: Record<string, string> = {
  csc_social_worker: 'childrens_social_care',
  la_childrens_social_care: 'childrens_social_care',
  childrens_social_care: 'childrens_social_care',
  police: 'police',
}

const AGENCY_WORDS: Record<string, string> = {
  childrens_social_care: "children's social care",
  health_visiting: 'health visiting',
  school_nursing: 'school nursing',
  gp: 'GP',
  adult_mental_health: 'adult mental health',
  substance_misuse: 'substance misuse',
  youth_justice: 'youth justice',
  domestic_abuse_specialist: 'domestic abuse specialist',
  early_help: 'early help',
}

export function agencyInWords(agency: string): string {
  return AGENCY_WORDS[agency] ?? agency.replaceAll('_', ' ')
}

/**
 * Whether a conference is quorate under the profile (rules Q-MIN, Q-COUNT; conventions C13):
 * distinct agencies are counted, never people, and only professionals can count.
 */
export function assessQuorum(attendees: readonly Attendee[], profile: Profile): QuorumAnswer {
  const minimum = ruleOf(profile, 'Q-MIN')
  if (minimum.status === 'silent' || !minimum.params)
    return {
      quorate: null,
      counted: [],
      missing: [],
      why: 'The procedure is silent on a quorum, so none is applied.',
      source: null,
    }
  const params = minimum.params
  const count = ruleOf(profile, 'Q-COUNT')
  const expertiseCounts = count.status !== 'silent' && count.params?.expertise_only_counts === true
  const policeOptional = readingOf(profile, 'C13') === 'other'
  const required = [...new Set(params.required.map((id) => REQUIRED_AGENCY[id] ?? id))].filter(
    (agency) => !(policeOptional && agency === 'police'),
  )
  const inPerson = new Set<string>(
    (params.in_person_required ?? []).filter((agency) => !(policeOptional && agency === 'police')),
  )
  const minOthers = params.min_other_disciplines ?? params.min_other_agencies ?? 0

  const eligible = attendees.filter(
    (a) => a.role === 'professional' && (expertiseCounts || !a.expertise_only),
  )
  const counted: string[] = []
  const missing: string[] = []
  for (const agency of required) {
    const present = eligible.some((a) => a.agency === agency && (!inPerson.has(agency) || a.in_person))
    if (present) counted.push(agency)
    else missing.push(inPerson.has(agency) ? `${agency} (in person)` : agency)
  }
  const others = [
    ...new Set(
      eligible
        .filter(
          (a) =>
            a.direct_contact_with_child &&
            !required.includes(a.agency) &&
            a.agency !== 'childrens_social_care',
        )
        .map((a) => a.agency),
    ),
  ]
  counted.push(...others)
  const shortBy = Math.max(0, minOthers - others.length)
  if (shortBy > 0)
    missing.push(`${shortBy} more agenc${shortBy === 1 ? 'y' : 'ies'} with direct contact with the child`)
  const quorate = missing.length === 0
  const needs = `${listInWords(required.map((agency) => (inPerson.has(agency) ? `${agencyInWords(agency)} in person` : agencyInWords(agency))))} and at least ${minOthers} other agenc${minOthers === 1 ? 'y' : 'ies'} with direct contact with the child`
  const othersWords = others.length > 0 ? listInWords(others.map(agencyInWords)) : 'none'
  const why = quorate
    ? `Quorate: the procedure needs ${needs}; the other agencies counted are ${othersWords}.`
    : `Not quorate: the procedure needs ${needs}; missing: ${listInWords(missing.map((m) => agencyInWords(m)))}.`
  return { quorate, counted, missing, why, source: minimum.source }
}

export interface InquorateConditions {
  /** The child has not had relevant contact with enough agencies (for example an unborn baby). */
  few_agencies_involved: boolean
  sufficient_information: boolean
  delay_harmful: boolean
}

export interface ProceedAnswer {
  allowed: boolean | null
  unmet: (keyof InquorateConditions)[]
  why: string
  source: string | null
}

/** Whether the chair may go ahead without a quorum (Q-EXCEPTION); every condition is needed. */
export function mayProceedInquorate(conditions: InquorateConditions, profile: Profile): ProceedAnswer {
  const exception = ruleOf(profile, 'Q-EXCEPTION')
  if (exception.status === 'silent')
    return {
      allowed: null,
      unmet: [],
      why: 'The procedure is silent on going ahead without a quorum.',
      source: null,
    }
  const unmet = (Object.keys(conditions) as (keyof InquorateConditions)[]).filter((key) => !conditions[key])
  const allowed = unmet.length === 0
  return {
    allowed,
    unmet,
    why: allowed
      ? 'All the conditions for going ahead without a quorum are met.'
      : `The chair may go ahead without a quorum only when all the conditions are met; not met: ${listInWords(unmet.map((u) => u.replaceAll('_', ' ')))}.`,
    source: exception.source,
  }
}
