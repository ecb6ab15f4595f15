import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

/** The staff a form offers to choose from: active users holding a role. */

export interface StaffChoice {
  id: string
  name: string
  team: string | null
}

/** Every active user holding `role`, by name. */
export async function activeStaffWithRole(db: Kysely<Database>, role: string): Promise<StaffChoice[]> {
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
