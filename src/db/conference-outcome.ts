import { type Expression, expressionBuilder, sql } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Database } from './schema.ts'

/**
 * What a conference's meeting came to, as subqueries of a read of its conferences: the case's record
 * (case-record.repository.ts) and the engine's facts (fact-sources.repository.ts) read them alike.
 */

const eb = expressionBuilder<Database, never>()

/** The meeting record's quorum as checked and what the chair decided without one; null before the meeting. */
export function meetingQuorumOf(conferenceId: Expression<string>) {
  return jsonObjectFrom(
    eb
      .selectFrom('meeting_records as m')
      .select(['m.quorum', 'm.inquorate'])
      .where('m.conference_id', '=', conferenceId),
  )
}

/** Whether each child has a plan, by the latest version of each child's decision ('[]' before any). */
export function currentPlansOf(conferenceId: Expression<string>) {
  return eb
    .selectFrom('decisions as d')
    .select(sql<boolean[]>`coalesce(json_agg(d.plan ORDER BY d.child_id), '[]')`.as('plans'))
    .where('d.conference_id', '=', conferenceId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('decisions as later')
            .select('later.id')
            .whereRef('later.conference_id', '=', 'd.conference_id')
            .whereRef('later.child_id', '=', 'd.child_id')
            .whereRef('later.version', '>', 'd.version'),
        ),
      ),
    )
}
