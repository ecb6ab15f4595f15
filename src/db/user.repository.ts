import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A person who can sign in, as the rest of the service sees them. Secrets stay in db/. */
export interface User {
  id: string
  email: string
  displayName: string
  roles: string[]
  agency: string | null
  team: string | null
  demo: boolean
  disabled: boolean
  /** Whether a second factor (TOTP) has been set up. */
  hasSecondFactor: boolean
}

/** What signing in checks: the password hash, the lock, and the second factor's secret. */
export interface SignInRecord {
  user: User
  passwordHash: string | null
  failedSignIns: number
  lockedUntil: Date | null
  totpSecret: string | null
  totpLastStep: number | null
}

type UserRow = Selectable<Database['users']>

const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'roles',
  'agency',
  'team',
  'demo',
  'disabled_at',
  'totp_enrolled_at',
] as const

/** A `users` row (the columns in USER_COLUMNS) as the rest of the service sees the person. */
export function rowToUser(row: Pick<UserRow, (typeof USER_COLUMNS)[number]>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    agency: row.agency,
    team: row.team,
    demo: row.demo,
    disabled: row.disabled_at !== null,
    hasSecondFactor: row.totp_enrolled_at !== null,
  }
}

function rowToSignInRecord(
  row: Pick<
    UserRow,
    | (typeof USER_COLUMNS)[number]
    | 'password_hash'
    | 'failed_sign_ins'
    | 'locked_until'
    | 'totp_secret'
    | 'totp_last_step'
  >,
): SignInRecord {
  return {
    user: rowToUser(row),
    passwordHash: row.password_hash,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
    totpSecret: row.totp_secret,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  }
}

const SIGN_IN_COLUMNS = [
  ...USER_COLUMNS,
  'password_hash',
  'failed_sign_ins',
  'locked_until',
  'totp_secret',
  'totp_last_step',
] as const

/** The user with this email (compared in lower case), with what signing in checks. */
export async function findUserForSignIn(db: Db, email: string): Promise<SignInRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .select(SIGN_IN_COLUMNS)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row ? rowToSignInRecord(row) : undefined
}

/** The same, by id. */
export async function findUserForSignInById(db: Db, id: string): Promise<SignInRecord | undefined> {
  const row = await db.selectFrom('users').select(SIGN_IN_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? rowToSignInRecord(row) : undefined
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? rowToUser(row) : undefined
}

/** Counts a wrong password or code; locks the account until `lockUntil` when given (and starts the count again). */
export async function recordFailedSignIn(db: Db, id: string, lockUntil: Date | null): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) =>
      lockUntil
        ? { failed_sign_ins: 0, locked_until: lockUntil }
        : { failed_sign_ins: eb('failed_sign_ins', '+', 1) },
    )
    .where('id', '=', id)
    .execute()
}

export async function clearFailedSignIns(db: Db, id: string): Promise<void> {
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute()
}

/** Records the second factor's secret once set up, and the time step of the code that proved it. */
export async function setSecondFactor(
  db: Db,
  id: string,
  factor: { secret: string; enrolledAt: Date; lastStep: number },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: factor.secret, totp_enrolled_at: factor.enrolledAt, totp_last_step: factor.lastStep })
    .where('id', '=', id)
    .execute()
}

/** Remembers the time step of an accepted code, so the same code cannot be used again. */
export async function recordCodeUsed(db: Db, id: string, step: number): Promise<void> {
  await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', id).execute()
}

/** The person the council's identity provider knows by this subject, or by this email address. */
export async function findUserForIdentityProvider(
  db: Db,
  externalSubject: string,
  email: string,
): Promise<{ user: User; externalSubject: string | null } | undefined> {
  const bySubject = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'external_subject'])
    .where('external_subject', '=', externalSubject)
    .executeTakeFirst()
  const row =
    bySubject ??
    (await db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'external_subject'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst())
  return row ? { user: rowToUser(row), externalSubject: row.external_subject } : undefined
}

/** Creates or updates a person from what the identity provider says of them; returns their id. */
export async function upsertIdentityProviderUser(
  trx: Transaction<Database>,
  person: { id?: string; externalSubject: string; email: string; displayName: string; roles: string[] },
): Promise<string> {
  if (person.id) {
    await trx
      .updateTable('users')
      .set({
        external_subject: person.externalSubject,
        email: person.email,
        display_name: person.displayName,
        roles: person.roles,
      })
      .where('id', '=', person.id)
      .execute()
    return person.id
  }
  const row = await trx
    .insertInto('users')
    .values({
      external_subject: person.externalSubject,
      email: person.email,
      display_name: person.displayName,
      roles: person.roles,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
