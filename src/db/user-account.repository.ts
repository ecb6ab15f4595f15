import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from './schema.ts'

/**
 * People's accounts as the system administrator looks after them: who they are, their roles, and the
 * state of their sign-in (second factor, lock, disabled, identity provider). Secrets stay here: the
 * password hash and the second factor's secret are only ever said to be there or not.
 */

type Db = Kysely<Database> | Transaction<Database>

export interface UserAccount {
  id: string
  email: string
  displayName: string
  roles: string[]
  team: string | null
  agency: string | null
  demo: boolean
  disabledAt: Date | null
  createdAt: Date
  /** When the second factor was set up; null when it has not been. */
  secondFactorSetUpAt: Date | null
  failedSignIns: number
  lockedUntil: Date | null
  /** Whether a password has been chosen (people who sign in through the identity provider have none). */
  hasPassword: boolean
  /** Whether the person signs in through the council's identity provider. */
  identityProvider: boolean
}

const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'display_name',
  'roles',
  'team',
  'agency',
  'demo',
  'disabled_at',
  'created_at',
  'totp_enrolled_at',
  'failed_sign_ins',
  'locked_until',
  'external_subject',
  sql<boolean>`password_hash IS NOT NULL`.as('has_password'),
] as const

type AccountRow = Pick<
  Selectable<Database['users']>,
  | 'id'
  | 'email'
  | 'display_name'
  | 'roles'
  | 'team'
  | 'agency'
  | 'demo'
  | 'disabled_at'
  | 'created_at'
  | 'totp_enrolled_at'
  | 'failed_sign_ins'
  | 'locked_until'
  | 'external_subject'
> & { has_password: boolean }

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value))

function rowToAccount(row: AccountRow): UserAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    team: row.team,
    agency: row.agency,
    demo: row.demo,
    disabledAt: dateOrNull(row.disabled_at),
    createdAt: new Date(row.created_at),
    secondFactorSetUpAt: dateOrNull(row.totp_enrolled_at),
    failedSignIns: row.failed_sign_ins,
    lockedUntil: dateOrNull(row.locked_until),
    hasPassword: row.has_password,
    identityProvider: row.external_subject !== null,
  }
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Accounts whose name or email address contains `text` (any case) and that hold `role`, where given;
 * by name. At most `limit`.
 */
export async function searchUserAccounts(
  db: Db,
  criteria: { text?: string; role?: string; limit: number },
): Promise<UserAccount[]> {
  let query = db.selectFrom('users').select(ACCOUNT_COLUMNS)
  const text = criteria.text?.trim()
  if (text) {
    const pattern = likePattern(text)
    query = query.where((eb) => eb.or([eb('display_name', 'ilike', pattern), eb('email', 'ilike', pattern)]))
  }
  if (criteria.role) query = query.where(sql<boolean>`${criteria.role} = any(roles)`)
  const rows = await query.orderBy('display_name').orderBy('email').limit(criteria.limit).execute()
  return rows.map(rowToAccount)
}

/** One account; inside a transaction that changes it, `forUpdate` holds it until the change is written. */
export async function findUserAccount(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserAccount | undefined> {
  let query = db.selectFrom('users').select(ACCOUNT_COLUMNS).where('id', '=', id)
  if (options.forUpdate) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  return row ? rowToAccount(row) : undefined
}

/** Whether an account has this email address (compared in lower case). */
export async function emailInUse(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row !== undefined
}

/** Adds an account that signs in with a password, not chosen yet; returns its id. */
export async function insertLocalAccount(
  trx: Transaction<Database>,
  account: {
    email: string
    displayName: string
    roles: readonly string[]
    team: string | null
    agency: string | null
  },
): Promise<string> {
  const row = await trx
    .insertInto('users')
    .values({
      email: account.email,
      display_name: account.displayName,
      roles: [...account.roles],
      team: account.team,
      agency: account.agency,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function setAccountRoles(
  trx: Transaction<Database>,
  id: string,
  roles: readonly string[],
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ roles: [...roles] })
    .where('id', '=', id)
    .execute()
}

/** Disables an account from `at`, or enables it again with null. */
export async function setAccountDisabled(
  trx: Transaction<Database>,
  id: string,
  at: Date | null,
): Promise<void> {
  await trx.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute()
}

/** Lifts a lock and forgets the wrong attempts counted so far. */
export async function unlockAccount(trx: Transaction<Database>, id: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', id)
    .execute()
}

/** Forgets the second factor, so that it is set up again at the next sign-in. */
export async function clearSecondFactor(trx: Transaction<Database>, id: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: null, totp_enrolled_at: null, totp_last_step: null })
    .where('id', '=', id)
    .execute()
}

/** How many of the person's sessions are open at `now` (past neither timeout). */
export async function countOpenSessions(db: Db, userId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
