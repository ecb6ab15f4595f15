import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { SessionPolicy } from '../../src/app/auth/session-policy.ts'
import { startSession } from '../../src/app/auth/start-session.ts'
import { type AppDeps, inTransaction } from '../../src/app/use-case.ts'
import type { Database } from '../../src/db/schema.ts'
import { findUserById } from '../../src/db/user.repository.ts'
import type { TestDatabaseHandle } from './database.ts'

/** What the tests of the system administrator's use-cases set up and check about accounts. */

type Db = Kysely<Database>

export const TEST_SESSION_POLICY: SessionPolicy = { demo: false, idleMinutes: 60, absoluteHours: 12 }

/** Everything an account change could write: the accounts themselves, sessions, links, messages, audit. */
async function accountState(db: Db): Promise<string> {
  const [users, sessions, resets, outbox, audit] = await Promise.all([
    db.selectFrom('users').selectAll().orderBy('id').execute(),
    db.selectFrom('sessions').select(['id', 'user_id']).orderBy('id').execute(),
    db.selectFrom('password_resets').select('id').orderBy('id').execute(),
    db.selectFrom('outbox').select('id').orderBy('id').execute(),
    db.selectFrom('audit_log').select('seq').orderBy('seq').execute(),
  ])
  return JSON.stringify({ users, sessions, resets, outbox, audit })
}

/**
 * For a test file: runs a use-case that must be refused and returns its error, after checking that
 * no account, session, password link, message or audit record was added, removed or changed.
 */
export function accountRefusals(
  database: TestDatabaseHandle,
): (run: () => Promise<unknown>) => Promise<Error> {
  return async (run) => {
    const before = await accountState(database.db)
    let error: unknown
    try {
      await run()
    } catch (caught) {
      error = caught
    }
    if (!(error instanceof Error)) throw new Error('expected the use-case to be refused, but it succeeded')
    expect(await accountState(database.db)).toBe(before)
    return error
  }
}

/** Opens a signed-in session for the person, as signing in does; returns the cookie's token. */
export async function openSession(deps: AppDeps, userId: string): Promise<string> {
  const user = await findUserById(deps.db, userId)
  if (!user) throw new Error(`no user ${userId}`)
  const started = await inTransaction(deps, (trx) =>
    startSession(trx, TEST_SESSION_POLICY, user, { now: deps.clock(), secondFactor: 'done' }),
  )
  return started.token
}

/** A person the council's identity provider signed in once: no password, roles from their groups. */
export async function makeIdentityProviderUser(
  db: Db,
  person: { name: string; email: string; roles: string[] },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      email: person.email,
      display_name: person.name,
      roles: person.roles,
      external_subject: `https://login.example.org|${person.email}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Gives the person a second factor that was set up at `at`. */
export async function giveSecondFactor(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', totp_enrolled_at: at, totp_last_step: 59_000_000 })
    .where('id', '=', userId)
    .execute()
}
