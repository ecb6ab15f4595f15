import type { Kysely } from 'kysely'
import { staffNames } from '../../db/case.repository.ts'
import { conferencesOfCase } from '../../db/conference.repository.ts'
import type { Database } from '../../db/schema.ts'
import {
  type ChairRules,
  citeChairRule,
  continuityIssues,
  type PreviousChair,
} from '../../domain/conference/chair-connection.ts'
import type { Issue } from '../../domain/issues.ts'

/**
 * The chair of a case's conferences from one to the next (CH-INDEPENDENCE: the same person chairs
 * later conferences wherever possible, London 8.9.2, York): who chaired the latest conference before
 * the one being booked, and what is recorded with a booking when a different chair is chosen.
 */

type Reader = Kysely<Database>

/**
 * The chair of the case's latest conference on or before `date` (any date where none is given),
 * other than the one being rebooked; cancelled conferences and those without a chair do not count.
 */
export async function previousChairOf(
  db: Reader,
  caseId: string,
  options: { date?: string; excludeConferenceId?: string } = {},
): Promise<PreviousChair | null> {
  const earlier = (await conferencesOfCase(db, caseId))
    .filter(
      (conference) =>
        conference.status !== 'cancelled' &&
        conference.chairId !== null &&
        conference.id !== options.excludeConferenceId &&
        (options.date === undefined || conference.date <= options.date),
    )
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.getTime() - a.createdAt.getTime())
  const latest = earlier[0]
  if (!latest?.chairId) return null
  const names = await staffNames(db, [latest.chairId])
  return {
    chairId: latest.chairId,
    chairName: names.get(latest.chairId) ?? 'The previous chair',
    conferenceId: latest.id,
    conferenceDate: latest.date,
  }
}

/** What a booking records of the chair's continuity: the previous chair, whether it is the same one, and why not. */
export interface ChairContinuityNote {
  previousChairId: string
  previousChairName: string
  previousConferenceDate: string
  sameChair: boolean
  /** Why a different chair was chosen, where one was. */
  reason: string | null
  /** Whether the procedure asks for the same chair, and where. */
  asked: boolean
  source: string
}

/** The continuity check of a booking: issues that refuse it, and the note kept with it. */
export async function chairContinuity(
  db: Reader,
  caseId: string,
  booking: { chairId: string | null; date: string; chairChangeReason?: string | undefined },
  rules: ChairRules,
  excludeConferenceId?: string,
): Promise<{ issues: Issue[]; note: ChairContinuityNote | null }> {
  if (booking.chairId === null) return { issues: [], note: null }
  const previous = await previousChairOf(db, caseId, {
    date: booking.date,
    ...(excludeConferenceId ? { excludeConferenceId } : {}),
  })
  if (previous === null) return { issues: [], note: null }
  const sameChair = previous.chairId === booking.chairId
  return {
    issues: continuityIssues(booking.chairId, previous, booking.chairChangeReason, rules),
    note: {
      previousChairId: previous.chairId,
      previousChairName: previous.chairName,
      previousConferenceDate: previous.conferenceDate,
      sameChair,
      reason: sameChair ? null : (booking.chairChangeReason?.trim() ?? null) || null,
      asked: rules.sameChairLater,
      source: citeChairRule(rules),
    },
  }
}
