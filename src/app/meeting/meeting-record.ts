import { z } from 'zod'
import { chairConnectionsOf, type StoredChairConnection } from '../../db/chair-connection.repository.ts'
import type { Conference } from '../../db/conference.repository.ts'
import { currentVersions, decisionsOfConference } from '../../db/decision.repository.ts'
import {
  type Attendee,
  attendanceOf,
  findMeetingRecord,
  type MeetingDraft,
  meetingDraftsOf,
} from '../../db/meeting.repository.ts'
import { formatLongDate, toDayNumber } from '../../domain/calendar/iso-date.ts'
import {
  type ChairRules,
  chairRules,
  connectionFinaliseIssues,
  minutingWords,
} from '../../domain/conference/chair-connection.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import { CATEGORIES, CATEGORY_NAMES, finaliseIssues } from '../../domain/conference/decision-rules.ts'
import {
  type OpeningChecklist,
  openingChecklist,
  type SavedChecklistItem,
} from '../../domain/conference/opening-checklist.ts'
import {
  type DateLimit,
  type OutlinePlanSection,
  outlinePlanSections,
} from '../../domain/conference/outline-plan.ts'
import { practiceModel, type SavedPracticeNote } from '../../domain/conference/practice-model.ts'
import type { InquorateRecord } from '../../domain/conference/quorum-decision.ts'
import type { QuorumAnswer } from '../../domain/deadlines/answer.ts'
import type { Issue } from '../../domain/issues.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import type { RuleParamsById } from '../../domain/procedure/rule-params.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { opennessOfConference, type ReportsOpenToParents } from '../reports/open-to-parents.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'
import type { PracticeNotes } from './meeting-notes.ts'
import { conferenceId, MEETING_RECORDERS, quorumOf, readMeeting, type SubjectChild } from './open-meeting.ts'
import { type InquorateOptions, inquorateOptionsFor } from './quorum.ts'
import { type DecisionRecord, dateLimitsFor, namesFor, presentDecision } from './record-decision.ts'

/**
 * Everything recorded at the meeting so far, for the chair's page, with what the procedure says
 * beside each part, what still stops the conference being finalised, and what the procedure expects
 * that has not been recorded yet ("check your answers").
 */

/** What the procedure says about each part of the decision, for the page's hints. */
export interface DecisionRules {
  perChild: ProcedureNote
  threshold: ProcedureNote & {
    question: string | null
    limbs: { id: string; text: string }[]
  }
  whoDecides: ProcedureNote
  category: ProcedureNote & {
    /** Whether more than one category may be chosen, and whether a reason is then needed. */
    allowMultiple: 'no' | 'yes' | 'exceptionally_with_reason'
    categories: { id: string; name: string }[]
  }
  dissent: ProcedureNote
  noPlan: ProcedureNote
  outlinePlan: ProcedureNote & { sections: OutlinePlanSection[] }
  coreGroup: ProcedureNote
  legal: ProcedureNote
}

export interface ChildDecisions {
  child: SubjectChild
  /** The latest version, or null where none is recorded yet. */
  current: DecisionRecord | null
  /** Earlier versions, where the decision was corrected after finalising; oldest first. */
  earlier: DecisionRecord[]
  /** The engine's limits for the first core group and the first review, should the child have a plan. */
  dateLimits: { firstCoreGroup: DateLimit; firstReview: DateLimit }
}

export interface MeetingRecord {
  conference: Conference
  children: SubjectChild[]
  /** The household's other children, with why each is not a subject (D-PER-CHILD). */
  otherChildren: { id: string; name: string; notSubjectReason: string | null }[]
  attendance: Attendee[]
  quorum: {
    /** The quorum as the attendance stands now. */
    now: QuorumAnswer
    /** When it was last checked, by whom. */
    lastChecked: { at: string; by: string } | null
    /** Going ahead without a quorum, or re-dating, where the chair did either. */
    inquorate: InquorateRecord | null
    /** What the chair may do, where the meeting is not quorate. */
    whenInquorate: InquorateOptions | null
  }
  adjournmentReason: string | null
  openingChecklist: OpeningChecklist
  practiceModel: PracticeNotes
  decisions: ChildDecisions[]
  rules: DecisionRules
  /** What the person asking has typed and not yet recorded, by part ("decision.<child id>"), to fill the forms again. */
  drafts: MeetingDraft[]
  /** The chair's declared connection with the family, minuted at the start where the procedure asks (CH-INDEPENDENCE). */
  chairConnection: {
    /** The declaration of the chair named now, where they made one. */
    current: StoredChairConnection | null
    /** Declarations of chairs the conference had before. */
    earlier: StoredChairConnection[]
    rules: ChairRules
    minuting: string
  }
  /** Each report, and whether it is open to the parents (DIST-REDACTION). */
  openToParents: ReportsOpenToParents
  /** What stops the conference being finalised. */
  missing: Issue[]
  /** What the procedure expects that is not recorded yet; it does not stop finalising. */
  toCheck: Issue[]
  canFinalise: boolean
}

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

export function decisionRules(profile: Profile): DecisionRules {
  const threshold = paramsOf(profile, 'D-THRESHOLD')
  const allow = paramsOf(profile, 'D-CATEGORY')?.allow_multiple ?? null
  return {
    perChild: procedureNote(profile, 'D-PER-CHILD'),
    threshold: {
      ...procedureNote(profile, 'D-THRESHOLD'),
      question: threshold?.question ?? null,
      limbs: threshold?.limbs ?? [],
    },
    whoDecides: procedureNote(profile, 'D-WHO-DECIDES'),
    category: {
      ...procedureNote(profile, 'D-CATEGORY'),
      allowMultiple: allow === 'exceptionally' ? 'exceptionally_with_reason' : allow === true ? 'yes' : 'no',
      categories: CATEGORIES.map((id) => ({ id, name: CATEGORY_NAMES[id] })),
    },
    dissent: procedureNote(profile, 'D-DISSENT'),
    noPlan: procedureNote(profile, 'D-NO-PLAN'),
    outlinePlan: { ...procedureNote(profile, 'C-OUTLINE-PLAN'), sections: outlinePlanSections(profile) },
    coreGroup: procedureNote(profile, 'CG-REMIT'),
    legal: procedureNote(profile, 'D-LEGAL'),
  }
}

const cite = (source: string | null): string => (source ? ` (${source})` : '')
const longDate = (date: string): string => formatLongDate(toDayNumber(date))

/** What the procedure expects of a child's plan that is not recorded yet. */
function planToCheck(profile: Profile, entry: ChildDecisions): Issue[] {
  const decision = entry.current
  if (!decision?.plan) return []
  const at = `decisions.${entry.child.id}`
  const name = entry.child.name
  const issues: Issue[] = []
  for (const section of outlinePlanSections(profile))
    if (!decision.outlinePlan.sections[section.id])
      issues.push({
        field: `${at}.outlinePlan.sections.${section.id}`,
        message: `${name}'s outline plan says nothing under “${section.text}”${cite(profile.rules['C-OUTLINE-PLAN']?.source ?? null)}`,
      })
  if (decision.outlinePlan.actions.length === 0)
    issues.push({
      field: `${at}.outlinePlan.actions`,
      message: `${name}'s outline plan has no actions, each with an owner and a date`,
    })
  if (decision.leadSocialWorker === null)
    issues.push({ field: `${at}.leadSocialWorkerId`, message: `No lead social worker is named for ${name}` })
  if (decision.coreGroup.length === 0 && profile.rules['CG-REMIT']?.status !== 'silent')
    issues.push({
      field: `${at}.coreGroup`,
      message: `No core group members are named for ${name}${cite(profile.rules['CG-REMIT']?.source ?? null)}`,
    })
  const dates = [
    ['firstCoreGroup', 'first core group', decision.firstCoreGroup],
    ['firstReview', 'first review conference', decision.firstReview],
  ] as const
  for (const [field, words, chosen] of dates) {
    const limit = entry.dateLimits[field]
    if (chosen !== null || limit.status === 'silent' || limit.status === 'not_applicable') continue
    issues.push({
      field: `${at}.${field}`,
      message: `The date of ${name}'s ${words} is not set${limit.latest ? `: it is due by ${longDate(limit.latest)}` : ''}${cite(limit.source)}`,
    })
  }
  return issues
}

/** What the procedure expects of any child's decision that is not recorded yet. */
function decisionToCheck(profile: Profile, entry: ChildDecisions): Issue[] {
  const decision = entry.current
  if (!decision) return []
  const at = `decisions.${entry.child.id}`
  const issues: Issue[] = []
  if (decision.parents.views === null)
    issues.push({
      field: `${at}.parents.views`,
      message: `The parents' views on ${entry.child.name}'s decision are not recorded`,
    })
  if (profile.rules['D-DISSENT']?.status !== 'silent') {
    const outcome = decision.plan ? 'plan' : 'no_plan'
    for (const view of decision.professionalViews)
      if (
        view.view !== outcome &&
        !decision.dissent.some((dissent) => dissent.name === view.name && dissent.agency === view.agency)
      )
        issues.push({
          field: `${at}.dissent`,
          message: `${view.name} (${view.agency.replaceAll('_', ' ')}) gave a different view; record their dissent if they do not agree with the decision${cite(profile.rules['D-DISSENT']?.source ?? null)}`,
        })
  }
  return issues
}

const meetingRecordInput = z.strictObject({ conferenceId })
export type MeetingRecordInput = z.input<typeof meetingRecordInput>

/**
 * The meeting as recorded so far, for the chair's page: the chair's declared connection with the
 * family, attendance and quorum, the checklist, the practice model's notes, the reports and whether
 * each is open to the parents, each child's decision with its versions, the procedure's rules beside each,
 * what stops finalising and what is still to check. Reads only. The chair or the conference
 * administrator.
 */
export async function meetingRecord(deps: AppDeps, actor: Actor, input: unknown): Promise<MeetingRecord> {
  requireRole(actor, MEETING_RECORDERS, 'see the meeting record')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'see the meeting record',
    deps.clock(),
  )
  const { conferenceId: id } = validate(meetingRecordInput, input)
  const profile = councilProfile(deps)
  const db = deps.db
  const meeting = await readMeeting(db, id)
  const { conference } = meeting
  const attendance = await attendanceOf(db, id)
  const record = await findMeetingRecord(db, id)
  const stored = await decisionsOfConference(db, id)
  const names = await namesFor(db, stored)
  const now = quorumOf(deps, attendance)
  const inquorate = (record?.inquorate ?? null) as InquorateRecord | null
  const lastChecked = record?.quorum
    ? { at: String(record.quorum.checkedAt ?? ''), by: String(record.quorum.checkedBy ?? '') }
    : null

  const decisions: ChildDecisions[] = meeting.children.map((child) => {
    const versions = stored
      .filter((decision) => decision.childId === child.id)
      .map((decision) => presentDecision(decision, child.name, names))
    return {
      child,
      current: versions[versions.length - 1] ?? null,
      earlier: versions.slice(0, -1),
      dateLimits: dateLimitsFor(deps, meeting, child.id),
    }
  })

  const subjectIds = new Set(conference.childIds)
  const otherChildren = meeting.people
    .filter((person) => (person.role === 'child' || person.role === 'unborn') && !subjectIds.has(person.id))
    .map((person) => ({
      id: person.id,
      name: `${person.firstName} ${person.lastName}`,
      notSubjectReason: person.notSubjectReason,
    }))

  const connections = await chairConnectionsOf(db, id)
  const chair = chairRules(profile)
  const checklist = openingChecklist(
    profile,
    (record?.checklist ?? {}) as unknown as Record<string, SavedChecklistItem>,
  )
  const finalised = conference.status === 'finalised'
  const missing: Issue[] = []
  if (!finalised) {
    if (conference.status === 'adjourned')
      missing.push({
        field: 'status',
        message: `The meeting is adjourned: ${record?.adjournmentReason ?? ''}`.trim(),
      })
    if (conference.status === 'inquorate' || conference.status === 'cancelled')
      missing.push({ field: 'status', message: 'The meeting did not go ahead, so it cannot be finalised' })
    missing.push(
      ...finaliseIssues({
        profile,
        children: meeting.children,
        decisions: currentVersions(stored),
        quorum: now,
        inquorate,
      }),
      ...connectionFinaliseIssues(connections, conference.chairId, chair),
    )
  }
  const toCheck: Issue[] = finalised
    ? []
    : [
        ...checklist.items
          .filter((item) => !item.saved?.done)
          .map((item) => ({ field: `openingChecklist.${item.id}`, message: `Not yet ticked: ${item.text}` })),
        ...decisions.flatMap((entry) => [...decisionToCheck(profile, entry), ...planToCheck(profile, entry)]),
      ]

  return {
    conference,
    children: meeting.children,
    otherChildren,
    attendance,
    quorum: {
      now,
      lastChecked,
      inquorate,
      whenInquorate: now.quorate === false && !finalised ? inquorateOptionsFor(deps, meeting) : null,
    },
    adjournmentReason: record?.adjournmentReason ?? null,
    openingChecklist: checklist,
    practiceModel: {
      ...practiceModel(profile),
      notes: (record?.practiceModel ?? {}) as unknown as Record<string, SavedPracticeNote>,
    },
    decisions,
    rules: decisionRules(profile),
    chairConnection: {
      current: connections.find((entry) => entry.chairId === conference.chairId) ?? null,
      earlier: connections.filter((entry) => entry.chairId !== conference.chairId),
      rules: chair,
      minuting: minutingWords(chair),
    },
    openToParents: await opennessOfConference(deps, id),
    drafts: await meetingDraftsOf(db, actor.userId, id),
    missing,
    toCheck,
    canFinalise: !finalised && missing.length === 0,
  }
}
