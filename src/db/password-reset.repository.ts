import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

export interface PasswordReset {
  id: string
  userId: string
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
}

export async function insertPasswordReset(
  trx: Transaction<Database>,
  reset: Omit<PasswordReset, 'usedAt'>,
): Promise<void> {
  await trx
    .insertInto('password_resets')
    .values({ id: reset.id, user_id: reset.userId, created_at: reset.createdAt, expires_at: reset.expiresAt })
    .execute()
}

export async function findPasswordReset(db: Db, id: string): Promise<PasswordReset | undefined> {
  const row = await db.selectFrom('password_resets').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at ? new Date(row.used_at) : null,
  }
}

/** Marks a link used; false when it was used already (by a request at the same moment). */
export async function usePasswordReset(trx: Transaction<Database>, id: string, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** How many links were sent to a person since `since`, to limit them. */
export async function countRecentResets(db: Db, userId: string, since: Date): Promise<number> {
  const rows = await db
    .selectFrom('password_resets')
    .select('id')
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .execute()
  return rows.length
}

export async function setPasswordHash(
  trx: Transaction<Database>,
  userId: string,
  hash: string,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: hash, failed_sign_ins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute()
}
