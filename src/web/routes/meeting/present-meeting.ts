import type { ChildDecisions, DecisionRules, MeetingRecord } from '../../../app/meeting/meeting-record.ts'
import type { DecisionRecord } from '../../../app/meeting/record-decision.ts'
import type { Conference } from '../../../db/conference.repository.ts'
import type { DateBasis, DateLimit } from '../../../domain/conference/outline-plan.ts'
import type { QuorumAnswer } from '../../../domain/deadlines/answer.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { agencyName, categoryName, longDate, momentText, namesInWords, STATUS_WORDS } from './words.ts'

/** The meeting record in words, for the meeting's pages: the conference, the quorum, dates with their rules, decisions. */

export const meetingPath = (conferenceId: string, step = ''): string =>
  `/conferences/${conferenceId}/meeting${step ? `/${step}` : ''}`

export const decisionPath = (conferenceId: string, childId: string): string =>
  meetingPath(conferenceId, `children/${childId}/decision`)

export const correctionPath = (conferenceId: string, childId: string): string =>
  meetingPath(conferenceId, `children/${childId}/correction`)

export interface ConferenceView {
  id: string
  kind: string
  date: string
  time: string
  venue: string
  remoteLink: string | null
  children: string
  status: string
  finalised: boolean
  finalisedAt: string
}

export function conferenceView(conference: Conference, childNames: readonly string[]): ConferenceView {
  const time = conference.startTime
    ? conference.endTime
      ? `${conference.startTime} to ${conference.endTime}`
      : conference.startTime
    : 'Time not set'
  return {
    id: conference.id,
    kind: CONFERENCE_KIND_WORDS[conference.kind] ?? conference.kind,
    date: longDate(conference.date),
    time,
    venue: conference.venue ?? 'Venue not set',
    remoteLink: conference.remoteLink,
    children: namesInWords(childNames),
    status: STATUS_WORDS[conference.status],
    finalised: conference.status === 'finalised',
    finalisedAt: momentText(conference.finalisedAt),
  }
}

export interface QuorumView {
  /** "Quorate", "Not quorate", or where no quorum is set, says so. */
  verdict: string
  quorate: boolean | null
  counted: string
  missing: string
  why: string
  source: string
}

export function quorumView(quorum: QuorumAnswer): QuorumView {
  return {
    verdict:
      quorum.quorate === true
        ? 'Quorate'
        : quorum.quorate === false
          ? 'Not quorate'
          : 'The procedure sets no quorum',
    quorate: quorum.quorate,
    counted: quorum.counted.map(agencyName).join(', ') || 'None',
    missing: quorum.missing.map(agencyName).join(', ') || 'None',
    why: quorum.why,
    source: quorum.source ?? 'The procedure is silent',
  }
}

export interface DateLimitView {
  rule: string | null
  title: string | null
  /** The limit in words: "By Tuesday 9 June 2026", a window, or that the procedure gives no date. */
  when: string
  why: string
  source: string
  ambiguous: boolean
  alternatives: { variant: string; when: string; why: string }[]
}

export function dateLimitView(limit: DateLimit): DateLimitView {
  const silent = limit.status === 'silent'
  const when = limit.window
    ? `Between ${longDate(limit.window.start)} and ${longDate(limit.window.end)}`
    : limit.latest
      ? `By ${longDate(limit.latest)}`
      : silent
        ? 'The procedure is silent: no limit'
        : limit.status === 'not_applicable'
          ? 'No limit for this kind of conference'
          : 'No date: the procedure gives no number'
  return {
    rule: limit.rule,
    title: limit.title,
    when,
    why: limit.why,
    source: silent ? 'The procedure is silent' : (limit.source ?? 'The procedure is silent'),
    ambiguous: limit.status === 'ambiguous',
    alternatives: limit.alternatives.map((alternative) => ({
      variant: alternative.variant,
      when: alternative.latest ? `By ${longDate(alternative.latest)}` : 'No date',
      why: alternative.why,
    })),
  }
}

/** One row of a summary list: where a refusal links to it, its name, its lines, and where to change it. */
export interface SummaryRow {
  id?: string
  key: string
  lines: string[]
  href?: string
  qa?: string
}

const LIMB_WORDS: Record<string, string> = {
  suffered: 'The child has suffered significant harm, and more is likely',
  likely_to_suffer: 'The child is likely to suffer significant harm',
  both: 'Both limbs of the test',
}

export const limbWords = (limb: string | null): string => (limb ? (LIMB_WORDS[limb] ?? limb) : '')

function chosenDateLines(chosen: DateBasis | null, limit: DateLimit): string[] {
  const view = dateLimitView(chosen ?? limit)
  const rule = view.rule ? `${view.rule}${view.title ? ` (${view.title})` : ''}` : 'No rule'
  const lines = [
    chosen ? longDate(chosen.date) : 'Not set',
    `Limit: ${view.when}. ${view.why}`,
    `Rule ${rule}. Source: ${view.source}`,
  ]
  if (chosen?.laterReason) lines.push(`Later than the limit because: ${chosen.laterReason}`)
  return lines
}

/**
 * A child's decision as summary rows. `href` gives the address of the part to change, or null for
 * a decision that is read only.
 */
export function decisionRows(
  entry: { child: { id: string }; dateLimits: ChildDecisions['dateLimits'] },
  decision: DecisionRecord,
  rules: DecisionRules,
  href: ((anchor: string) => string) | null,
): SummaryRow[] {
  const at = (anchor: string) => (href ? href(anchor) : undefined)
  const id = (part: string) => `decisions-${entry.child.id}-${part}`
  const rows: SummaryRow[] = []
  const push = (row: SummaryRow) => rows.push(row)
  push({
    id: id('threshold'),
    key: 'Threshold',
    lines: decision.thresholdMet
      ? ['Met', ...(decision.thresholdLimb ? [limbWords(decision.thresholdLimb)] : [])]
      : ['Not met'],
    href: at('threshold-met'),
    qa: 'summary-threshold',
  })
  push({
    id: id('outcome'),
    key: 'Outcome',
    lines: [decision.plan ? 'A child protection plan' : 'No child protection plan'],
    href: at('threshold-met'),
    qa: 'summary-outcome',
  })
  push({
    id: id('professionalViews'),
    key: 'Professionals’ views',
    lines: decision.professionalViews.length
      ? decision.professionalViews.map(
          (view) =>
            `${view.name} (${agencyName(view.agency)}): ${view.view === 'plan' ? 'needs a plan' : 'does not need a plan'}${view.category ? `, ${categoryName(view.category).toLowerCase()}` : ''}${view.reasons ? `. ${view.reasons}` : ''}`,
        )
      : ['None recorded'],
    href: at('professionalViews'),
  })
  push({
    id: id('decidedBy'),
    key: 'Who decided',
    lines: [
      decision.decidedBy === 'consensus' ? 'The professionals agreed' : 'The chair decided',
      ...(decision.chairReasons ? [`Reasons: ${decision.chairReasons}`] : []),
      `${rules.whoDecides.says}${rules.whoDecides.source ? ` (${rules.whoDecides.source})` : ''}`,
    ],
    href: at('chairReasons'),
  })
  if (decision.plan)
    push({
      id: id('categories'),
      key: 'Category',
      lines: decision.categories.length
        ? [
            decision.categories.map(categoryName).join(', '),
            ...(decision.categoryReason ? [`Why more than one: ${decision.categoryReason}`] : []),
          ]
        : ['None chosen'],
      href: at('categories'),
      qa: 'summary-categories',
    })
  push({
    id: id('dissent'),
    key: 'Dissent',
    lines: decision.dissent.length
      ? decision.dissent.map(
          (dissent) =>
            `${dissent.name} (${agencyName(dissent.agency)})${dissent.reasons ? `: ${dissent.reasons}` : ''}`,
        )
      : ['None recorded'],
    href: at('dissent-0-name'),
  })
  push({
    id: id('parents'),
    key: 'Parents’ views',
    lines: [
      decision.parents.views ?? 'Not recorded',
      ...(decision.parents.disagree ? ['The parents disagree with the decision'] : []),
      ...(decision.parents.toldHowToChallenge ? ['Told how to challenge the decision'] : []),
    ],
    href: at('parents-views'),
  })
  if (!decision.plan)
    push({
      id: id('noPlan'),
      key: 'Without a plan',
      lines: [
        decision.childInNeedPlan ? 'A child in need plan' : 'No child in need plan',
        ...(decision.recommendations ? [`Help recommended: ${decision.recommendations}`] : []),
      ],
      href: at('noPlan-childInNeedPlan'),
      qa: 'summary-no-plan',
    })
  if (decision.plan) {
    const sections = rules.outlinePlan.sections
      .filter((section) => decision.outlinePlan.sections[section.id])
      .map((section) => `${section.text}: ${decision.outlinePlan.sections[section.id]}`)
    push({
      id: id('outlinePlan'),
      key: 'Outline plan',
      lines: [
        ...sections,
        ...decision.outlinePlan.actions.map(
          (action) =>
            `${action.action}: ${action.owner}${action.dueOn ? `, by ${longDate(action.dueOn)}` : ''}`,
        ),
      ].concat(
        sections.length === 0 && decision.outlinePlan.actions.length === 0 ? ['Nothing recorded'] : [],
      ),
      href: at('outlinePlan-actions'),
    })
    push({
      id: id('leadSocialWorkerId'),
      key: 'Lead social worker',
      lines: [decision.leadSocialWorker?.name ?? 'Not named'],
      href: at('leadSocialWorkerId'),
    })
    push({
      id: id('coreGroup'),
      key: 'Core group',
      lines: decision.coreGroup.length
        ? decision.coreGroup.map(
            (member) =>
              `${member.name}${member.role ? `, ${member.role}` : ''}${member.agency ? ` (${agencyName(member.agency)})` : ''}`,
          )
        : ['None named'],
      href: at('coreGroup-0-name'),
    })
    push({
      id: id('firstCoreGroup'),
      key: 'First core group',
      lines: chosenDateLines(decision.firstCoreGroup, entry.dateLimits.firstCoreGroup),
      href: at('firstCoreGroup-date-day'),
      qa: 'summary-first-core-group',
    })
    push({
      id: id('firstReview'),
      key: 'First review conference',
      lines: chosenDateLines(decision.firstReview, entry.dateLimits.firstReview),
      href: at('firstReview-date-day'),
      qa: 'summary-first-review',
    })
  }
  push({
    key: 'Recorded',
    lines: [
      `Version ${decision.version}, by ${decision.recordedBy.name ?? 'someone no longer on the system'} at ${momentText(decision.recordedAt)}`,
      ...(decision.correctionReason ? [`Corrected because: ${decision.correctionReason}`] : []),
      ...(decision.finalisedAt ? [`Finalised at ${momentText(decision.finalisedAt)}`] : []),
    ],
  })
  return rows
}

/** The meeting's children by name, for the page caption. */
export function childNames(record: Pick<MeetingRecord, 'children'>): string[] {
  return record.children.map((child) => child.name)
}
