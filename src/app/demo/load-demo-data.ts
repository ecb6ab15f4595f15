import argon2 from 'argon2'
import { appendAudit } from '../../db/audit.repository.ts'
import { insertDemoUsers, userIdByEmail } from '../../db/demo-user.repository.ts'
import { type AppDeps, councilProfile, inTransaction } from '../use-case.ts'
import { demoCalendar } from './demo-calendar.ts'
import type { DemoCaseLoaded, DemoCast, DemoContext } from './demo-context.ts'
import { addDemoPractitioners } from './demo-practitioners.ts'
import { DEMO_PASSWORD, DEMO_USERS, demoUser } from './demo-users.ts'
import { loadBeingConvened } from './scenario-being-convened.ts'
import { loadExclusion } from './scenario-exclusion.ts'
import { loadHeldSiblings } from './scenario-held-siblings.ts'
import { loadInquorate } from './scenario-inquorate.ts'
import { loadOtherFamilies } from './scenario-other-families.ts'
import { loadPreBirth } from './scenario-pre-birth.ts'
import { loadReadyToHold } from './scenario-ready-to-hold.ts'

/** What loading the demo did. */
export interface DemoLoaded {
  /** False when the demo data was there already: nothing was written. */
  loaded: boolean
  /** In a sentence, for people. */
  message: string
  /** The procedure the demo was loaded under (CONVENE_PROFILE). */
  profileId: string
  /** The demo accounts written (none when the demo was there already). */
  accounts: number
  /** The demo's families, in the order loaded (none when the demo was there already). */
  cases: DemoCaseLoaded[]
  /** How long loading took. */
  elapsedMs: number
}

/** The demo's families, each a function of the demo's context, in the order they are loaded. */
const SCENARIOS: readonly { name: string; load: (ctx: DemoContext) => Promise<DemoCaseLoaded[]> }[] = [
  { name: 'ready to hold', load: async (ctx) => [await loadReadyToHold(ctx)] },
  { name: 'held, two siblings', load: async (ctx) => [await loadHeldSiblings(ctx)] },
  { name: 'being convened', load: async (ctx) => [await loadBeingConvened(ctx)] },
  { name: 'inquorate', load: async (ctx) => [await loadInquorate(ctx)] },
  { name: 'pre-birth', load: async (ctx) => [await loadPreBirth(ctx)] },
  { name: 'exclusion', load: async (ctx) => [await loadExclusion(ctx)] },
  { name: 'other families', load: loadOtherFamilies },
]

/** The demo accounts, each with the one demo password (hashed once: each hash takes a tenth of a second). */
async function writeAccounts(deps: AppDeps): Promise<DemoCast> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id })
  const ids = await inTransaction(deps, async (trx) => {
    const written = await insertDemoUsers(
      trx,
      DEMO_USERS.map((user) => ({ ...user, passwordHash })),
    )
    await appendAudit(trx, {
      actor: { userId: null, label: 'system' },
      action: 'demo.accounts_created',
      subject: { type: 'user', id: null },
      after: { accounts: DEMO_USERS.map((user) => ({ email: user.email, roles: [...user.roles] })) },
    })
    return written
  })
  const cast = {} as DemoCast
  for (const user of DEMO_USERS) {
    const userId = ids.get(user.email)
    if (userId === undefined) throw new Error(`the demo account ${user.email} was not written`)
    cast[user.key] = { userId, name: user.displayName, roles: user.roles, email: user.email, account: user }
  }
  return cast
}

/**
 * Loads the demo: a fictional council's accounts (users.demo) and families in every state a
 * conference goes through, each step written through the real use-cases as the demo account that
 * would take it (so the audit records are real), with dates counted from today so that the demo is
 * current whenever it is loaded. Loads under any procedure profile: what differs between procedures
 * is read from the profile or told by the use-cases. Does nothing when the demo's administrator
 * account exists already.
 */
export async function loadDemoData(deps: AppDeps): Promise<DemoLoaded> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const existing = await userIdByEmail(deps.db, demoUser('admin').email)
  if (existing !== undefined)
    return {
      loaded: false,
      message: 'The demo data is already there: nothing was loaded.',
      profileId: deps.profileId,
      accounts: 0,
      cases: [],
      elapsedMs: elapsed(),
    }
  const ctx: DemoContext = {
    deps,
    cast: await writeAccounts(deps),
    calendar: demoCalendar(deps),
    profile: councilProfile(deps),
  }
  const cases: DemoCaseLoaded[] = []
  for (const scenario of SCENARIOS) {
    try {
      cases.push(...(await scenario.load(ctx)))
    } catch (error) {
      throw new Error(
        `The demo could not load its ${scenario.name} family under ${deps.profileId}: ${(error as Error).message}`,
        { cause: error },
      )
    }
  }
  await addDemoPractitioners(ctx)
  await inTransaction(deps, (trx) =>
    appendAudit(trx, {
      actor: { userId: null, label: 'system' },
      action: 'demo.data_loaded',
      subject: { type: 'case', id: null },
      after: {
        profileId: deps.profileId,
        cases: cases.map((loaded) => ({ reference: loaded.reference, scenario: loaded.scenario })),
      },
    }),
  )
  return {
    loaded: true,
    message: `Loaded the demo: ${DEMO_USERS.length} demo accounts and ${cases.length} fictional families, under the ${deps.profileId} procedure.`,
    profileId: deps.profileId,
    accounts: DEMO_USERS.length,
    cases,
    elapsedMs: elapsed(),
  }
}
