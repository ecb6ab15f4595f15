import { formatDayMonth, type IsoDate, toDayNumber, toYmd } from '../calendar/iso-date.ts'
import { CATEGORY_NAMES, type Category } from '../conference/decision-rules.ts'

/**
 * Whether a child is on a child protection plan, worked out from the finalised decisions of their
 * conferences: the latest conference's decision stands (its latest finalised version, so a
 * correction replaces what it corrects); the plan began at the first of the unbroken run of
 * conferences that each decided on a plan. A closed case has no plan running. Pure.
 */

/** One finalised version of the decision for the child at one conference. */
export interface FinalisedDecision {
  conferenceId: string
  conferenceDate: IsoDate
  version: number
  plan: boolean
  categories: readonly string[]
}

export type PlanStatus =
  | { onPlan: true; since: IsoDate; categories: string[]; conferenceId: string }
  | { onPlan: false; lastDecidedOn: IsoDate | null }

export function planStatus(decisions: readonly FinalisedDecision[], caseOpen: boolean): PlanStatus {
  const current = new Map<string, FinalisedDecision>()
  for (const decision of decisions) {
    const held = current.get(decision.conferenceId)
    if (!held || decision.version > held.version) current.set(decision.conferenceId, decision)
  }
  const byDate = [...current.values()].sort((a, b) =>
    a.conferenceDate === b.conferenceDate
      ? a.conferenceId.localeCompare(b.conferenceId)
      : a.conferenceDate.localeCompare(b.conferenceDate),
  )
  const latest = byDate.at(-1)
  if (!latest?.plan || !caseOpen) return { onPlan: false, lastDecidedOn: latest?.conferenceDate ?? null }
  let first = latest
  for (let i = byDate.length - 2; i >= 0; i -= 1) {
    const earlier = byDate[i] as FinalisedDecision
    if (!earlier.plan) break
    first = earlier
  }
  return {
    onPlan: true,
    since: first.conferenceDate,
    categories: [...latest.categories],
    conferenceId: latest.conferenceId,
  }
}

/** '2026-05-12' as "12 May 2026". */
export function dayWords(date: IsoDate): string {
  const day = toDayNumber(date)
  return `${formatDayMonth(day)} ${toYmd(day).year}`
}

/** "neglect and emotional abuse" */
export function categoryWords(categories: readonly string[]): string {
  const names = categories.map((category) => CATEGORY_NAMES[category as Category] ?? category)
  if (names.length <= 1) return names[0] ?? 'no category recorded'
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** "On a child protection plan since 12 May 2026, category neglect." */
export function planWords(status: Extract<PlanStatus, { onPlan: true }>): string {
  const label = status.categories.length > 1 ? 'categories' : 'category'
  return `On a child protection plan since ${dayWords(status.since)}, ${label} ${categoryWords(status.categories)}.`
}
