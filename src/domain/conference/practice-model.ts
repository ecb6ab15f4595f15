import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'

/**
 * The headings the meeting's notes are kept under: the practice model's, where the procedure names
 * one (G-APPROACH: Kent's Signs of Safety, York's outcome-focused SMART planning, Wakefield's
 * solution-focused meeting), or plain headings where it is silent, which are the service's own and
 * apply no rule. Pure.
 */

export interface PracticeHeading {
  id: string
  text: string
  hint?: string | undefined
  /** A scaling question: a whole number from min to max. */
  scale?: { min: number; max: number } | undefined
}

/** Headings for the notes where the procedure names no practice model. */
export const PLAIN_HEADINGS: readonly PracticeHeading[] = [
  { id: 'concerns', text: 'Concerns and risks' },
  { id: 'strengths', text: 'Strengths and what is going well' },
  { id: 'child_views', text: "The child's wishes and feelings" },
  { id: 'family_views', text: "The family's views" },
  { id: 'summary', text: 'Summary of the discussion' },
]

export interface PracticeModel {
  /** The model's name, or null where the procedure names none. */
  model: string | null
  says: string
  source: string | null
  note: string | null
  headings: readonly PracticeHeading[]
}

export function practiceModel(profile: Profile): PracticeModel {
  const entry = profile.rules['G-APPROACH']
  const params =
    entry && entry.status !== 'silent' ? (entry.params as RuleParamsById['G-APPROACH'] | null) : null
  if (!entry || !params)
    return {
      model: null,
      says:
        entry && entry.status !== 'silent'
          ? `${entry.rule} The profile lists no headings for it, so the notes use plain headings.`
          : 'The procedure names no practice model: the notes use plain headings.',
      source: entry?.source ?? null,
      note: null,
      headings: PLAIN_HEADINGS,
    }
  return {
    model: params.model,
    says: entry.rule,
    source: entry.source,
    note: params.note ?? null,
    headings: params.headings,
  }
}

/** A note under one heading: text, and for a scaling question a score. */
export interface PracticeNote {
  text?: string | undefined
  score?: number | undefined
}

export interface SavedPracticeNote {
  text: string | null
  score: number | null
  savedAt: string
  savedBy: string
}

export function practiceNoteIssues(profile: Profile, headingId: string, note: PracticeNote): Issue[] {
  const model = practiceModel(profile)
  const heading = model.headings.find((candidate) => candidate.id === headingId)
  if (!heading)
    return [
      {
        field: 'headingId',
        message: `"${headingId}" is not a heading here; the headings are ${model.headings.map((h) => h.id).join(', ')}`,
      },
    ]
  if (note.score === undefined) return []
  if (!heading.scale)
    return [{ field: 'score', message: `leave it out: "${heading.text}" is not a scaling question` }]
  if (note.score < heading.scale.min || note.score > heading.scale.max)
    return [
      {
        field: 'score',
        message: `must be a whole number from ${heading.scale.min} to ${heading.scale.max} (${model.model ?? 'scaling'})`,
      },
    ]
  return []
}
