import type { Profile } from '../../domain/procedure/profile.ts'
import type { Actor } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'
import type { DemoCalendar } from './demo-calendar.ts'
import type { DemoUser, DemoUserKey } from './demo-users.ts'

/** A demo account as it acts: an Actor, with its account details. */
export interface DemoActor extends Actor {
  email: string
  account: DemoUser
}

/** Everyone in the demo who signs in, by key. */
export type DemoCast = Record<DemoUserKey, DemoActor>

/** What every demo scenario is given: the service's deps, the demo's people, its dates, the procedure in force. */
export interface DemoContext {
  deps: AppDeps
  cast: DemoCast
  calendar: DemoCalendar
  profile: Profile
}

/** One family of the demo as loaded: its case and conferences, and what state it shows. */
export interface DemoCaseLoaded {
  scenario: DemoScenario
  caseId: string
  reference: string
  familyName: string
  /** Its conferences, oldest first. */
  conferenceIds: string[]
  /** What the case shows, in a sentence. */
  summary: string
}

export type DemoScenario =
  | 'being_convened'
  | 'ready_to_hold'
  | 'held_siblings'
  | 'inquorate'
  | 'pre_birth'
  | 'exclusion'
  | 'awaiting_decision'
  | 'request_declined'
  | 'enquiry_started'
