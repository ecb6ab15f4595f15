import type { RuleHandler } from '../rule-handler.ts'
import {
  childInNeedReview,
  coreGroupAfterReview,
  decisionNotice,
  earlyReview,
  firstCoreGroup,
  firstReview,
  inquorateRedate,
  longPlanEscalation,
  minutes,
  minutesAmendments,
  nextReview,
  recordSameDay,
} from './after-conference.ts'
import {
  agencyReports,
  chairPreMeeting,
  childAttendanceNotice,
  conferenceLength,
  exclusionRequest,
  observerConsent,
  parentRequestToMeetChair,
  practitionersArrive,
  socialWorkReportToChair,
  socialWorkReportToFamily,
} from './before-conference.ts'
import { icpcCao, icpcDelay, icpcDue, icpcEpo, transferIn } from './convening.ts'
import {
  assessmentLength,
  coreGroupFrequency,
  coreGroupRecord,
  planObjection,
  signedPlan,
  socialWorkerVisits,
} from './core-group.ts'
import {
  birthResponsePlan,
  preBirthConference,
  preBirthCoreGroup,
  preBirthReferral,
  preBirthReview,
} from './pre-birth.ts'

/**
 * The engine's rules: one handler per rule id that yields deadlines. The handler reads the
 * profile's entry for its rule and nothing else, so councils differ only in their profile files.
 */
// biome-ignore lint/suspicious/noExplicitAny: each handler narrows its own rule's parameters
export const RULE_HANDLERS: Readonly<Record<string, RuleHandler<any>>> = {
  'T-ICPC-DUE': icpcDue,
  'T-ICPC-DELAY': icpcDelay,
  'T-ICPC-EPO': icpcEpo,
  'T-ICPC-CAO': icpcCao,
  'T-TRANSFER-IN': transferIn,
  'T-PB-ICPC': preBirthConference,
  'T-PB-REFERRAL': preBirthReferral,
  'T-RPT-SW-FAMILY': socialWorkReportToFamily,
  'T-RPT-SW-CHAIR': socialWorkReportToChair,
  'T-RPT-AGENCY': agencyReports,
  'T-EXCL-REQUEST': exclusionRequest,
  'T-CHAIR-PREMEET': chairPreMeeting,
  'T-PARENT-REQ-CHAIR': parentRequestToMeetChair,
  'T-PRACT-ARRIVAL': practitionersArrive,
  'T-CHILD-ATTEND-NOTICE': childAttendanceNotice,
  'T-OBSERVER-CONSENT': observerConsent,
  'T-DECISION-NOTICE': decisionNotice,
  'T-RECORD-SAME-DAY': recordSameDay,
  'T-MINUTES': minutes,
  'T-MINUTES-AMEND': minutesAmendments,
  'T-CORE-FIRST': firstCoreGroup,
  'T-CORE-POST-REVIEW': coreGroupAfterReview,
  'T-CORE-FREQ': coreGroupFrequency,
  'T-CORE-RECORD': coreGroupRecord,
  'T-PLAN-SIGNED': signedPlan,
  'T-PLAN-OBJECTION': planObjection,
  'T-SW-VISIT': socialWorkerVisits,
  'T-CPP-16M': longPlanEscalation,
  'T-PB-CORE-GROUP': preBirthCoreGroup,
  'T-PB-BRP': birthResponsePlan,
  'T-CONF-LENGTH': conferenceLength,
  'T-CORE-ASSESS': assessmentLength,
  'T-RCPC-FIRST': firstReview,
  'T-RCPC-NEXT': nextReview,
  'T-PB-REVIEW': preBirthReview,
  'T-CIN-REVIEW': childInNeedReview,
  'T-INQUORATE-REDATE': inquorateRedate,
  'REV-EARLY': earlyReview,
}

/** Rules the engine answers outside the deadlines list: quorum and the child's participation. */
export const ASSESSED_RULES: readonly string[] = ['Q-MIN', 'Q-COUNT', 'Q-EXCEPTION', 'P-CHILD-AGE']

/** Every rule id the engine implements, for rule coverage. */
export const ENGINE_RULES: readonly string[] = [...Object.keys(RULE_HANDLERS), ...ASSESSED_RULES]
