import type { Kysely } from 'kysely'
import { factSourcesOfCases } from '../../db/fact-sources.repository.ts'
import type { Database } from '../../db/schema.ts'
import type { Facts } from '../../domain/deadlines/facts.ts'
import { factsOfRecord } from '../case-facts.ts'

/**
 * The facts of many cases at once for the deadlines engine, the same as caseFacts gives for each
 * (test/app/my-work/case-facts-of-cases.int.test.ts holds them to it), read in a fixed number of
 * queries rather than several for every conference of every case.
 */
export async function caseFactsOfCases(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<Map<string, Facts>> {
  const facts = new Map<string, Facts>()
  for (const [caseId, sources] of await factSourcesOfCases(db, caseIds))
    facts.set(
      caseId,
      factsOfRecord(caseId, {
        people: sources.people,
        events: sources.events,
        conferences: sources.conferences.map(({ conference, record, plans }) => ({
          conference,
          outcome: { record, plans },
        })),
        attendance: sources.attendance,
      }),
    )
  return facts
}
