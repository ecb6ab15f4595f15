import { beforeAll, describe, expect, test } from 'vitest'
import { changeUserRoles } from '../../../src/app/admin/change-user-roles.ts'
import { disableUser, enableUser } from '../../../src/app/admin/disable-user.ts'
import { resetSecondFactor } from '../../../src/app/admin/reset-second-factor.ts'
import { unlockUser } from '../../../src/app/admin/unlock-user.ts'
import { currentSession } from '../../../src/app/auth/current-session.ts'
import { Conflict, Forbidden, NotFound } from '../../../src/app/errors.ts'
import {
  accountRefusals,
  giveSecondFactor,
  makeIdentityProviderUser,
  openSession,
  TEST_SESSION_POLICY,
} from '../../support/accounts.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser, type TestUser } from '../../support/factories.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = accountRefusals(database)
const deps = () => makeDeps(database.db, 'london', '2026-05-01T09:00:00Z')
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

let admin: TestUser
let otherAdmin: TestUser
let chair: TestUser

beforeAll(async () => {
  admin = await makeUser(database.db, 'system_administrator', { name: 'Sol Sysadmin' })
  otherAdmin = await makeUser(database.db, 'system_administrator', { name: 'Sam Sysadmin' })
  chair = await makeUser(database.db, 'chair', { name: 'Quill Chair-Person' })
})

async function userRow(userId: string) {
  return database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
}

async function sessionsOf(userId: string): Promise<number> {
  const rows = await database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()
  return rows.length
}

describe('changeUserRoles', () => {
  test('gives an account the roles chosen, with the roles before and after in its audit record', async () => {
    const worker = await makeUser(database.db, 'social_worker')
    const changed = await changeUserRoles(deps(), admin, {
      userId: worker.userId,
      roles: ['team_manager', 'social_worker', 'team_manager'],
    })
    expect(changed.roles).toEqual(['social_worker', 'team_manager'])
    expect((await userRow(worker.userId)).roles).toEqual(['social_worker', 'team_manager'])
    const record = await auditRecord(database.db, worker.userId, 'user.roles_changed')
    expect(record).toMatchObject({
      actor_user_id: admin.userId,
      before: { roles: ['social_worker'] },
      after: { roles: ['social_worker', 'team_manager'] },
    })
  })

  test('lets a system administrator change their own roles while they keep system administrator', async () => {
    await changeUserRoles(deps(), otherAdmin, {
      userId: otherAdmin.userId,
      roles: ['system_administrator', 'performance_analyst'],
    })
    expect((await userRow(otherAdmin.userId)).roles).toEqual(['performance_analyst', 'system_administrator'])
  })

  test.each([
    ['no role', { roles: [] }],
    ['an unknown role', { roles: ['wizard'] }],
  ])('refuses %s, writing nothing', async (_name, input) => {
    const error = await refused(() => changeUserRoles(deps(), admin, { userId: chair.userId, ...input }))
    expect(fieldsOf(error)).toEqual(['roles'])
  })

  test('refuses a system administrator removing their own system administrator role, writing nothing', async () => {
    const error = await refused(() =>
      changeUserRoles(deps(), admin, { userId: admin.userId, roles: ['chair'] }),
    )
    expect(fieldsOf(error)).toEqual(['roles'])
    expect(error.message).toContain('You cannot remove your own system administrator role')
  })

  test('refuses an identity provider account, whose groups give its roles, writing nothing', async () => {
    const providerId = await makeIdentityProviderUser(database.db, {
      name: 'Ida Provider',
      email: 'ida.provider@example.org',
      roles: ['chair'],
    })
    const error = await refused(() =>
      changeUserRoles(deps(), admin, { userId: providerId, roles: ['social_worker'] }),
    )
    expect(error).toBeInstanceOf(Conflict)
    expect(error.message).toContain('their roles come from their groups there')
  })

  test('is only for a system administrator; an unknown account is not found', async () => {
    expect(
      await refused(() =>
        changeUserRoles(deps(), chair, { userId: chair.userId, roles: ['system_administrator'] }),
      ),
    ).toBeInstanceOf(Forbidden)
    expect(
      await refused(() => changeUserRoles(deps(), admin, { userId: UNKNOWN, roles: ['chair'] })),
    ).toBeInstanceOf(NotFound)
  })
})

describe('disableUser and enableUser', () => {
  test('disabling ends every session at once; enabling lets the person sign in again; both are audited', async () => {
    const worker = await makeUser(database.db, 'social_worker')
    const token = await openSession(deps(), worker.userId)
    await openSession(deps(), worker.userId)
    expect(await currentSession(deps(), TEST_SESSION_POLICY, token)).not.toBeNull()

    expect(await disableUser(deps(), admin, { userId: worker.userId })).toEqual({ sessionsEnded: 2 })
    expect(new Date((await userRow(worker.userId)).disabled_at ?? 0)).toEqual(
      new Date('2026-05-01T09:00:00Z'),
    )
    expect(await sessionsOf(worker.userId)).toBe(0)
    expect(await currentSession(deps(), TEST_SESSION_POLICY, token)).toBeNull()
    expect((await auditRecord(database.db, worker.userId, 'user.disabled')).after).toMatchObject({
      disabledAt: '2026-05-01T09:00:00.000Z',
      sessionsEnded: 2,
    })

    await enableUser(deps(), admin, { userId: worker.userId })
    expect((await userRow(worker.userId)).disabled_at).toBeNull()
    expect(await auditRecord(database.db, worker.userId, 'user.enabled')).toMatchObject({
      actor_user_id: admin.userId,
      after: { disabledAt: null },
    })
  })

  test('refuses disabling one’s own account, or an account twice, writing nothing', async () => {
    const own = await refused(() => disableUser(deps(), admin, { userId: admin.userId }))
    expect(own).toBeInstanceOf(Conflict)
    expect(own.message).toBe('You cannot disable your own account.')
    const worker = await makeUser(database.db, 'social_worker')
    await disableUser(deps(), admin, { userId: worker.userId })
    expect(await refused(() => disableUser(deps(), admin, { userId: worker.userId }))).toBeInstanceOf(
      Conflict,
    )
  })

  test('refuses enabling an account that is not disabled, writing nothing', async () => {
    expect(await refused(() => enableUser(deps(), admin, { userId: chair.userId }))).toBeInstanceOf(Conflict)
  })

  test('is only for a system administrator, with a good account id', async () => {
    expect(await refused(() => disableUser(deps(), chair, { userId: admin.userId }))).toBeInstanceOf(
      Forbidden,
    )
    expect(await refused(() => enableUser(deps(), chair, { userId: admin.userId }))).toBeInstanceOf(Forbidden)
    expect(fieldsOf(await refused(() => disableUser(deps(), admin, { userId: 'nobody' })))).toEqual([
      'userId',
    ])
  })
})

describe('unlockUser', () => {
  test('lifts a lock and forgets the wrong attempts, with its audit record', async () => {
    const worker = await makeUser(database.db, 'social_worker')
    await database.db
      .updateTable('users')
      .set({ locked_until: new Date('2026-05-01T09:12:00Z'), failed_sign_ins: 2 })
      .where('id', '=', worker.userId)
      .execute()
    await unlockUser(deps(), admin, { userId: worker.userId })
    expect(await userRow(worker.userId)).toMatchObject({ locked_until: null, failed_sign_ins: 0 })
    expect((await auditRecord(database.db, worker.userId, 'user.unlocked')).before).toEqual({
      lockedUntil: '2026-05-01T09:12:00.000Z',
      failedSignIns: 2,
    })
  })

  test('refuses an account that is not locked now, or a lock that has run out, writing nothing', async () => {
    const worker = await makeUser(database.db, 'social_worker')
    await database.db
      .updateTable('users')
      .set({ locked_until: new Date('2026-05-01T08:59:00Z') })
      .where('id', '=', worker.userId)
      .execute()
    expect(await refused(() => unlockUser(deps(), admin, { userId: worker.userId }))).toBeInstanceOf(Conflict)
    expect(await refused(() => unlockUser(deps(), admin, { userId: chair.userId }))).toBeInstanceOf(Conflict)
    expect(await refused(() => unlockUser(deps(), chair, { userId: worker.userId }))).toBeInstanceOf(
      Forbidden,
    )
  })
})

describe('resetSecondFactor', () => {
  test('forgets the second factor so it is set up again, and ends every session, with its audit record', async () => {
    const worker = await makeUser(database.db, 'social_worker')
    await giveSecondFactor(database.db, worker.userId, new Date('2026-04-01T10:00:00Z'))
    await openSession(deps(), worker.userId)
    expect(await resetSecondFactor(deps(), admin, { userId: worker.userId })).toEqual({ sessionsEnded: 1 })
    expect(await userRow(worker.userId)).toMatchObject({
      totp_secret: null,
      totp_enrolled_at: null,
      totp_last_step: null,
    })
    expect(await sessionsOf(worker.userId)).toBe(0)
    expect(await auditRecord(database.db, worker.userId, 'user.second_factor_reset')).toMatchObject({
      actor_user_id: admin.userId,
      before: { secondFactorSetUpAt: '2026-04-01T10:00:00.000Z' },
      after: { secondFactorSetUpAt: null, sessionsEnded: 1 },
    })
  })

  test('refuses an account with no second factor, writing nothing', async () => {
    const worker = await makeUser(database.db, 'social_worker')
    const error = await refused(() => resetSecondFactor(deps(), admin, { userId: worker.userId }))
    expect(error).toBeInstanceOf(Conflict)
    expect(error.message).toContain('has not set up a second factor')
    expect(await refused(() => resetSecondFactor(deps(), chair, { userId: worker.userId }))).toBeInstanceOf(
      Forbidden,
    )
  })
})
