import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

/** The staff a form may name in a role (a lead social worker, say). Reads `users`. */

type Db = Kysely<Database>

export interface StaffChoice {
  id: string
  name: string
  team: string | null
}

/** Every active user holding `role`, by name: the people a form may name in that role. */
export async function activeStaffInRole(db: Db, role: string): Promise<StaffChoice[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'team'])
    .where(sql<boolean>`${role} = any(roles)`)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({ id: row.id, name: row.display_name, team: row.team }))
}
