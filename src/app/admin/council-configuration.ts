import type { Config } from '../../config.ts'
import { toDayNumber, toIsoDate } from '../../domain/calendar/iso-date.ts'
import { CONVENTIONS, type ConventionId } from '../../domain/procedure/conventions.ts'
import type { RuleStatus } from '../../domain/procedure/profile.ts'
import { type Actor, ROLE_NAMES, type Role } from '../actor.ts'
import { type AppDeps, councilProfile } from '../use-case.ts'
import { requireSystemAdministrator } from './account-change.ts'

/**
 * The council's configuration as the system administrator reads it, to check what the service runs
 * with: the procedure and every rule with its citation, the working-day calendar, demo mode, session
 * timeouts and the identity provider. Read only: it is changed by the settings the service starts
 * with (the environment variables the README lists), never here. The identity provider's client
 * secret is never part of it.
 */

/** The settings the view reads, as the service was started with them. */
export type CouncilSettings = Pick<
  Config,
  | 'councilName'
  | 'closureDays'
  | 'demo'
  | 'sessionIdleMinutes'
  | 'sessionAbsoluteHours'
  | 'oidc'
  | 'publicUrl'
>

export interface RuleInProcedure {
  id: string
  title: string
  status: RuleStatus
  /** The rule in the procedure's words, as the profile records it. */
  rule: string
  /** Where the procedure says it; null where the procedure is silent. */
  source: string | null
  /** The reading used where the text is ambiguous. */
  reading: string | null
}

/** A run of closure days, from one date to another (the same date for a single day). */
export interface ClosurePeriod {
  from: string
  to: string
  days: number
}

export interface CouncilConfiguration {
  councilName: string
  procedure: {
    id: string
    name: string
    document: string
    citationStyle: string
    coverage: string | null
    /** Counting conventions the council reads the other way from the default. */
    otherReadings: { id: ConventionId; title: string; reading: string }[]
    rules: RuleInProcedure[]
    counts: Record<RuleStatus, number>
  }
  closures: ClosurePeriod[]
  bankHolidays: { region: string; years: readonly number[]; through: string }
  demo: boolean
  sessions: { idleMinutes: number; absoluteHours: number }
  identityProvider: {
    issuer: string
    clientId: string
    groupsClaim: string
    groups: { group: string; role: string; roleName: string }[]
  } | null
  publicUrl: string
}

/** Closure days as runs of consecutive dates, in date order. */
export function closurePeriods(dates: readonly string[]): ClosurePeriod[] {
  const days = [...new Set(dates.map(toDayNumber))].sort((a, b) => a - b)
  const periods: ClosurePeriod[] = []
  let start: number | undefined
  let end = 0
  for (const day of days) {
    if (start !== undefined && day === end + 1) {
      end = day
      continue
    }
    if (start !== undefined)
      periods.push({ from: toIsoDate(start), to: toIsoDate(end), days: end - start + 1 })
    start = day
    end = day
  }
  if (start !== undefined) periods.push({ from: toIsoDate(start), to: toIsoDate(end), days: end - start + 1 })
  return periods
}

export function councilConfiguration(
  deps: AppDeps,
  actor: Actor,
  settings: CouncilSettings,
): CouncilConfiguration {
  requireSystemAdministrator(actor, 'see the council’s configuration')
  const profile = councilProfile(deps)
  const rules: RuleInProcedure[] = Object.entries(profile.rules).map(([id, entry]) => ({
    id,
    title: entry.title,
    status: entry.status,
    rule: entry.rule,
    source: entry.source,
    reading: entry.status === 'ambiguous' ? (entry.reading ?? null) : null,
  }))
  const counts: Record<RuleStatus, number> = { specified: 0, ambiguous: 0, silent: 0 }
  for (const rule of rules) counts[rule.status] += 1
  const otherReadings = (Object.entries(profile.readings) as [ConventionId, string][])
    .filter(([, reading]) => reading === 'other')
    .map(([id]) => ({ id, title: CONVENTIONS[id].title, reading: CONVENTIONS[id].other }))
  const calendar = deps.library.calendar
  const oidc = settings.oidc
  return {
    councilName: settings.councilName,
    procedure: {
      id: profile.id,
      name: profile.name,
      document: profile.document,
      citationStyle: profile.citation_style,
      coverage: profile.coverage ?? null,
      otherReadings,
      rules,
      counts,
    },
    closures: closurePeriods(settings.closureDays.map((day) => day.date)),
    bankHolidays: { region: calendar.region, years: calendar.years, through: calendar.holidaysThrough },
    demo: settings.demo,
    sessions: { idleMinutes: settings.sessionIdleMinutes, absoluteHours: settings.sessionAbsoluteHours },
    identityProvider: oidc
      ? {
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          groupsClaim: oidc.groupsClaim,
          groups: Object.entries(oidc.roleOfGroup).map(([group, role]) => ({
            group,
            role,
            roleName: ROLE_NAMES[role as Role] ?? role,
          })),
        }
      : null,
    publicUrl: settings.publicUrl,
  }
}
