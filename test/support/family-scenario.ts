import { randomBytes } from 'node:crypto'
import type { Actor } from '../../src/app/actor.ts'
import { inviteFamilyMember } from '../../src/app/family/invite-family-member.ts'
import { decideExclusion } from '../../src/app/invitations/decide-exclusion.ts'
import { inviteToConference } from '../../src/app/invitations/invite-to-conference.ts'
import { requestExclusion } from '../../src/app/invitations/request-exclusion.ts'
import { finaliseConference } from '../../src/app/meeting/finalise-conference.ts'
import { recordAttendance } from '../../src/app/meeting/record-attendance.ts'
import { recordDecision } from '../../src/app/meeting/record-decision.ts'
import { recordReportShared } from '../../src/app/reports/record-report-shared.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { submitReport } from '../../src/app/reports/submit-report.ts'
import { withholdReportPart } from '../../src/app/reports/withhold-report-part.ts'
import type { AppDeps } from '../../src/app/use-case.ts'
import { WHOLE_REPORT } from '../../src/domain/conference/report-redaction.ts'
import { makeCase, makeConference, makeProfessional } from './factories.ts'
import { childInNeedDecision, planDecision, QUORATE } from './meeting-fixtures.ts'

/**
 * A fictional family for the family accounts' tests, built through the use-cases: two parents (Dana
 * and Marcus), Kai (14, invited to the conference as a child) and Mia (9); an advocate invited to the
 * conference; the social worker's report and a school's report, submitted and shared with the family,
 * with a part withheld from each audience (Dana by name, the child, the advocate, the whole family,
 * Kai by name), each part and each reason carrying its own marker; and Marcus excluded from part of
 * the conference, the chair allowing him only the social work report of the papers (and the record of
 * the part he attended, which London asks for). The data satisfies every profile's rules, so the same
 * family can be built under another procedure (the withholding by the chair where it alone decides).
 */

export const SCENARIO_PROFILE = 'kent_medway'
/** Before the conference, while reports are written and shared (Friday 1 May 2026). */
export const BEFORE_MEETING = '2026-05-01T09:00:00Z'
/** The conference day, during the meeting. */
export const MEETING_TIME = '2026-05-12T11:00:00Z'

export const MARKERS = {
  withheldFromDana: 'MARKER-WITHHELD-FROM-DANA-7f3a',
  withheldFromChild: 'MARKER-WITHHELD-FROM-CHILD-91bc',
  withheldFromAdvocate: 'MARKER-WITHHELD-FROM-ADVOCATE-55de',
  withheldFromFamily: 'MARKER-WITHHELD-FROM-FAMILY-c0a1',
  withheldFromKai: 'MARKER-WITHHELD-FROM-KAI-2b88',
  reasonDana: 'MARKER-REASON-DANA-0e0e',
  reasonChild: 'MARKER-REASON-CHILD-1f1f',
  reasonAdvocate: 'MARKER-REASON-ADVOCATE-2a2a',
  reasonFamily: 'MARKER-REASON-FAMILY-3b3b',
  reasonKai: 'MARKER-REASON-KAI-4c4c',
  /** In every part of the school's report not withheld: the chair did not allow it to Marcus. */
  schoolReport: 'MARKER-SCHOOL-REPORT-8d8d',
  /** In every part of the social work report not withheld: everyone in the family gets it. */
  socialWorkReport: 'MARKER-SOCIAL-WORK-REPORT-9e9e',
  /** In the decision's plan: the chair did not allow the decision letter to Marcus. */
  decision: 'MARKER-DECISION-PLAN-6a6a',
  /** In the reasons and evidence of Marcus's exclusion, which no family member is shown. */
  exclusionEvidence: 'MARKER-EXCLUSION-EVIDENCE-5959',
  /** In every part of the GP's report, withheld whole from Dana (where the procedure provides for it). */
  withheldWholeFromDana: 'MARKER-WITHHELD-WHOLE-FROM-DANA-d4d4',
  /** In the name of the GP who wrote it: a report withheld whole does not reach its audience at all. */
  wholeReportAuthor: 'MARKER-WHOLE-REPORT-AUTHOR-f6f6',
  reasonWholeDana: 'MARKER-REASON-WHOLE-DANA-e5e5',
} as const

export type Marker = keyof typeof MARKERS

export interface MarkedFamily {
  caseId: string
  conferenceId: string
  dana: string
  marcus: string
  kai: string
  mia: string
  socialWorkReportId: string
  schoolReportId: string
  /** The links emailed to each family member to open their account (the token's address). */
  links: { dana: string; marcus: string; kai: string }
  emails: { dana: string; marcus: string; kai: string }
}

export interface ScenarioStaff {
  admin: Actor
  chair: Actor
  socialWorker: Actor
  /** Who withholds the parts: the social worker unless given (London's chair alone decides, 8.16.6). */
  withholder?: Actor
}

/** The path of the link in a family account invitation's email. */
export async function linkInMessage(deps: AppDeps, messageId: string): Promise<string> {
  const message = await deps.db
    .selectFrom('outbox')
    .select('body_text')
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow()
  const found = /https?:\/\/[^\s]+(\/family\/join\/[A-Za-z0-9_-]+)/.exec(message.body_text)
  if (!found?.[1]) throw new Error('no family account link in the message')
  return found[1]
}

/** Builds the family and its papers before the conference (the deps' clock is BEFORE_MEETING). */
export async function buildMarkedFamily(
  deps: AppDeps,
  staff: ScenarioStaff,
  advocateUserId: string,
): Promise<MarkedFamily> {
  const { db } = deps
  const made = await makeCase(db, {
    familyName: 'Marker',
    socialWorkerId: staff.socialWorker.userId,
    children: [
      { firstName: 'Kai', dob: '2012-02-01' },
      { firstName: 'Mia', dob: '2017-03-03' },
    ],
    adults: [{ firstName: 'Dana' }, { firstName: 'Marcus' }],
  })
  const [kai, mia] = made.children.map((child) => child.id) as [string, string]
  const [dana, marcus] = made.adults.map((adult) => adult.id) as [string, string]
  const conference = await makeConference(db, {
    caseId: made.id,
    chairId: staff.chair.userId,
    date: '2026-05-12',
  })
  const conferenceId = conference.id
  const advocate = await makeProfessional(db, {
    agency: 'other',
    name: 'Ash Advocate',
    userId: advocateUserId,
  })
  const school = await makeProfessional(db, { agency: 'school', name: 'Skyler Teacher' })
  await inviteToConference(deps, staff.admin, {
    conferenceId,
    invitees: [
      { personId: dana, role: 'parent', sentVia: 'post' },
      { personId: marcus, role: 'parent', sentVia: 'post' },
      { personId: kai, role: 'child', sentVia: 'post' },
      { professionalId: advocate.id, role: 'advocate', sentVia: 'email' },
      { professionalId: school.id, role: 'professional', sentVia: 'email' },
    ],
  })

  const socialWorkReport = await requestReport(deps, staff.admin, { conferenceId, kind: 'social_worker' })
  const schoolReport = await requestReport(deps, staff.admin, {
    conferenceId,
    kind: 'agency',
    professionalId: school.id,
  })
  const swCodes = socialWorkReport.outline.sections.map((section) => section.code)
  const schoolCodes = schoolReport.outline.sections.map((section) => section.code)
  const swWithheld: Record<string, Marker> = {
    [swCodes[0] as string]: 'withheldFromDana',
    [swCodes[1] as string]: 'withheldFromChild',
    [swCodes[2] as string]: 'withheldFromAdvocate',
    [swCodes[3] as string]: 'withheldFromFamily',
  }
  const schoolWithheld: Record<string, Marker> = { [schoolCodes[0] as string]: 'withheldFromKai' }
  const text = (code: string, withheld: Record<string, Marker>, visible: string) =>
    withheld[code]
      ? `${MARKERS[withheld[code] as Marker]} is written in part ${code}.`
      : `${visible} (${code}).`
  await submitReport(deps, staff.socialWorker, {
    reportId: socialWorkReport.report.id,
    sections: Object.fromEntries(
      swCodes.map((code) => [code, text(code, swWithheld, MARKERS.socialWorkReport)]),
    ),
    statements: [
      {
        section: swCodes[1] as string,
        text: `${MARKERS.withheldFromChild} in a statement as well.`,
        kind: 'fact',
      },
    ],
    signedBy: staff.socialWorker.name,
    signedOn: '2026-05-01',
  })
  await submitReport(deps, staff.admin, {
    reportId: schoolReport.report.id,
    sections: Object.fromEntries(
      schoolCodes.map((code) => [code, text(code, schoolWithheld, MARKERS.schoolReport)]),
    ),
    signedBy: 'Skyler Teacher',
    signedOn: '2026-05-01',
  })
  const withhold = (reportId: string, section: string, audience: string, reason: Marker, personId?: string) =>
    withholdReportPart(deps, staff.withholder ?? staff.socialWorker, {
      reportId,
      section,
      audience,
      ...(personId ? { audiencePersonId: personId } : {}),
      reason: `${MARKERS[reason]}: the reason it is withheld.`,
    })
  await withhold(socialWorkReport.report.id, swCodes[0] as string, 'person', 'reasonDana', dana)
  await withhold(socialWorkReport.report.id, swCodes[1] as string, 'child', 'reasonChild')
  await withhold(socialWorkReport.report.id, swCodes[2] as string, 'advocate', 'reasonAdvocate')
  await withhold(socialWorkReport.report.id, swCodes[3] as string, 'family', 'reasonFamily')
  await withhold(schoolReport.report.id, schoolCodes[0] as string, 'person', 'reasonKai', kai)
  for (const reportId of [socialWorkReport.report.id, schoolReport.report.id])
    await recordReportShared(deps, staff.socialWorker, {
      reportId,
      sharedOn: '2026-05-01',
      how: 'secure_portal',
    })

  const asked = await requestExclusion(deps, staff.socialWorker, {
    conferenceId,
    personId: marcus,
    scope: 'part',
    partDescription: 'While the police share what they know about the incident.',
    grounds: ['confidential_information'],
    evidence: `${MARKERS.exclusionEvidence}: the police investigation is still open.`,
    requestedBy: `${staff.socialWorker.name}, social worker`,
  })
  await decideExclusion(deps, staff.chair, {
    exclusionId: asked.exclusion.id,
    decision: 'excluded',
    reasons: `${MARKERS.exclusionEvidence}: the chair's reasons.`,
    viewsHeardBy: 'Marcus sends his views in writing.',
    receives: ['social_work_report', 'record_of_part_attended'],
  })

  const unique = randomBytes(3).toString('hex')
  const emails = {
    dana: `dana.marker.${unique}@family.example.org`,
    marcus: `marcus.marker.${unique}@family.example.org`,
    kai: `kai.marker.${unique}@family.example.org`,
  }
  const links = {} as MarkedFamily['links']
  for (const [name, personId] of [
    ['dana', dana],
    ['marcus', marcus],
    ['kai', kai],
  ] as const) {
    const sent = await inviteFamilyMember(
      deps,
      staff.socialWorker,
      { caseId: made.id, personId, email: emails[name] },
      { publicUrl: 'https://convene.test' },
    )
    links[name] = await linkInMessage(deps, sent.messageId)
  }
  return {
    caseId: made.id,
    conferenceId,
    dana,
    marcus,
    kai,
    mia,
    socialWorkReportId: socialWorkReport.report.id,
    schoolReportId: schoolReport.report.id,
    links,
    emails,
  }
}

/**
 * Adds a GP's report to the family's conference, submitted and shared with the family, and withheld
 * whole from Dana with the reason (DIST-REDACTION: only under a procedure that provides for keeping a
 * whole report from someone, such as London's or York's; Kent's does not). Every part of the report
 * carries the withheldWholeFromDana marker, its author's name the wholeReportAuthor marker, the
 * reason the reasonWholeDana marker. Before the
 * conference (the deps' clock is BEFORE_MEETING); returns the report's id.
 */
export async function addReportWithheldWholeFromDana(
  deps: AppDeps,
  staff: ScenarioStaff,
  family: MarkedFamily,
): Promise<string> {
  const gp = await makeProfessional(deps.db, { agency: 'gp', name: `Rowan ${MARKERS.wholeReportAuthor}` })
  await inviteToConference(deps, staff.admin, {
    conferenceId: family.conferenceId,
    invitees: [{ professionalId: gp.id, role: 'professional', sentVia: 'email' }],
  })
  const requested = await requestReport(deps, staff.admin, {
    conferenceId: family.conferenceId,
    kind: 'agency',
    professionalId: gp.id,
  })
  const reportId = requested.report.id
  await submitReport(deps, staff.admin, {
    reportId,
    sections: Object.fromEntries(
      requested.outline.sections.map((section) => [
        section.code,
        `${MARKERS.withheldWholeFromDana} is written in part ${section.code}.`,
      ]),
    ),
    signedBy: gp.name,
    signedOn: '2026-05-01',
  })
  await withholdReportPart(deps, staff.withholder ?? staff.socialWorker, {
    reportId,
    section: WHOLE_REPORT,
    audience: 'person',
    audiencePersonId: family.dana,
    reason: `${MARKERS.reasonWholeDana}: the reason the whole report is withheld.`,
  })
  await recordReportShared(deps, staff.socialWorker, {
    reportId,
    sharedOn: '2026-05-01',
    how: 'secure_portal',
  })
  return reportId
}

/** Holds and finalises the conference (the deps' clock is MEETING_TIME): Kai has a plan, Mia a child in need plan. */
export async function holdMarkedConference(deps: AppDeps, chair: Actor, family: MarkedFamily): Promise<void> {
  const { conferenceId } = family
  await recordAttendance(deps, chair, { conferenceId, attendees: QUORATE })
  await recordDecision(
    deps,
    chair,
    planDecision(conferenceId, family.kai, {
      firstCoreGroup: { date: '2026-05-12' },
      outlinePlan: {
        sections: { what_must_change: 'Kai is safe at home and goes to school every day.' },
        actions: [
          {
            action: `${MARKERS.decision}: visit Kai at home every week`,
            owner: 'Sam Social',
            dueOn: '2026-06-30',
          },
        ],
      },
    }),
  )
  await recordDecision(deps, chair, childInNeedDecision(conferenceId, family.mia))
  await finaliseConference(deps, chair, { conferenceId })
}
