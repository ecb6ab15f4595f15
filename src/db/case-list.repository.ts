import type { Kysely } from 'kysely'
import { type CaseViewer, caseVisibleTo } from './case-access.repository.ts'
import type { Database } from './schema.ts'

/** Cases listed together: the open cases, each with who it is allocated to. */

export interface CaseListing {
  id: string
  reference: string
  familyName: string
  team: string | null
  socialWorker: { id: string; name: string } | null
  teamManager: { id: string; name: string } | null
  createdAt: Date
}

/** The open cases the viewer may see, by family name, then reference: at most `limit`. */
export async function openCaseList(
  db: Kysely<Database>,
  viewer: CaseViewer,
  limit: number,
): Promise<CaseListing[]> {
  const rows = await db
    .selectFrom('cases')
    .leftJoin('users as worker', 'worker.id', 'cases.social_worker_id')
    .leftJoin('users as manager', 'manager.id', 'cases.team_manager_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.family_name',
      'cases.team',
      'cases.created_at',
      'worker.id as worker_id',
      'worker.display_name as worker_name',
      'manager.id as manager_id',
      'manager.display_name as manager_name',
    ])
    .where('cases.status', '=', 'open')
    .where(caseVisibleTo(viewer, 'cases.id'))
    .orderBy('cases.family_name')
    .orderBy('cases.reference')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    familyName: row.family_name,
    team: row.team,
    socialWorker:
      row.worker_id !== null && row.worker_name !== null
        ? { id: row.worker_id, name: row.worker_name }
        : null,
    teamManager:
      row.manager_id !== null && row.manager_name !== null
        ? { id: row.manager_id, name: row.manager_name }
        : null,
    createdAt: row.created_at,
  }))
}
