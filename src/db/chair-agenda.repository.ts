import type { Kysely } from 'kysely'
import { type Conference, findConference } from './conference.repository.ts'
import type { ConferenceStatus, Database } from './schema.ts'

/**
 * The conferences a chair is named for, for the chair's list. Reads `conferences`; each
 * conference is mapped by conference.repository.ts.
 */

type Db = Kysely<Database>

/** The conferences `chairId` chairs that are in one of `statuses`, by date and start time. */
export async function conferencesChairedBy(
  db: Db,
  chairId: string,
  statuses: readonly ConferenceStatus[],
): Promise<Conference[]> {
  if (statuses.length === 0) return []
  const rows = await db
    .selectFrom('conferences')
    .select('id')
    .where('chair_id', '=', chairId)
    .where('status', 'in', statuses)
    .orderBy('date')
    .orderBy('start_time')
    .orderBy('created_at')
    .execute()
  const conferences: Conference[] = []
  for (const row of rows) {
    const conference = await findConference(db, row.id)
    if (conference) conferences.push(conference)
  }
  return conferences
}
