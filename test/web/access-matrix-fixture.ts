import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '../../src/app/actor.ts'
import { requestConference } from '../../src/app/convening/request-conference.ts'
import { requestExclusion } from '../../src/app/invitations/request-exclusion.ts'
import { requestObserver } from '../../src/app/invitations/request-observer.ts'
import { meetingRecord } from '../../src/app/meeting/meeting-record.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import {
  type MadeCase,
  makeCase,
  makeConference,
  makeProfessional,
  makeStrategyDiscussion,
} from '../support/factories.ts'
import type { ServiceApp, TestPerson } from './service-support.ts'

/**
 * The records the access matrix is checked against, all fictional: the Nowak family's case (A), with
 * its conference (A1, chaired, a partner invited, a parent with their own account) and everything a
 * route's address can name; and the Hart family's case (B), whose chair, partner and parent have no
 * relationship to A. Each person the matrix names signs in as themselves.
 */

/** Who asks, in the matrix's columns: each a relationship to case A (or none). */
export const WHO = [
  'anonymous',
  'allocated_worker',
  'manager',
  'other_worker',
  'chair',
  'other_chair',
  'administrator',
  'partner_invited',
  'partner_not_invited',
  'parent',
  'other_parent',
  'analyst',
  'system_admin',
] as const
export type Who = (typeof WHO)[number]

const ROLE_OF: Record<Exclude<Who, 'anonymous'>, Role> = {
  allocated_worker: 'social_worker',
  manager: 'team_manager',
  other_worker: 'social_worker',
  chair: 'chair',
  other_chair: 'chair',
  administrator: 'conference_administrator',
  partner_invited: 'partner_practitioner',
  partner_not_invited: 'partner_practitioner',
  parent: 'parent_carer',
  other_parent: 'parent_carer',
  analyst: 'performance_analyst',
  system_admin: 'system_administrator',
}

export interface MatrixFixture {
  people: Record<Exclude<Who, 'anonymous'>, TestPerson>
  /** Case A, the one every relationship is to. */
  caseA: MadeCase
  /** Its conference, booked for Tuesday 12 May 2026. */
  conferenceA: string
  /** The subject child of A's conference, and A's parent (whose account is the parent's). */
  childA: string
  parentA: string
  /** A's other parent, who has no account yet. */
  otherParentA: string
  /** A request to convene on A, waiting for the manager's decision. */
  requestA: string
  /** On A's conference: the partner's and the parent's invitations, an attendee, an observer, a request to exclude. */
  invitationA: string
  parentInvitationA: string
  attendeeA: string
  observerA: string
  exclusionA: string
  /** The agency report asked of the invited partner for A's conference. */
  reportA: string
  /** A practitioner on record not yet invited to A's conference. */
  spareProfessional: string
  /** The first item of the chair's opening checklist for A's conference. */
  checklistItemA: string
  /** A file stored for A's conference. */
  fileA: string
  /** A break-glass grant to another manager on A, to review. */
  grantA: string
  /** An outbox message (the report request). */
  messageA: string
  /** A member of staff the system administrator's pages act on (disable, unlock...), in no column. */
  bystander: TestPerson
  /** Case B and its conference, where the other chair, partner and parent belong. */
  caseB: MadeCase
  conferenceB: string
}

async function invite(service: ServiceApp, conferenceId: string, userId: string): Promise<string> {
  const professional = await makeProfessional(service.deps.db, { userId, agency: 'school' })
  const row = await service.deps.db
    .insertInto('invitations')
    .values({
      conference_id: conferenceId,
      professional_id: professional.id,
      role: 'professional',
      agency: 'school',
      sent_via: 'email',
      sent_at: new Date('2026-04-28T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function makeMatrixFixture(service: ServiceApp): Promise<MatrixFixture> {
  const db = service.deps.db
  const people = {} as MatrixFixture['people']
  for (const who of WHO) {
    if (who === 'anonymous') continue
    people[who] = await service.makeStaff(ROLE_OF[who], {
      name: `${who.replaceAll('_', ' ')} (matrix)`,
      team: who === 'allocated_worker' || who === 'manager' || who === 'other_worker' ? 'North' : 'Elsewhere',
      agency: ROLE_OF[who] === 'partner_practitioner' ? 'school' : 'childrens_social_care',
    })
  }
  const caseA = await makeCase(db, {
    familyName: 'Nowak',
    team: 'South',
    socialWorkerId: people.allocated_worker.userId,
    teamManagerId: people.manager.userId,
    children: [{ firstName: 'Zofia', dob: '2016-01-20' }],
    adults: [
      { firstName: 'Ewa', role: 'parent' },
      { firstName: 'Piotr', role: 'parent' },
    ],
  })
  await makeStrategyDiscussion(db, caseA.id, '2026-04-20', true)
  const conferenceA = await makeConference(db, {
    caseId: caseA.id,
    date: '2026-05-12',
    chairId: people.chair.userId,
  })
  const caseB = await makeCase(db, {
    familyName: 'Hart',
    team: 'West',
    children: [{ firstName: 'Mia', dob: '2012-03-01' }],
    adults: [{ firstName: 'Jo', role: 'parent' }],
  })
  const conferenceB = await makeConference(db, {
    caseId: caseB.id,
    date: '2026-05-13',
    chairId: people.other_chair.userId,
  })
  await db
    .updateTable('people')
    .set({ user_id: people.parent.userId })
    .where('id', '=', caseA.adults[0]!.id)
    .execute()
  await db
    .updateTable('people')
    .set({ user_id: people.other_parent.userId })
    .where('id', '=', caseB.adults[0]!.id)
    .execute()
  const invitationA = await invite(service, conferenceA.id, people.partner_invited.userId)
  await invite(service, conferenceB.id, people.partner_not_invited.userId)
  const parentInvitation = await db
    .insertInto('invitations')
    .values({
      conference_id: conferenceA.id,
      person_id: caseA.adults[0]!.id,
      role: 'parent',
      sent_via: 'post',
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const deps = service.deps
  const request = await requestConference(deps, people.allocated_worker, {
    caseId: caseA.id,
    kind: 'review',
    reasons: 'The plan needs reviewing early (fictional)',
  })
  const partnerProfessional = await db
    .selectFrom('invitations')
    .select('professional_id')
    .where('id', '=', invitationA)
    .executeTakeFirstOrThrow()
  const { report, messageId } = await requestReport(deps, people.administrator, {
    conferenceId: conferenceA.id,
    kind: 'agency',
    professionalId: partnerProfessional.professional_id!,
  })
  const attendee = await db
    .insertInto('attendance')
    .values({ conference_id: conferenceA.id, name: 'Ms Ada Head', role: 'professional', agency: 'school' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const observer = await requestObserver(deps, people.administrator, {
    conferenceId: conferenceA.id,
    name: 'Dr Sol Webb',
    agency: 'Designated nurse (fictional)',
    purpose: 'Quality assurance',
  })
  const { exclusion } = await requestExclusion(deps, people.allocated_worker, {
    conferenceId: conferenceA.id,
    personId: caseA.adults[0]!.id,
    scope: 'part',
    partDescription: 'While the police information is shared',
    grounds: ['confidential_information'],
    evidence: 'A police investigation is open (fictional).',
    requestedBy: 'DC Lee Rowe, Police',
  })
  // The report is in and shared with the family, so the parent's pages can show it.
  await db
    .updateTable('reports')
    .set({
      status: 'submitted',
      signed_by: 'Ms Ada Head',
      signed_on: '2026-04-29',
      received_at: new Date('2026-04-29T12:00:00Z'),
      shared_with_family_on: '2026-04-30',
      shared_how: 'email',
    })
    .where('id', '=', report.id)
    .execute()
  await db
    .updateTable('people')
    .set({ email: 'ewa.nowak@example.org' })
    .where('id', '=', caseA.adults[0]!.id)
    .execute()
  const spare = await makeProfessional(db, { agency: 'health_visiting', name: 'Ms Ama Boateng' })
  const record = await meetingRecord(deps, people.chair, { conferenceId: conferenceA.id })
  const bytes = Buffer.from('%PDF-1.4\n% fictional report\n')
  const file = await db
    .insertInto('stored_files')
    .values({
      bytes,
      media_type: 'application/pdf',
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      original_name: 'report.pdf',
      uploaded_by: people.partner_invited.userId,
      case_id: caseA.id,
      conference_id: conferenceA.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // The agency sent its report as a file too.
  await db.updateTable('reports').set({ file_id: file.id }).where('id', '=', report.id).execute()
  const grantHolder = await service.makeStaff('team_manager', { name: 'Duty Manager (matrix)' })
  const grant = await db
    .insertInto('break_glass_access')
    .values({
      user_id: grantHolder.userId,
      case_id: caseA.id,
      reason: 'Duty manager, out of hours (fictional)',
      granted_at: new Date('2026-04-30T20:00:00Z'),
      expires_at: new Date('2026-05-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const bystander = await service.makeStaff('social_worker', { name: 'Bystander (matrix)' })
  return {
    people,
    bystander,
    caseA,
    conferenceA: conferenceA.id,
    childA: caseA.children[0]!.id,
    parentA: caseA.adults[0]!.id,
    otherParentA: caseA.adults[1]!.id,
    requestA: request.id,
    invitationA,
    parentInvitationA: parentInvitation.id,
    attendeeA: attendee.id,
    observerA: observer.observer.id,
    exclusionA: exclusion.id,
    reportA: report.id,
    spareProfessional: spare.id,
    checklistItemA: record.openingChecklist.items[0]!.id,
    fileA: file.id,
    grantA: grant.id,
    messageA: messageId ?? '',
    caseB,
    conferenceB: conferenceB.id,
  }
}

/** A token no link was ever made with: the pages that take one must refuse it the same for everyone. */
export const UNKNOWN_TOKEN = randomBytes(32).toString('base64url')
