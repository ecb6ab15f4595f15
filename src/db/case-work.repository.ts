import type { Kysely, Transaction } from 'kysely'
import type { CaseWork } from '../domain/conference/chair-independence.ts'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/**
 * Everyone the record shows working on a case: the allocated social worker and team manager now;
 * lead social workers named in its decisions; who asked for and who decided on its conferences.
 */
export async function caseWork(db: Db, caseId: string): Promise<CaseWork[]> {
  const allocated = await db
    .selectFrom('cases')
    .leftJoin('users as worker', 'worker.id', 'cases.social_worker_id')
    .leftJoin('users as manager', 'manager.id', 'cases.team_manager_id')
    .select([
      'cases.social_worker_id',
      'worker.display_name as worker_name',
      'cases.team_manager_id',
      'manager.display_name as manager_name',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst()
  const work: CaseWork[] = []
  if (allocated?.social_worker_id)
    work.push({
      userId: allocated.social_worker_id,
      name: allocated.worker_name ?? '',
      role: 'social_worker',
      current: true,
    })
  if (allocated?.team_manager_id)
    work.push({
      userId: allocated.team_manager_id,
      name: allocated.manager_name ?? '',
      role: 'team_manager',
      current: true,
    })

  const leads = await db
    .selectFrom('decisions')
    .innerJoin('conferences', 'conferences.id', 'decisions.conference_id')
    .innerJoin('users', 'users.id', 'decisions.lead_social_worker_id')
    .select(['users.id', 'users.display_name'])
    .where('conferences.case_id', '=', caseId)
    .distinct()
    .execute()
  for (const lead of leads)
    work.push({ userId: lead.id, name: lead.display_name, role: 'lead_social_worker', current: false })

  const requests = await db
    .selectFrom('conference_requests')
    .leftJoin('users as asker', 'asker.id', 'conference_requests.requested_by')
    .leftJoin('users as decider', 'decider.id', 'conference_requests.manager_id')
    .select([
      'conference_requests.requested_by',
      'asker.display_name as asker_name',
      'conference_requests.manager_id',
      'decider.display_name as decider_name',
    ])
    .where('conference_requests.case_id', '=', caseId)
    .execute()
  for (const request of requests) {
    if (request.requested_by)
      work.push({
        userId: request.requested_by,
        name: request.asker_name ?? '',
        role: 'requested_conference',
        current: false,
      })
    if (request.manager_id)
      work.push({
        userId: request.manager_id,
        name: request.decider_name ?? '',
        role: 'authorised_conference',
        current: false,
      })
  }
  return work
}
