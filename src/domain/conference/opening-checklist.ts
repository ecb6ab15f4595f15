import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'

/**
 * The chair's checklist for running the meeting (CH-CONDUCT), item by item in the procedure's words,
 * with what the chair has ticked so far. Where the procedure is silent there is no checklist. Pure.
 */

export type ChecklistStage = 'before' | 'start' | 'during' | 'end'

export interface ChecklistItem {
  id: string
  text: string
  when: ChecklistStage
}

/** One item as saved in the meeting record. */
export interface SavedChecklistItem {
  done: boolean
  note: string | null
  savedAt: string
  savedBy: string
}

export interface OpeningChecklist {
  /** False where the procedure is silent on the chair's conduct of the meeting. */
  applies: boolean
  says: string
  source: string | null
  items: (ChecklistItem & { saved: SavedChecklistItem | null })[]
  done: number
  total: number
}

export function checklistItems(profile: Profile): ChecklistItem[] {
  const entry = profile.rules['CH-CONDUCT']
  if (!entry || entry.status === 'silent') return []
  return (entry.params as RuleParamsById['CH-CONDUCT'] | null)?.items ?? []
}

export function openingChecklist(
  profile: Profile,
  saved: Readonly<Record<string, SavedChecklistItem>>,
): OpeningChecklist {
  const entry = profile.rules['CH-CONDUCT']
  const applies = entry !== undefined && entry.status !== 'silent'
  const items = checklistItems(profile).map((item) => ({ ...item, saved: saved[item.id] ?? null }))
  return {
    applies,
    says: applies
      ? entry.rule
      : "The procedure is silent on the chair's conduct of the meeting: there is no checklist.",
    source: applies ? entry.source : null,
    items,
    done: items.filter((item) => item.saved?.done).length,
    total: items.length,
  }
}

export function checklistItemIssues(profile: Profile, itemId: string): Issue[] {
  const items = checklistItems(profile)
  if (items.length === 0)
    return [
      {
        field: 'itemId',
        message:
          "The procedure is silent on the chair's conduct of the meeting, so there is no checklist to tick",
      },
    ]
  if (!items.some((item) => item.id === itemId))
    return [
      {
        field: 'itemId',
        message: `"${itemId}" is not an item of the chair's checklist in this procedure (${profile.rules['CH-CONDUCT']?.source})`,
      },
    ]
  return []
}
