import { formatLongDate, toDayNumber } from '../calendar/iso-date.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'
import { type ProcedureNote, procedureNote } from './convening.ts'

/**
 * What the council's procedure asks of a chair beyond never having managed the case
 * (CH-INDEPENDENCE): what follows a chair's personal connection with the family (discussed with
 * their manager, who decides whether another chair is found; declared at the start and minuted
 * where the chair stays: Kent §13), and whether the same person chairs later conferences about the
 * child wherever possible (London 8.9.2, York). Pure.
 */

export const CONNECTION_DECISIONS = ['not_yet_decided', 'chair_stays', 'chair_replaced'] as const
export type ConnectionDecision = (typeof CONNECTION_DECISIONS)[number]

export const CONNECTION_DECISION_WORDS: Record<ConnectionDecision, string> = {
  not_yet_decided: 'Not decided yet',
  chair_stays: 'The chair stays, and declares the connection',
  chair_replaced: 'Another chair is found',
}

/** A chair's declared personal connection with the family of a conference. */
export interface ChairConnection {
  chairId: string
  chairName: string
  connection: string
  /** The manager the chair discussed it with, and the day; null until it is discussed. */
  discussedWith: string | null
  discussedOn: string | null
  decision: ConnectionDecision
}

export interface ChairRules {
  note: ProcedureNote
  /** The chair's title in the procedure's words, where it gives one. */
  chairTitle: string | null
  /** A declared connection is discussed with the chair's manager, who decides (Kent §13). */
  discussWithManager: boolean
  /** A connection the chair stays with is declared at the start and minuted. */
  minuted: boolean
  /** The same person chairs later conferences about the child wherever possible. */
  sameChairLater: boolean
}

function paramsOf(profile: Profile): RuleParamsById['CH-INDEPENDENCE'] | null {
  const entry = profile.rules['CH-INDEPENDENCE']
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById['CH-INDEPENDENCE'] | null) ?? null
}

export function chairRules(profile: Profile): ChairRules {
  const params = paramsOf(profile)
  return {
    note: procedureNote(profile, 'CH-INDEPENDENCE'),
    chairTitle: params?.chair_title ?? null,
    discussWithManager: params?.connection_discussed_with_manager === true,
    minuted: params?.connection_minuted === true,
    sameChairLater: params?.same_chair_for_later_conferences === true,
  }
}

/** "CH-INDEPENDENCE, Kent §13", or the rule alone where the procedure gives no section. */
export function citeChairRule(rules: ChairRules): string {
  return rules.note.source ? `CH-INDEPENDENCE, ${rules.note.source}` : 'CH-INDEPENDENCE'
}

/** What the procedure says of minuting a declared connection, for the pages and the record. */
export function minutingWords(rules: ChairRules): string {
  if (rules.minuted)
    return `The procedure asks that a chair who stays declares the connection at the start of the conference, and that it is minuted (${citeChairRule(rules)}).`
  return rules.note.status === 'silent'
    ? 'The procedure is silent on a chair’s independence, and so on minuting a connection (CH-INDEPENDENCE). Convene keeps the declaration with the meeting record.'
    : `The procedure is silent on minuting a chair’s connection with the family (${citeChairRule(rules)}). Convene keeps the declaration with the meeting record.`
}

const longDate = (date: string): string => formatLongDate(toDayNumber(date))

/** The declaration as the meeting record shows it. */
export function declarationLines(connection: ChairConnection): string[] {
  return [
    `${connection.chairName} declared a personal connection with the family: ${connection.connection}`,
    connection.discussedWith && connection.discussedOn
      ? `Discussed with ${connection.discussedWith} on ${longDate(connection.discussedOn)}.`
      : 'Not yet discussed with the chair’s manager.',
    `Decision: ${CONNECTION_DECISION_WORDS[connection.decision]}.`,
  ]
}

/**
 * Checks a declaration as it is recorded. Where the procedure has the manager decide, a decision
 * (the chair stays, or another is found) is recorded only with the discussion it followed.
 */
export function declarationIssues(
  connection: Pick<ChairConnection, 'discussedWith' | 'discussedOn' | 'decision'>,
  rules: ChairRules,
  today: string,
): Issue[] {
  const issues: Issue[] = []
  if (connection.discussedOn !== null && connection.discussedOn > today)
    issues.push({ field: 'discussedOn', message: 'cannot be after today' })
  if (
    rules.discussWithManager &&
    connection.decision !== 'not_yet_decided' &&
    connection.discussedWith === null
  )
    issues.push({
      field: 'discussedWith',
      message: `name the manager the chair discussed the connection with: the manager decides whether another chair is found (${citeChairRule(rules)})`,
    })
  return issues
}

/**
 * What stops the conference being finalised, of the declarations of the chair who holds it now: a
 * decision that another chair is found (the conference must be rebooked with them), and, where the
 * procedure asks it, a connection not yet discussed with the chair's manager or not yet decided.
 */
export function connectionFinaliseIssues(
  connections: readonly ChairConnection[],
  chairId: string | null,
  rules: ChairRules,
): Issue[] {
  const issues: Issue[] = []
  for (const connection of connections) {
    if (connection.chairId !== chairId) continue
    if (connection.decision === 'chair_replaced') {
      issues.push({
        field: 'chairConnection',
        message: `It was decided that another chair is found, because of ${connection.chairName}’s connection with the family: change the chair before finalising`,
      })
      continue
    }
    if (!rules.discussWithManager) continue
    if (connection.discussedWith === null)
      issues.push({
        field: 'chairConnection',
        message: `${connection.chairName}’s declared connection with the family has not been discussed with their manager (${citeChairRule(rules)}): record who it was discussed with, when, and the decision`,
      })
    else if (connection.decision === 'not_yet_decided')
      issues.push({
        field: 'chairConnection',
        message: `No decision is recorded on ${connection.chairName}’s declared connection with the family: record whether the chair stays (${citeChairRule(rules)})`,
      })
  }
  return issues
}

/** An earlier conference's chair, offered first when the next conference is booked. */
export interface PreviousChair {
  chairId: string
  chairName: string
  conferenceId: string
  /** 'YYYY-MM-DD' */
  conferenceDate: string
}

/**
 * Where the procedure asks for the same chair at later conferences, a different chair is chosen
 * only with the reason why.
 */
export function continuityIssues(
  chosenChairId: string | null,
  previous: PreviousChair | null,
  reason: string | undefined,
  rules: ChairRules,
  field = 'chairChangeReason',
): Issue[] {
  if (!rules.sameChairLater || previous === null || chosenChairId === null) return []
  if (chosenChairId === previous.chairId || (reason ?? '').trim() !== '') return []
  return [
    {
      field,
      message: `say why ${previous.chairName}, who chaired the conference on ${longDate(previous.conferenceDate)}, is not chairing this one: the same person chairs later conferences wherever possible (${citeChairRule(rules)})`,
    },
  ]
}
