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

/** Active members of staff holding any of `roles`, by name. */
export async function activeStaffWithRoles(
  db: Db,
  roles: readonly string[],
  limit = 500,
): Promise<StaffChoice[]> {
  if (roles.length === 0) return []
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles', 'team'])
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .orderBy('display_name')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((row) => ({ id: row.id, name: row.display_name, roles: row.roles, team: row.team }))
}

export interface ProfessionalChoice {
  id: string
  name: string
  agency: string
  roleTitle: string | null
  hasEmail: boolean
}

/** Professionals on record, by agency and name; only one agency's where `agency` is given. */
export async function professionalsOnRecord(
  db: Db,
  options: { agency?: string; limit?: number } = {},
): Promise<ProfessionalChoice[]> {
  let select = db.selectFrom('professionals').select(['id', 'name', 'agency', 'role_title', 'email'])
  if (options.agency !== undefined) select = select.where('agency', '=', options.agency)
  const rows = await select
    .orderBy('agency')
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit ?? 500)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    agency: row.agency,
    roleTitle: row.role_title,
    hasEmail: row.email !== null,
  }))
}
