import type { IsoDate } from '../calendar/iso-date.ts'

/** The engine's answer, exactly as ../shared/contracts/deadlines.md fixes it. */

export type DeadlineKind = 'latest' | 'earliest' | 'on' | 'window' | 'latest_time' | 'on_time'
export type Recipient =
  | 'family'
  | 'chair'
  | 'attendees'
  | 'admin'
  | 'agencies'
  | 'social_worker'
  | 'core_group'
export type Variant = 'exceptional' | 'extended' | 'national'

export interface Anchor {
  type: string
  date: IsoDate
  /** The conference kind, where the anchor is a conference. */
  kind?: string
  /** The child, where the anchor is about one child (an expected date of delivery, a birth). */
  child?: string
  /** HH:MM, where an hour limit counts from a time. */
  time?: string
}

export interface Deadline {
  rule: string
  title: string
  for?: Recipient
  variant?: Variant
  kind: DeadlineKind
  date?: IsoDate
  datetime?: string
  start?: IsoDate
  end?: IsoDate
  scheduling_aid?: IsoDate
  anchor: Anchor
  why: string
  status: 'specified' | 'ambiguous'
  source: string
  conventions: string[]
}

export interface QuorumAnswer {
  quorate: boolean | null
  counted: string[]
  missing: string[]
  why: string
  source: string | null
}

export type Participation =
  | 'do_not_invite_guiding_principle'
  | 'individual_assessment_may_invite'
  | 'presumed_not_direct_participant_rebuttable'
  | 'offer_opportunity_rebuttable'
  | 'individual_assessment'
  | 'invite_unless_reasons'

export interface ChildAnswer {
  id: string
  age: number
  participation: Participation
  why: string
}

export interface DeadlineAnswer {
  profile: string
  calendar: { region: string; holidays_through: IsoDate }
  deadlines: Deadline[]
  silent: string[]
  quorum?: QuorumAnswer
  children?: ChildAnswer[]
}
