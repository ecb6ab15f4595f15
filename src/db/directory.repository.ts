import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Who can be chosen on a form: members of staff by role (a chair, a minute-taker) and the
 * professionals on record (to invite or to ask for a report), each list short and ordered by name.
 */

type Db = Kysely<Database>

export interface StaffChoice {
  id: string
  name: string
  roles: string[]
  team: string | null
}

/** How many entries a list of choices on a form holds at most, where its caller caps it. */
export const CHOICE_LIST_LIMIT = 500

/**
 * Active members of staff holding any of `roles`, by name: the people a form may name in those roles
 * (a lead social worker, a chair, a minute-taker). Every one of them, or the first `limit` where given.
 */
export async function activeStaffWithRoles(
  db: Db,
  roles: readonly string[],
  options: { limit?: number } = {},
): Promise<StaffChoice[]> {
  if (roles.length === 0) return []
  let select = db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles', 'team'])
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .orderBy('display_name')
    .orderBy('id')
  if (options.limit !== undefined) select = select.limit(options.limit)
  const rows = await select.execute()
  return rows.map((row) => ({ id: row.id, name: row.display_name, roles: row.roles, team: row.team }))
}

export interface ProfessionalChoice {
  id: string
  name: string
  agency: string
  roleTitle: string | null
  hasEmail: boolean
  /** Their account, where they have one (a partner practitioner who signs in, an advocate). */
  userId: string | null
}

/** Professionals on record, by agency and name; only one agency's where `agency` is given. */
export async function professionalsOnRecord(
  db: Db,
  options: { agency?: string; limit?: number } = {},
): Promise<ProfessionalChoice[]> {
  let select = db
    .selectFrom('professionals')
    .select(['id', 'name', 'agency', 'role_title', 'email', 'user_id'])
  if (options.agency !== undefined) select = select.where('agency', '=', options.agency)
  const rows = await select
    .orderBy('agency')
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit ?? CHOICE_LIST_LIMIT)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    agency: row.agency,
    roleTitle: row.role_title,
    hasEmail: row.email !== null,
    userId: row.user_id,
  }))
}
