import { beforeAll, describe, expect, test } from 'vitest'
import { sendPartnerLink } from '../../src/app/partners/send-partner-link.ts'
import { flushAccessLog } from '../../src/db/access-log-writer.ts'
import { makeCase, makeConference, makeProfessional } from '../support/factories.ts'
import { TEST_PASSWORD, type TestPerson, useServiceApp } from './service-support.ts'

/**
 * Every refusal of the access issue in one place, through the real app: each is refused, and each is
 * recorded where the service keeps it (a refused sign-in or link in the audit log, a refused look at
 * a case in the access log), with who or what was refused and why.
 *
 * - a wrong password, and a wrong second-factor code;
 * - an expired link to choose a password, and a used one;
 * - a family member opening another family's meeting, record or case page;
 * - a partner's one-time link opened by a partner of another conference, the partner's pages of a
 *   conference they are not invited to, a used link and an expired one.
 */

const PUBLIC_URL = 'https://convene.testshire.example'
/** Friday 1 May 2026, London's procedure. */
const NOW = '2026-05-01T09:00:00Z'
const service = useServiceApp({ now: NOW, config: { publicUrl: PUBLIC_URL } })
const db = () => service.deps.db

let admin: TestPerson
let worker: TestPerson

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  worker = await service.makeStaff('social_worker')
})

/** The reasons recorded in the audit log for `action` about `subjectId`, oldest first. */
async function auditReasons(action: string, subjectId: string | null): Promise<string[]> {
  let query = db().selectFrom('audit_log').select('after').where('action', '=', action).orderBy('seq')
  query =
    subjectId === null ? query.where('subject_id', 'is', null) : query.where('subject_id', '=', subjectId)
  const rows = await query.execute()
  return rows.map((row) => (row.after as { reason: string }).reason)
}

/** The access log's refusals of `userId` on `caseId`, once every read handed over has been written. */
async function accessRefusals(userId: string, caseId: string): Promise<number> {
  await flushAccessLog(db())
  const rows = await db()
    .selectFrom('access_log')
    .select('seq')
    .where('action', '=', 'case.access_refused')
    .where('actor_user_id', '=', userId)
    .where('case_id', '=', caseId)
    .execute()
  return rows.length
}

/** A family's case with a conference on 12 May 2026, allocated to the social worker. */
async function familyCase(familyName: string) {
  const made = await makeCase(db(), {
    familyName,
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
    adults: [{ firstName: 'Lou', role: 'parent' }],
  })
  const conference = await makeConference(db(), { caseId: made.id, date: '2026-05-12', start: '10:00' })
  return { caseId: made.id, conferenceId: conference.id, parentId: made.adults[0]?.id as string }
}

describe('signing in', () => {
  test('a wrong password is refused, and recorded against the account as a wrong password', async () => {
    const chair = await service.makeStaff('chair')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const before = await auditReasons('sign_in.refused', chair.userId)
    const refused = await browser.post('/sign-in', { email: chair.email, password: 'not the password' })
    expect(refused.statusCode).toBe(400)
    expect(browser.cookies.has('convene_session')).toBe(false)
    expect(await auditReasons('sign_in.refused', chair.userId)).toEqual([...before, 'wrong password'])
  })

  test('a wrong second-factor code is refused, and recorded against the account as a wrong code', async () => {
    const chair = await service.makeStaff('chair')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const password = await browser.post('/sign-in', { email: chair.email, password: TEST_PASSWORD })
    expect(password.headers.location).toBe('/sign-in/code')
    await browser.get('/sign-in/code')
    const refused = await browser.post('/sign-in/code', { code: '000000' })
    expect(refused.statusCode).toBe(400)
    expect((await browser.get('/account')).statusCode).toBe(303)
    expect(await auditReasons('sign_in.refused', chair.userId)).toEqual(['wrong code'])
  })
})

describe('a link to choose a new password', () => {
  /** Asks for a link for `email` through the pages; the link's path, from the email sent. */
  async function resetLinkFor(email: string): Promise<string> {
    const browser = service.anonymous()
    await browser.get('/sign-in/forgot')
    await browser.post('/sign-in/forgot', { email })
    const message = await db()
      .selectFrom('outbox')
      .select('body_text')
      .where('to_address', '=', email)
      .where('kind', '=', 'password_reset')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    const path = message.body_text.match(
      /https:\/\/convene\.testshire\.example(\/sign-in\/reset\/[\w-]+)/,
    )?.[1]
    expect(path).toBeDefined()
    return path as string
  }

  test('an expired link is refused, and recorded against the account it was for', async () => {
    const person = await service.makeStaff('social_worker')
    const link = await resetLinkFor(person.email)
    const browser = service.anonymous()
    expect((await browser.get(link)).statusCode).toBe(200)
    service.setNow('2026-05-01T10:01:00Z')
    try {
      expect((await service.anonymous().get(link)).statusCode).toBe(409)
      const posted = await browser.post(link, {
        password: 'lantern orchard velvet',
        confirmPassword: 'lantern orchard velvet',
      })
      expect(posted.statusCode).toBe(409)
    } finally {
      service.setNow(NOW)
    }
    expect(await auditReasons('password_reset.refused', person.userId)).toEqual([
      'link expired',
      'link expired',
    ])
  })

  test('a used link is refused when it is opened again or sent again, and each is recorded', async () => {
    const person = await service.makeStaff('social_worker')
    const link = await resetLinkFor(person.email)
    const browser = service.anonymous()
    await browser.get(link)
    const changed = await browser.post(link, {
      password: 'lantern orchard velvet',
      confirmPassword: 'lantern orchard velvet',
    })
    expect(changed.statusCode).toBe(303)
    expect(await auditReasons('password_reset.refused', person.userId)).toEqual([])

    const again = service.anonymous()
    expect((await again.get(link)).statusCode).toBe(409)
    const resent = await browser.post(link, {
      password: 'another long passphrase',
      confirmPassword: 'another long passphrase',
    })
    expect(resent.statusCode).toBe(409)
    expect(await auditReasons('password_reset.refused', person.userId)).toEqual(['link used', 'link used'])
    const signIn = service.anonymous()
    await signIn.get('/sign-in')
    expect(
      (await signIn.post('/sign-in', { email: person.email, password: 'another long passphrase' }))
        .statusCode,
    ).toBe(400)
  })

  test('a made-up link is not found, and recorded as an unknown link', async () => {
    const before = await auditReasons('password_reset.refused', null)
    const response = await service.anonymous().get('/sign-in/reset/not-a-real-token-at-all-0123456789')
    expect(response.statusCode).toBe(404)
    expect(await auditReasons('password_reset.refused', null)).toEqual([...before, 'unknown link'])
  })
})

describe('a family member', () => {
  test('opening another family’s meeting, record or case page is refused, and each refusal recorded against that case', async () => {
    const own = await familyCase('Ashby')
    const other = await familyCase('Elsewhere')
    const parent = await service.makeStaff('parent_carer')
    await db().updateTable('people').set({ user_id: parent.userId }).where('id', '=', own.parentId).execute()
    const browser = await service.signInAs(parent)
    expect((await browser.get(`/family/meetings/${own.conferenceId}`)).statusCode).toBe(200)

    const urls = [
      `/family/meetings/${other.conferenceId}`,
      `/family/meetings/${other.conferenceId}/reports`,
      `/family/meetings/${other.conferenceId}/decision`,
      `/family/record/${other.caseId}/who-looked`,
      `/cases/${other.caseId}`,
    ]
    for (const url of urls) {
      const refused = await browser.get(url)
      expect(refused.statusCode, url).toBe(403)
      expect(refused.body, url).not.toContain('Elsewhere')
    }
    expect(await accessRefusals(parent.userId, other.caseId)).toBe(urls.length)
  })

  test('opening the staff’s page of their own family’s case is refused and recorded too', async () => {
    const own = await familyCase('Brampton')
    const parent = await service.makeStaff('parent_carer')
    await db().updateTable('people').set({ user_id: parent.userId }).where('id', '=', own.parentId).execute()
    const browser = await service.signInAs(parent)
    expect((await browser.get(`/cases/${own.caseId}`)).statusCode).toBe(403)
    expect(await accessRefusals(parent.userId, own.caseId)).toBe(1)
  })
})

describe('a partner’s one-time link', () => {
  /**
   * A practitioner with no account invited to the conference, and a link sent to them by the
   * conference administrator; the link's token, from the email.
   */
  async function linkFor(conferenceId: string): Promise<{ token: string; invitationId: string }> {
    const professional = await makeProfessional(db(), {
      agency: 'school',
      name: 'Mx Rowan Teacher',
      email: `rowan.${conferenceId.slice(0, 8)}.${Math.random().toString(36).slice(2, 8)}@school.example.org`,
    })
    const invitation = await db()
      .insertInto('invitations')
      .values({
        conference_id: conferenceId,
        professional_id: professional.id,
        role: 'professional',
        agency: 'school',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const adminActor = { userId: admin.userId, name: admin.name, roles: admin.roles }
    const sent = await sendPartnerLink(
      service.deps,
      adminActor,
      { invitationId: invitation.id },
      { publicUrl: PUBLIC_URL },
    )
    const message = await db()
      .selectFrom('outbox')
      .select('body_text')
      .where('id', '=', sent.messageId)
      .executeTakeFirstOrThrow()
    const token = message.body_text.match(/\/partner\/link\/([A-Za-z0-9_-]{43})/)?.[1]
    expect(token).toBeDefined()
    return { token: token as string, invitationId: invitation.id }
  }

  /** A partner with an account, invited to the conference through their professional record. */
  async function invitedPartner(conferenceId: string): Promise<TestPerson> {
    const partner = await service.makeStaff('partner_practitioner', { agency: 'police' })
    const professional = await makeProfessional(db(), {
      agency: 'police',
      name: partner.name,
      userId: partner.userId,
    })
    await db()
      .insertInto('invitations')
      .values({
        conference_id: conferenceId,
        professional_id: professional.id,
        role: 'professional',
        agency: 'police',
      })
      .execute()
    return partner
  }

  test('a partner of one conference, signed in, is refused another conference’s link and its pages; each is recorded', async () => {
    const family = await familyCase('Calder')
    const another = await makeConference(db(), { caseId: family.caseId, date: '2026-06-02', start: '14:00' })
    const partner = await invitedPartner(family.conferenceId)
    const { token, invitationId } = await linkFor(another.id)
    const browser = await service.signInAs(partner)
    expect((await browser.get(`/partner/conferences/${family.conferenceId}`)).statusCode).toBe(200)

    const opened = await browser.get(`/partner/link/${token}`)
    expect(opened.statusCode).toBe(403)
    expect(await auditReasons('partner_link.refused', invitationId)).toEqual(['someone_else_signed_in'])
    const posted = await browser.post(`/partner/link/${token}`, {
      password: 'a long and unrelated passphrase',
      confirmPassword: 'a long and unrelated passphrase',
    })
    expect(posted.statusCode).toBe(403)
    expect(await auditReasons('partner_link.refused', invitationId)).toEqual([
      'someone_else_signed_in',
      'someone_else_signed_in',
    ])
    const link = await db()
      .selectFrom('partner_links')
      .select('used_at')
      .where('invitation_id', '=', invitationId)
      .executeTakeFirstOrThrow()
    expect(link.used_at).toBeNull()

    const before = await accessRefusals(partner.userId, family.caseId)
    expect((await browser.get(`/partner/conferences/${another.id}`)).statusCode).toBe(403)
    expect(await accessRefusals(partner.userId, family.caseId)).toBe(before + 1)
  })

  test('a used link is refused, and recorded as used', async () => {
    const family = await familyCase('Denholm')
    const { token, invitationId } = await linkFor(family.conferenceId)
    const first = service.anonymous()
    await first.get(`/partner/link/${token}`)
    const made = await first.post(`/partner/link/${token}`, {
      password: 'a long and unrelated passphrase',
      confirmPassword: 'a long and unrelated passphrase',
    })
    expect(made.statusCode).toBe(303)
    expect(await auditReasons('partner_link.refused', invitationId)).toEqual([])
    const again = service.anonymous()
    expect((await again.get(`/partner/link/${token}`)).statusCode).toBe(410)
    expect(await auditReasons('partner_link.refused', invitationId)).toEqual(['used'])
  })

  test('an expired link is refused, and recorded as expired', async () => {
    const family = await familyCase('Eskdale')
    const { token, invitationId } = await linkFor(family.conferenceId)
    service.setNow('2026-05-16T09:00:00Z')
    try {
      expect((await service.anonymous().get(`/partner/link/${token}`)).statusCode).toBe(410)
    } finally {
      service.setNow(NOW)
    }
    expect(await auditReasons('partner_link.refused', invitationId)).toEqual(['expired'])
  })
})
