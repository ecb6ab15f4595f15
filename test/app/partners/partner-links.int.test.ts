import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import type { Actor } from '../../../src/app/actor.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import { inviteToConference } from '../../../src/app/invitations/invite-to-conference.ts'
import {
  checkPartnerLink,
  PartnerLinkRefused,
  usePartnerLinkToJoin,
} from '../../../src/app/partners/follow-partner-link.ts'
import { partnerConferencePage, partnerConferences } from '../../../src/app/partners/partner-conferences.ts'
import { PARTNER_LINK_DAYS } from '../../../src/app/partners/partner-link.ts'
import { sendPartnerLink } from '../../../src/app/partners/send-partner-link.ts'
import { TEST_SESSION_POLICY } from '../../support/accounts.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeProfessional, makeUser } from '../../support/factories.ts'
import { bookFamilyConference, HART, REID } from '../../support/families.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const db = () => database.db
const { admin, socialWorker, manager } = useConferenceTeam(database)

const PUBLIC_URL = 'https://convene.example.gov.uk'
const SENT_AT = '2026-05-01T09:00:00Z'
const PASSWORD = {
  password: 'a long and unrelated passphrase',
  confirmPassword: 'a long and unrelated passphrase',
}
const deps = (now = SENT_AT) => makeDeps(db(), 'london', now)
const anonymous = { signedIn: null, fromAddress: '203.0.113.9' }

/** A family's conference with a partner practitioner invited by email; the token of the link they were sent. */
async function invitedPartner(options: { family?: typeof HART | typeof REID; email?: string } = {}) {
  const family = await bookFamilyConference(db(), {
    ...(options.family ?? HART),
    socialWorkerId: socialWorker.userId,
    teamManagerId: manager.userId,
  })
  const professional = await makeProfessional(db(), {
    agency: 'school',
    name: `Ms Ada Head ${Math.random().toString(36).slice(2, 7)}`,
    ...(options.email ? { email: options.email } : {}),
  })
  const sent = await inviteToConference(
    deps(),
    admin,
    {
      conferenceId: family.conferenceId,
      invitees: [{ professionalId: professional.id, role: 'professional', sentVia: 'email' }],
    },
    { publicUrl: PUBLIC_URL },
  )
  const invitation = sent.invitations[0]!
  const message = await db()
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', invitation.messageId)
    .executeTakeFirstOrThrow()
  const token = message.body_text.match(/\/partner\/link\/([A-Za-z0-9_-]{43})/)?.[1]
  if (!token) throw new Error(`no link in the invitation:\n${message.body_text}`)
  return { family, professional, invitation: invitation.invitation, message, token }
}

async function refusals(reason: string) {
  const rows = await db()
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'partner_link.refused')
    .orderBy('seq')
    .execute()
  return rows.filter((row) => (row.after as { reason?: string } | null)?.reason === reason)
}

/** Sets up the account through the link; the partner as an Actor. */
async function joinThroughLink(token: string): Promise<Actor & { email: string }> {
  const outcome = await usePartnerLinkToJoin(deps(), TEST_SESSION_POLICY, token, PASSWORD, anonymous)
  expect(outcome.outcome).toBe('new_account')
  const link = await db()
    .selectFrom('partner_links')
    .select('used_by')
    .where('id', '=', createHash('sha256').update(token).digest('hex'))
    .executeTakeFirstOrThrow()
  const user = await db()
    .selectFrom('users')
    .selectAll()
    .where('id', '=', link.used_by as string)
    .executeTakeFirstOrThrow()
  return { userId: user.id, name: user.display_name, roles: ['partner_practitioner'], email: user.email }
}

describe('the invitation sends a partner a one-time link', () => {
  test('an emailed invitation to a practitioner with no account carries the link; only its hash is stored', async () => {
    const { message, token, invitation } = await invitedPartner()
    expect(message.body_text).toContain('Reply and send your report online')
    expect(message.body_text).toContain(`${PUBLIC_URL}/partner/link/${token}`)
    expect(message.body_text).toContain('The link works once, until Friday 15 May 2026 at 10:00')
    const links = await db()
      .selectFrom('partner_links')
      .selectAll()
      .where('invitation_id', '=', invitation.id)
      .execute()
    expect(links).toHaveLength(1)
    expect(links[0]?.id).toBe(createHash('sha256').update(token).digest('hex'))
    expect(new Date(links[0]!.expires_at).getTime() - new Date(SENT_AT).getTime()).toBe(
      PARTNER_LINK_DAYS * 86_400_000,
    )
    const audit = await db()
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'invitation.sent')
      .where('subject_id', '=', invitation.id)
      .executeTakeFirstOrThrow()
    expect(audit.after).toMatchObject({ partnerLinkExpiresAt: '2026-05-15T09:00:00.000Z' })
  })

  test('staff invited through their own record get no link', async () => {
    const family = await bookFamilyConference(db(), { ...HART, socialWorkerId: socialWorker.userId })
    const sent = await inviteToConference(
      deps(),
      admin,
      {
        conferenceId: family.conferenceId,
        invitees: [{ userId: socialWorker.userId, role: 'professional', sentVia: 'email' }],
      },
      { publicUrl: PUBLIC_URL },
    )
    const message = await db()
      .selectFrom('outbox')
      .select('body_text')
      .where('id', '=', sent.invitations[0]!.messageId)
      .executeTakeFirstOrThrow()
    expect(message.body_text).not.toContain('/partner/')
    const links = await db()
      .selectFrom('partner_links')
      .select('id')
      .where('invitation_id', '=', sent.invitations[0]!.invitation.id)
      .execute()
    expect(links).toEqual([])
  })
})

describe('following the link', () => {
  test('a good link sets up a partner account limited to the conference, spends the link and links the record, in one transaction', async () => {
    const { token, professional, family, invitation } = await invitedPartner()
    const view = await checkPartnerLink(deps(), token, anonymous)
    expect(view).toMatchObject({ name: professional.name, email: professional.email, next: 'new_account' })
    const outcome = await usePartnerLinkToJoin(deps(), TEST_SESSION_POLICY, token, PASSWORD, anonymous)
    expect(outcome).toMatchObject({ outcome: 'new_account', conferenceId: family.conferenceId })
    if (outcome.outcome !== 'new_account') throw new Error('no account')
    expect(outcome.session.secondFactor).toBe('set_up_needed')
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', professional.email!.toLowerCase())
      .executeTakeFirstOrThrow()
    expect(user.roles).toEqual(['partner_practitioner'])
    expect(user.agency).toBe('school')
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    const record = await db()
      .selectFrom('professionals')
      .select('user_id')
      .where('id', '=', professional.id)
      .executeTakeFirstOrThrow()
    expect(record.user_id).toBe(user.id)
    const link = await db()
      .selectFrom('partner_links')
      .selectAll()
      .where('invitation_id', '=', invitation.id)
      .executeTakeFirstOrThrow()
    expect(link.used_at).not.toBeNull()
    expect(link.used_by).toBe(user.id)
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', user.id)
      .orderBy('seq')
      .execute()
    expect(actions.map((row) => row.action)).toEqual(['user.created', 'partner_link.used'])
    const partner = { userId: user.id, name: user.display_name, roles: ['partner_practitioner'] as const }
    const list = await partnerConferences(deps(), { ...partner, roles: [...partner.roles] })
    expect(list.map((entry) => entry.conference.id)).toEqual([family.conferenceId])
  })

  test('a used link is refused the second time, and the refusal is recorded', async () => {
    const { token, invitation } = await invitedPartner()
    await joinThroughLink(token)
    const before = (await refusals('used')).length
    const error = await usePartnerLinkToJoin(deps(), TEST_SESSION_POLICY, token, PASSWORD, anonymous).catch(
      (e: Error) => e,
    )
    expect(error).toBeInstanceOf(PartnerLinkRefused)
    expect((error as PartnerLinkRefused).reason).toBe('used')
    expect(await checkPartnerLink(deps(), token, anonymous).catch((e: PartnerLinkRefused) => e.reason)).toBe(
      'used',
    )
    const recorded = await refusals('used')
    expect(recorded).toHaveLength(before + 2)
    expect(recorded.at(-1)).toMatchObject({ subject_id: invitation.id, from_address: '203.0.113.9' })
  })

  test(`a link more than ${PARTNER_LINK_DAYS} days old is refused as expired, recorded, and opens nothing`, async () => {
    const { token, professional } = await invitedPartner()
    const late = deps('2026-05-15T09:00:01Z')
    const before = (await refusals('expired')).length
    const error = await refusalsLeaving(database, ['users', 'professionals', 'partner_links', 'sessions'])(
      () => usePartnerLinkToJoin(late, TEST_SESSION_POLICY, token, PASSWORD, anonymous),
    )
    expect((error as PartnerLinkRefused).reason).toBe('expired')
    expect(error.message).toBe('This link has expired. Ask the conference administrator for a new one.')
    expect(await refusals('expired')).toHaveLength(before + 1)
    const record = await db()
      .selectFrom('professionals')
      .select('user_id')
      .where('id', '=', professional.id)
      .executeTakeFirstOrThrow()
    expect(record.user_id).toBeNull()
    // A second before it expires it still works.
    const inTime = await checkPartnerLink(deps('2026-05-15T08:59:59Z'), token, anonymous)
    expect(inTime.next).toBe('new_account')
  })

  test('an unknown or malformed link is refused and recorded', async () => {
    const before = (await refusals('unknown')).length
    for (const token of ['A'.repeat(43), 'not-a-token', ''])
      expect(
        await checkPartnerLink(deps(), token, anonymous).catch((e: PartnerLinkRefused) => e.reason),
      ).toBe('unknown')
    expect(await refusals('unknown')).toHaveLength(before + 3)
  })

  test('a partner of one conference, signed in, using a link sent for another conference is refused and recorded; nothing is linked', async () => {
    const first = await invitedPartner()
    const partner = await joinThroughLink(first.token)
    const other = await invitedPartner({ family: REID })
    const before = (await refusals('someone_else_signed_in')).length
    const follower = { signedIn: partner, fromAddress: '203.0.113.10' }
    const error = await refusalsLeaving(database, ['users', 'professionals', 'partner_links', 'sessions'])(
      () => usePartnerLinkToJoin(deps(), TEST_SESSION_POLICY, other.token, {}, follower),
    )
    expect((error as PartnerLinkRefused).reason).toBe('someone_else_signed_in')
    expect(
      await checkPartnerLink(deps(), other.token, follower).catch((e: PartnerLinkRefused) => e.reason),
    ).toBe('someone_else_signed_in')
    const recorded = await refusals('someone_else_signed_in')
    expect(recorded).toHaveLength(before + 2)
    expect(recorded.at(-1)).toMatchObject({
      actor_user_id: partner.userId,
      subject_id: other.invitation.id,
      case_id: other.family.caseId,
    })
    const link = await db()
      .selectFrom('partner_links')
      .select('used_at')
      .where('invitation_id', '=', other.invitation.id)
      .executeTakeFirstOrThrow()
    expect(link.used_at).toBeNull()
    // The partner still reaches only their own conference.
    const list = await partnerConferences(deps(), partner)
    expect(list.map((entry) => entry.conference.id)).toEqual([first.family.conferenceId])
  })

  test('a practitioner who has an account already: the invitation joins it and they are asked to sign in', async () => {
    const existing = await makeUser(db(), 'partner_practitioner', { agency: 'school' })
    const { token, professional, family } = await invitedPartner({ email: existing.email })
    expect((await checkPartnerLink(deps(), token, anonymous)).next).toBe('existing_account')
    const outcome = await usePartnerLinkToJoin(deps(), TEST_SESSION_POLICY, token, {}, anonymous)
    expect(outcome).toEqual({ outcome: 'sign_in', conferenceId: family.conferenceId, email: existing.email })
    const record = await db()
      .selectFrom('professionals')
      .select('user_id')
      .where('id', '=', professional.id)
      .executeTakeFirstOrThrow()
    expect(record.user_id).toBe(existing.userId)
    const sessions = await db()
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', existing.userId)
      .execute()
    expect(sessions).toEqual([])
  })

  test('signed in as the practitioner the link was sent to: the conference joins their account', async () => {
    const existing = await makeUser(db(), 'partner_practitioner', { agency: 'police' })
    const { token, family } = await invitedPartner({ email: existing.email })
    const outcome = await usePartnerLinkToJoin(deps(), TEST_SESSION_POLICY, token, {}, { signedIn: existing })
    expect(outcome).toEqual({ outcome: 'added', conferenceId: family.conferenceId })
    const list = await partnerConferences(deps(), existing)
    expect(list.map((entry) => entry.conference.id)).toContain(family.conferenceId)
  })

  test('an account of staff at that address is not made a partner: refused and recorded', async () => {
    const { token } = await invitedPartner({ email: socialWorker.email })
    expect(await checkPartnerLink(deps(), token, anonymous).catch((e: PartnerLinkRefused) => e.reason)).toBe(
      'account_not_partner',
    )
    expect((await refusals('account_not_partner')).length).toBeGreaterThan(0)
  })

  test('the password keeps the rules every password keeps; a refused password spends nothing', async () => {
    const { token } = await invitedPartner()
    const refuse = refusalsLeaving(database, [
      'users',
      'professionals',
      'partner_links',
      'sessions',
      'audit_log',
    ])
    const short = await refuse(() =>
      usePartnerLinkToJoin(
        deps(),
        TEST_SESSION_POLICY,
        token,
        { password: 'short', confirmPassword: 'short' },
        anonymous,
      ),
    )
    expect(fieldsOf(short)).toEqual(['password'])
    const different = await refuse(() =>
      usePartnerLinkToJoin(
        deps(),
        TEST_SESSION_POLICY,
        token,
        { password: PASSWORD.password, confirmPassword: 'something else entirely' },
        anonymous,
      ),
    )
    expect(fieldsOf(different)).toEqual(['confirmPassword'])
    expect((await checkPartnerLink(deps(), token, anonymous)).next).toBe('new_account')
  })
})

describe('what the partner reaches', () => {
  test('another conference’s page is refused, and the refusal is written to the access log', async () => {
    const mine = await invitedPartner()
    const partner = await joinThroughLink(mine.token)
    const page = await partnerConferencePage(deps(), partner, { conferenceId: mine.family.conferenceId })
    expect(page.invitation.conference.id).toBe(mine.family.conferenceId)
    expect([...page.childNames].sort()).toEqual(['Leo Hart', 'Mia Hart'])
    const other = await bookFamilyConference(db(), REID)
    const error = await partnerConferencePage(deps(), partner, { conferenceId: other.conferenceId }).catch(
      (e: Error) => e,
    )
    expect(error).toBeInstanceOf(Forbidden)
    const refused = await db()
      .selectFrom('access_log')
      .selectAll()
      .where('actor_user_id', '=', partner.userId)
      .where('action', '=', 'case.access_refused')
      .execute()
    expect(refused.map((row) => row.case_id)).toEqual([other.caseId])
  })

  test('staff are not partners: the partner pages refuse them', async () => {
    const { family } = await invitedPartner()
    const error = await partnerConferencePage(deps(), admin, { conferenceId: family.conferenceId }).catch(
      (e: Error) => e,
    )
    expect(error).toBeInstanceOf(Forbidden)
  })
})

describe('sendPartnerLink', () => {
  test('the administrator sends a new link when the first has expired; it works', async () => {
    const { invitation, token } = await invitedPartner()
    const later = deps('2026-05-20T09:00:00Z')
    const sent = await sendPartnerLink(
      later,
      admin,
      { invitationId: invitation.id },
      { publicUrl: PUBLIC_URL },
    )
    const message = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', sent.messageId)
      .executeTakeFirstOrThrow()
    expect(message.kind).toBe('partner_link')
    const fresh = message.body_text.match(/\/partner\/link\/([A-Za-z0-9_-]{43})/)?.[1] as string
    expect(fresh).not.toBe(token)
    expect(await checkPartnerLink(later, token, anonymous).catch((e: PartnerLinkRefused) => e.reason)).toBe(
      'expired',
    )
    expect((await checkPartnerLink(later, fresh, anonymous)).next).toBe('new_account')
  })

  test('only an administrator sends one, and not to a practitioner who has an account', async () => {
    const { invitation, token } = await invitedPartner()
    const refuse = refusalsLeaving(database, ['partner_links', 'outbox', 'audit_log'])
    expect(
      await refuse(() =>
        sendPartnerLink(deps(), socialWorker, { invitationId: invitation.id }, { publicUrl: PUBLIC_URL }),
      ),
    ).toBeInstanceOf(Forbidden)
    await joinThroughLink(token)
    const error = await refuse(() =>
      sendPartnerLink(deps(), admin, { invitationId: invitation.id }, { publicUrl: PUBLIC_URL }),
    )
    expect(error.message).toContain('has an account already')
  })
})
