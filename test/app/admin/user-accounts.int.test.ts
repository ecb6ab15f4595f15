import { beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '../../../src/app/admin/create-user.ts'
import { listUsers } from '../../../src/app/admin/list-users.ts'
import { sendAccountLink } from '../../../src/app/admin/send-account-link.ts'
import { showUser } from '../../../src/app/admin/show-user.ts'
import { checkPasswordResetLink, resetPassword } from '../../../src/app/auth/reset-password.ts'
import { Conflict, Forbidden, NotFound } from '../../../src/app/errors.ts'
import {
  accountRefusals,
  giveSecondFactor,
  makeIdentityProviderUser,
  openSession,
} from '../../support/accounts.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser, type TestUser } from '../../support/factories.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = accountRefusals(database)
const NOW = '2026-05-01T09:00:00Z'
const deps = () => makeDeps(database.db, 'london', NOW)
const PUBLIC_URL = 'https://convene.testshire.example.gov.uk'

let admin: TestUser
let chair: TestUser

beforeAll(async () => {
  admin = await makeUser(database.db, 'system_administrator', { name: 'Sol Sysadmin' })
  chair = await makeUser(database.db, 'chair', { name: 'Quill Chair-Person' })
})

/** The link in a new-account email, and its token. */
async function linkIn(messageId: string): Promise<{ body: string; token: string }> {
  const message = await database.db
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow()
  const match = message.body_text.match(
    /https:\/\/convene\.testshire\.example\.gov\.uk\/sign-in\/reset\/(\S+)/,
  )
  if (!match?.[1]) throw new Error(`no link in: ${message.body_text}`)
  return { body: message.body_text, token: match[1] }
}

describe('listUsers', () => {
  let worker: TestUser
  let manager: TestUser
  let providerId: string
  beforeAll(async () => {
    worker = await makeUser(database.db, 'social_worker', { name: 'Zed Listworth', team: 'Team Quince' })
    manager = await makeUser(database.db, ['team_manager', 'social_worker'], { name: 'Zara Listworth' })
    providerId = await makeIdentityProviderUser(database.db, {
      name: 'Zoe Listworth',
      email: 'zoe.listworth@example.org',
      roles: ['chair'],
    })
    await giveSecondFactor(database.db, worker.userId, new Date('2026-04-01T10:00:00Z'))
    await database.db
      .updateTable('users')
      .set({ locked_until: new Date('2026-05-01T09:10:00Z'), disabled_at: new Date('2026-04-20T10:00:00Z') })
      .where('id', '=', manager.userId)
      .execute()
    await database.db
      .insertInto('users')
      .values({
        email: 'zak.listworth@demo.example.org',
        display_name: 'Zak Listworth (demo)',
        roles: ['chair'],
        demo: true,
      })
      .execute()
  })

  test('finds people by any part of their name, by name, with their roles and the state of their sign-in', async () => {
    const list = await listUsers(deps(), admin, { search: 'listworth' })
    expect(list.accounts.map((account) => account.displayName)).toEqual([
      'Zak Listworth (demo)',
      'Zara Listworth',
      'Zed Listworth',
      'Zoe Listworth',
    ])
    expect(list.truncated).toBe(false)
    const [demo, zara, zed, zoe] = list.accounts
    expect(demo).toMatchObject({ demo: true, identityProvider: false })
    expect(zara).toMatchObject({
      roles: ['social_worker', 'team_manager'],
      lockedUntil: new Date('2026-05-01T09:10:00Z'),
      disabledAt: new Date('2026-04-20T10:00:00Z'),
      secondFactorSetUpAt: null,
    })
    expect(zed).toMatchObject({
      roles: ['social_worker'],
      team: 'Team Quince',
      agency: 'childrens_social_care',
      secondFactorSetUpAt: new Date('2026-04-01T10:00:00Z'),
      lockedUntil: null,
      disabledAt: null,
      demo: false,
      identityProvider: false,
    })
    expect(zoe).toMatchObject({ id: providerId, identityProvider: true, hasPassword: false })
  })

  test('finds people by their email address and by role; a lock that has run out is not shown', async () => {
    expect((await listUsers(deps(), admin, { search: 'ZOE.LISTWORTH@' })).accounts.map((a) => a.id)).toEqual([
      providerId,
    ])
    const chairs = await listUsers(deps(), admin, { search: 'listworth', role: 'chair' })
    expect(chairs.accounts.map((account) => account.displayName)).toEqual([
      'Zak Listworth (demo)',
      'Zoe Listworth',
    ])
    const later = makeDeps(database.db, 'london', '2026-05-01T09:30:00Z')
    const zara = (await listUsers(later, admin, { search: 'Zara List' })).accounts[0]
    expect(zara?.lockedUntil).toBeNull()
  })

  test('reads % and _ in a search as themselves', async () => {
    expect((await listUsers(deps(), admin, { search: '%' })).accounts).toEqual([])
    expect((await listUsers(deps(), admin, { search: 'Z_d' })).accounts).toEqual([])
  })

  test('is only for a system administrator, and names an unknown role', async () => {
    await expect(listUsers(deps(), chair, {})).rejects.toBeInstanceOf(Forbidden)
    expect(fieldsOf(await listUsers(deps(), admin, { role: 'wizard' }).catch((error) => error))).toEqual([
      'role',
    ])
  })
})

describe('showUser', () => {
  test('shows an account with its open sessions and the changes that fit it now', async () => {
    const worker = await makeUser(database.db, 'social_worker', { name: 'Tove Shown' })
    await giveSecondFactor(database.db, worker.userId, new Date('2026-04-01T10:00:00Z'))
    await openSession(deps(), worker.userId)
    await openSession(deps(), worker.userId)
    const details = await showUser(deps(), admin, { userId: worker.userId })
    expect(details.account).toMatchObject({
      displayName: 'Tove Shown',
      email: worker.email,
      roles: ['social_worker'],
    })
    expect(details.openSessions).toBe(2)
    expect(details.isYou).toBe(false)
    expect(details.changes).toEqual({
      changeRoles: true,
      disable: true,
      enable: false,
      unlock: false,
      resetSecondFactor: true,
      sendAccountLink: true,
    })
  })

  test('offers neither a role change for an identity provider account nor disabling oneself', async () => {
    const providerId = await makeIdentityProviderUser(database.db, {
      name: 'Ida Provider',
      email: 'ida.provider@example.org',
      roles: ['chair'],
    })
    const provider = await showUser(deps(), admin, { userId: providerId })
    expect(provider.changes).toMatchObject({ changeRoles: false, sendAccountLink: false, disable: true })
    const own = await showUser(deps(), admin, { userId: admin.userId })
    expect(own.isYou).toBe(true)
    expect(own.changes.disable).toBe(false)
  })

  test('is only for a system administrator; an unknown account is not found', async () => {
    await expect(showUser(deps(), chair, { userId: admin.userId })).rejects.toBeInstanceOf(Forbidden)
    await expect(
      showUser(deps(), admin, { userId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(NotFound)
  })
})

describe('createUser', () => {
  test('makes an account without a password and emails a link to choose one, with its audit record', async () => {
    const made = await createUser(
      deps(),
      admin,
      {
        email: '  Robin.Newcombe@Example.org ',
        displayName: 'Robin Newcombe',
        roles: ['social_worker', 'chair'],
        team: 'Assessment Team South',
        agency: 'childrens_social_care',
      },
      { publicUrl: PUBLIC_URL },
    )
    const row = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', made.userId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      email: 'robin.newcombe@example.org',
      display_name: 'Robin Newcombe',
      roles: ['chair', 'social_worker'],
      team: 'Assessment Team South',
      agency: 'childrens_social_care',
      password_hash: null,
      external_subject: null,
      demo: false,
      disabled_at: null,
    })
    const message = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', made.messageId)
      .executeTakeFirstOrThrow()
    expect(message).toMatchObject({
      kind: 'new_account',
      to_address: 'robin.newcombe@example.org',
      to_name: 'Robin Newcombe',
      status: 'pending',
    })
    const { body, token } = await linkIn(made.messageId)
    expect(body).toContain('An account has been made for you on Convene')
    expect(body).toContain('The link works once, for 3 days')
    expect(await checkPasswordResetLink(deps(), token)).toEqual({
      email: 'robin.newcombe@example.org',
      displayName: 'Robin Newcombe',
    })
    const reset = await database.db
      .selectFrom('password_resets')
      .selectAll()
      .where('user_id', '=', made.userId)
      .executeTakeFirstOrThrow()
    expect(new Date(reset.expires_at)).toEqual(new Date('2026-05-04T09:00:00Z'))
    const record = await auditRecord(database.db, made.userId, 'user.created')
    expect(record).toMatchObject({ actor_user_id: admin.userId, subject_type: 'user' })
    expect(record.after).toMatchObject({
      email: 'robin.newcombe@example.org',
      roles: ['chair', 'social_worker'],
      linkExpiresAt: '2026-05-04T09:00:00.000Z',
      messageId: made.messageId,
    })
  })

  test('the emailed link lets the person choose their first password, once', async () => {
    const made = await createUser(
      deps(),
      admin,
      {
        email: 'pat.firstpass@example.org',
        displayName: 'Pat Firstpass',
        roles: ['conference_administrator'],
      },
      { publicUrl: PUBLIC_URL },
    )
    const { token } = await linkIn(made.messageId)
    await resetPassword(deps(), token, {
      password: 'a long and unusual phrase',
      confirmPassword: 'a long and unusual phrase',
    })
    const row = await database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', made.userId)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    await expect(checkPasswordResetLink(deps(), token)).rejects.toBeInstanceOf(Conflict)
  })

  test.each([
    ['nothing given', {}, ['email', 'displayName', 'roles']],
    [
      'blanks, as a form sends them',
      { email: ' ', displayName: '', roles: [], team: '', agency: '' },
      ['email', 'displayName', 'roles'],
    ],
    [
      'a malformed email, an unknown role and agency',
      { email: 'not-an-email', displayName: 'Ola Wrong', roles: ['wizard'], agency: 'ministry_of_magic' },
      ['email', 'roles', 'agency'],
    ],
  ])('refuses %s, writing nothing', async (_name, input, fields) => {
    const error = await refused(() => createUser(deps(), admin, input, { publicUrl: PUBLIC_URL }))
    expect(fieldsOf(error)).toEqual(fields)
  })

  test('refuses an email address an account has already, in any case, writing nothing', async () => {
    const error = await refused(() =>
      createUser(
        deps(),
        admin,
        { email: chair.email.toUpperCase(), displayName: 'Another Chair', roles: ['chair'] },
        { publicUrl: PUBLIC_URL },
      ),
    )
    expect(fieldsOf(error)).toEqual(['email'])
    expect(error.message).toContain('already exists')
  })

  test('is only for a system administrator', async () => {
    const error = await refused(() =>
      createUser(
        deps(),
        chair,
        { email: 'someone.new@example.org', displayName: 'Someone New', roles: ['chair'] },
        { publicUrl: PUBLIC_URL },
      ),
    )
    expect(error).toBeInstanceOf(Forbidden)
  })
})

describe('sendAccountLink', () => {
  test('emails a new link to a person who has not chosen a password yet, with its audit record', async () => {
    const made = await createUser(
      deps(),
      admin,
      { email: 'lee.latecomer@example.org', displayName: 'Lee Latecomer', roles: ['chair'] },
      { publicUrl: PUBLIC_URL },
    )
    const later = makeDeps(database.db, 'london', '2026-05-10T09:00:00Z')
    const sent = await sendAccountLink(later, admin, { userId: made.userId }, { publicUrl: PUBLIC_URL })
    expect(sent.messageId).not.toBe(made.messageId)
    const { token } = await linkIn(sent.messageId)
    expect((await checkPasswordResetLink(later, token)).email).toBe('lee.latecomer@example.org')
    const record = await auditRecord(database.db, made.userId, 'user.account_link_sent')
    expect(record.after).toMatchObject({
      linkExpiresAt: '2026-05-13T09:00:00.000Z',
      messageId: sent.messageId,
    })
  })

  test('refuses an account that signs in another way, writing nothing', async () => {
    const providerId = await makeIdentityProviderUser(database.db, {
      name: 'Ivo Provider',
      email: 'ivo.provider@example.org',
      roles: ['chair'],
    })
    await database.db
      .updateTable('users')
      .set({ password_hash: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA' })
      .where('id', '=', chair.userId)
      .execute()
    for (const userId of [providerId, chair.userId]) {
      const error = await refused(() => sendAccountLink(deps(), admin, { userId }, { publicUrl: PUBLIC_URL }))
      expect(error).toBeInstanceOf(Conflict)
    }
    const error = await refused(() =>
      sendAccountLink(deps(), chair, { userId: providerId }, { publicUrl: PUBLIC_URL }),
    )
    expect(error).toBeInstanceOf(Forbidden)
  })
})
