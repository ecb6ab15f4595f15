import type { Kysely, Selectable } from 'kysely'
import type { ChairConnectionDecision, ChairConnectionsTable, Database } from './schema.ts'

/** A chair's declared personal connection with a conference's family. The one place that reads and writes `chair_connections`. */

type Db = Kysely<Database>

export interface StoredChairConnection {
  id: string
  conferenceId: string
  chairId: string
  chairName: string
  connection: string
  discussedWith: string | null
  /** 'YYYY-MM-DD' */
  discussedOn: string | null
  decision: ChairConnectionDecision
  recordedBy: string
  recordedAt: Date
}

type Row = Selectable<ChairConnectionsTable> & { chair_name: string }

const rowToConnection = (row: Row): StoredChairConnection => ({
  id: row.id,
  conferenceId: row.conference_id,
  chairId: row.chair_id,
  chairName: row.chair_name,
  connection: row.connection,
  discussedWith: row.discussed_with,
  discussedOn: row.discussed_on,
  decision: row.decision,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
})

/** The declarations made for a conference, oldest first, each with the chair's name. */
export async function chairConnectionsOf(db: Db, conferenceId: string): Promise<StoredChairConnection[]> {
  const rows = await db
    .selectFrom('chair_connections')
    .innerJoin('users', 'users.id', 'chair_connections.chair_id')
    .selectAll('chair_connections')
    .select('users.display_name as chair_name')
    .where('chair_connections.conference_id', '=', conferenceId)
    .orderBy('chair_connections.recorded_at')
    .orderBy('chair_connections.id')
    .execute()
  return rows.map(rowToConnection)
}

export interface ChairConnectionValues {
  conferenceId: string
  chairId: string
  connection: string
  discussedWith: string | null
  discussedOn: string | null
  decision: ChairConnectionDecision
  recordedBy: string
  recordedAt: Date
}

/** Records a chair's declaration for a conference, replacing the one they made before. */
export async function saveChairConnection(db: Db, values: ChairConnectionValues): Promise<void> {
  const changes = {
    connection: values.connection,
    discussed_with: values.discussedWith,
    discussed_on: values.discussedOn,
    decision: values.decision,
    recorded_by: values.recordedBy,
    recorded_at: values.recordedAt,
  }
  await db
    .insertInto('chair_connections')
    .values({ conference_id: values.conferenceId, chair_id: values.chairId, ...changes })
    .onConflict((conflict) => conflict.columns(['conference_id', 'chair_id']).doUpdateSet(changes))
    .execute()
}
