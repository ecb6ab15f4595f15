import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.ts'

/** Writing the demo accounts, marked demo; the service refuses them when it is not in demo mode. */

type Db = Kysely<Database> | Transaction<Database>

export interface NewDemoUser {
  email: string
  displayName: string
  roles: readonly string[]
  agency: string | null
  team: string | null
  /** An argon2id hash ($argon2id$...). */
  passwordHash: string
}

/** Adds the demo accounts; returns each one's id by email. */
export async function insertDemoUsers(db: Db, users: readonly NewDemoUser[]): Promise<Map<string, string>> {
  if (users.length === 0) return new Map()
  const rows = await db
    .insertInto('users')
    .values(
      users.map((user) => ({
        email: user.email,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        roles: [...user.roles],
        agency: user.agency,
        team: user.team,
        demo: true,
      })),
    )
    .returning(['id', 'email'])
    .execute()
  return new Map(rows.map((row) => [row.email, row.id]))
}

/** The id of the user with this email, compared in lower case. */
export async function userIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row?.id
}
