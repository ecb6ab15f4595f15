import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A person who can sign in, as the rest of the service sees them. The password hash stays in db/. */
export interface User {
  id: string
  email: string
  displayName: string
  roles: string[]
  agency: string | null
  team: string | null
  demo: boolean
  disabled: boolean
}

type UserRow = Selectable<Database['users']>

function rowToUser(row: Omit<UserRow, 'password_hash' | 'created_at'>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    agency: row.agency,
    team: row.team,
    demo: row.demo,
    disabled: row.disabled_at !== null,
  }
}

const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'roles',
  'agency',
  'team',
  'demo',
  'disabled_at',
] as const

/** The user with this email (compared in lower case) and their password hash, for signing in. */
export async function findUserForSignIn(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row ? { user: rowToUser(row), passwordHash: row.password_hash } : undefined
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? rowToUser(row) : undefined
}
