import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { answerDeadlines } from '../../src/app/answer-deadlines.ts'
import type { NonWorkingDay } from '../../src/domain/calendar/working-calendar.ts'
import type { Deadline, DeadlineAnswer } from '../../src/domain/deadlines/answer.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from '../../src/procedure-library.ts'

/** The five shipped procedures, in the catalogue's order. */
export const PROFILE_IDS = ['kent_medway', 'wakefield', 'staffs_stoke', 'london', 'york'] as const
export type ProfileId = (typeof PROFILE_IDS)[number]

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures')

/** A library read as the server reads it, from an empty data folder of its own. */
export function makeLibrary(closureDays: readonly NonWorkingDay[] = []): ProcedureLibrary {
  const dataDir = mkdtempSync(join(tmpdir(), 'convene-engine-test-'))
  return loadProcedureLibrary({ dataDir, closureDays })
}

export const library = makeLibrary()

export interface CatalogueProfileEntry {
  status: 'specified' | 'ambiguous' | 'silent'
  rule: string
  source: string | null
  params?: Record<string, unknown> | null
}

export interface CatalogueRuleEntry {
  id: string
  title: string
  profiles: Record<ProfileId, CatalogueProfileEntry>
}

/** The rules catalogue, as copied into the fixtures (../shared/rules/rules.json). */
export const catalogue: { rules: CatalogueRuleEntry[] } = JSON.parse(
  readFileSync(join(FIXTURES, 'rules.json'), 'utf8'),
)

export function catalogueRule(id: string): CatalogueRuleEntry {
  const rule = catalogue.rules.find((r) => r.id === id)
  if (!rule) throw new Error(`no rule ${id} in the catalogue`)
  return rule
}

/** The profiles whose procedure the catalogue records as silent on a rule. */
export function silentProfiles(ruleId: string): ProfileId[] {
  const rule = catalogueRule(ruleId)
  return PROFILE_IDS.filter((id) => rule.profiles[id].status === 'silent')
}

/** Facts as the contract takes them; `events` and `children` may be left out. */
export type FactsInput = {
  events?: Record<string, unknown>[]
  children?: Record<string, unknown>[]
  attendees?: Record<string, unknown>[]
}

/** A case with an event for every anchor in the contract, so that every rule has something to count from. */
export const FULL_CASE: FactsInput = {
  events: [
    { type: 'strategy_discussion', date: '2026-03-02', initiated_s47: true },
    { type: 's47_start', date: '2026-03-03' },
    { type: 'epo', made: '2026-03-04', expires: '2026-03-11' },
    { type: 'child_moved', date: '2026-03-06' },
    { type: 'strategy_discussion', date: '2026-03-09', initiated_s47: false },
    { type: 'cao', concluded: '2026-03-10' },
    { type: 'transfer_notification', date: '2026-03-12' },
    { type: 'conference', kind: 'initial', date: '2026-03-16', start: '10:00', end: '10:20', quorate: false },
    { type: 'conference', kind: 'initial', date: '2026-03-23', start: '10:00', end: '11:30', plan: true },
    { type: 'core_group', date: '2026-03-23', notes_by: 'police' },
    { type: 'visit', date: '2026-04-01', seen_alone: true },
    { type: 'plan_received', date: '2026-04-02' },
    { type: 'record_received', date: '2026-04-10' },
    {
      type: 'conference',
      kind: 'pre_birth',
      date: '2026-04-15',
      start: '14:00',
      end: '15:30',
      extension_authorised: true,
    },
    { type: 'core_group', date: '2026-05-04' },
    { type: 'cin_plan', date: '2026-05-05', from: 'icpc' },
    { type: 'birth', date: '2026-06-01', child: 'baby' },
    {
      type: 'conference',
      kind: 'review',
      date: '2026-06-22',
      start: '10:00',
      end: '11:15',
      quorate: false,
      proceeded: true,
    },
    { type: 'cin_plan', date: '2026-07-01', from: 'review' },
  ],
  children: [
    { id: 'c1', dob: '2014-06-15' },
    { id: 'baby', edd: '2026-06-10' },
    { id: 'unborn', edd: '2026-10-05' },
  ],
  attendees: [
    { agency: 'childrens_social_care', role: 'professional', direct_contact_with_child: true },
    { agency: 'police', role: 'professional', direct_contact_with_child: true },
    { agency: 'school', role: 'professional', direct_contact_with_child: true },
  ],
}

/** The answer for facts under a profile, through the same use-case as the CLI and API. */
export function ask(profile: string, facts: FactsInput, lib: ProcedureLibrary = library): DeadlineAnswer {
  return answerDeadlines(lib, { profile, facts: { events: [], children: [], ...facts } })
}

export interface Selector {
  for?: string
  /** `null`: the base entry, with no variant. */
  variant?: string | null
}

/** The entries for a rule, filtered as the contract's checker filters them. */
export function entries(answer: DeadlineAnswer, rule: string, selector: Selector = {}): Deadline[] {
  return answer.deadlines.filter(
    (d) =>
      d.rule === rule &&
      (selector.for === undefined || d.for === selector.for) &&
      (selector.variant === undefined || (d.variant ?? null) === selector.variant),
  )
}

/** The single entry for a rule (and recipient and variant); fails when there is none or several. */
export function only(answer: DeadlineAnswer, rule: string, selector: Selector = {}): Deadline {
  const found = entries(answer, rule, selector)
  if (found.length !== 1)
    throw new Error(
      `expected one ${rule} ${JSON.stringify(selector)} entry, found ${found.length}: ${JSON.stringify(found)}`,
    )
  return found[0]!
}

export function hasDate(entry: Deadline): boolean {
  return [entry.date, entry.datetime, entry.start, entry.end].some((v) => v !== undefined && v !== '')
}

/** The date fields of an entry that are present, for comparing with a hand-worked answer. */
export function dates(
  entry: Deadline,
): Partial<Pick<Deadline, 'date' | 'datetime' | 'start' | 'end' | 'scheduling_aid' | 'kind'>> {
  const picked: Record<string, string> = { kind: entry.kind }
  for (const field of ['date', 'datetime', 'start', 'end', 'scheduling_aid'] as const) {
    const value = entry[field]
    if (value !== undefined) picked[field] = value
  }
  return picked
}

/** The rule's words in the profile, as an undated entry's `why` must quote them. */
export function ruleWords(profile: string, ruleId: string, lib: ProcedureLibrary = library): string {
  const entry = lib.profiles.get(profile)?.rules[ruleId]
  if (!entry) throw new Error(`${profile} has no rule ${ruleId}`)
  return entry.rule.trim().replace(/\.$/, '')
}

// ---- An independent working-day calendar, read straight from the shipped data file ----

const holidayFile: { events: { date: string; title: string }[] } = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', 'calendar', 'bank-holidays-england-and-wales.json'),
    'utf8',
  ),
)
export const BANK_HOLIDAYS: ReadonlySet<string> = new Set(holidayFile.events.map((e) => e.date))

const DAY_MS = 86_400_000

export function shiftDate(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

export function isWeekendDate(iso: string): boolean {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay()
  return dow === 0 || dow === 6
}

export function isWorkingDate(iso: string, closures: ReadonlySet<string> = new Set()): boolean {
  return !isWeekendDate(iso) && !BANK_HOLIDAYS.has(iso) && !closures.has(iso)
}

/** Working days in (from, to] when to is after from; in [to, from) when to is before from. */
export function workingDaysBetween(
  from: string,
  to: string,
  closures: ReadonlySet<string> = new Set(),
): number {
  let count = 0
  if (to > from) {
    for (let d = shiftDate(from, 1); d <= to; d = shiftDate(d, 1)) if (isWorkingDate(d, closures)) count += 1
  } else {
    for (let d = to; d < from; d = shiftDate(d, 1)) if (isWorkingDate(d, closures)) count += 1
  }
  return count
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** Checks an entry's citation against the catalogue: the profile's status and source for the rule. */
export function citedAsCatalogue(entry: Deadline, profile: ProfileId): { status: string; source: string } {
  const cat = catalogueRule(entry.rule).profiles[profile]
  return { status: cat.status, source: cat.source ?? '' }
}
