import type { Kysely, Transaction } from 'kysely'
import { jsonb } from './jsonb.ts'
import { cachedRead } from './read-cache.ts'
import type { Database, SecondFactorState } from './schema.ts'
import { rowToUser, type User } from './user.repository.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A signed-in session, found by the hash of the token in its cookie. */
export interface Session {
  /** The SHA-256 of the cookie's token: the token itself is never stored. */
  id: string
  userId: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  absoluteExpiresAt: Date
  /** The secret the session's CSRF tokens are made from. */
  csrfSecret: string
  /** Whether the person has passed their second factor yet. */
  secondFactor: SecondFactorState
  /** What the session keeps meanwhile, such as a second factor's secret being set up. */
  data: { settingUpSecret?: string }
}

export interface SessionWithUser {
  session: Session
  user: User
}

export async function insertSession(trx: Transaction<Database>, session: Session): Promise<void> {
  await trx
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
      absolute_expires_at: session.absoluteExpiresAt,
      csrf_secret: session.csrfSecret,
      second_factor: session.secondFactor,
      data: jsonb(session.data),
    })
    .execute()
}

/**
 * The session cache (decision 0013): read again once this server has written any session or user
 * (signing out, out everywhere, a touch, a change of roles or a disabled account), or once it is
 * too old (src/db/read-cache.ts).
 */
const SESSIONS = { name: 'sessions', tables: ['sessions', 'users'], maxEntries: 1000 }

/**
 * The session with this id and its user, whether or not it has expired (the caller decides). The
 * answer is frozen.
 */
export function findSession(db: Db, id: string): Promise<SessionWithUser | undefined> {
  return cachedRead(db, SESSIONS, id, () => findSessionNow(db, id))
}

async function findSessionNow(db: Db, id: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.user_id',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.absolute_expires_at',
      'sessions.csrf_secret',
      'sessions.second_factor',
      'sessions.data',
      'users.email',
      'users.display_name',
      'users.roles',
      'users.agency',
      'users.team',
      'users.demo',
      'users.disabled_at',
      'users.totp_enrolled_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    session: {
      id: row.session_id,
      userId: row.user_id,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
      absoluteExpiresAt: new Date(row.absolute_expires_at),
      csrfSecret: row.csrf_secret,
      secondFactor: row.second_factor,
      data: (row.data ?? {}) as Session['data'],
    },
    user: rowToUser({ ...row, id: row.user_id }),
  }
}

/** Keeps something in the session meanwhile (a second factor's secret while it is set up). */
export async function setSessionData(db: Db, id: string, data: Session['data']): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ data: jsonb(data) })
    .where('id', '=', id)
    .execute()
}

/** Moves the idle timeout on after activity. */
export async function touchSession(db: Db, id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute()
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Ends every session of a user ("sign out everywhere"); returns how many there were. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Removes sessions past either timeout; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
