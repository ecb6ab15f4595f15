import { beforeAll, describe, expect, test } from 'vitest'
import { authoriseDelay } from '../../../src/app/convening/authorise-delay.ts'
import { Conflict, Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import {
  type MadeConference,
  makeConference,
  makeDeps,
  makeStrategyDiscussion,
} from '../../support/factories.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { socialWorker: worker, manager } = useConferenceTeam(database, {
  socialWorker: { name: 'Sam Okafor' },
  manager: { name: 'Priya Shah' },
})

/** The case of each conference is allocated to the worker and their manager. */
const allocated = { socialWorkerId: worker.userId, teamManagerId: manager.userId }

let late: MadeConference

beforeAll(async () => {
  late = await makeConference(database.db, { kind: 'initial', date: '2026-05-20', case: allocated })
  await makeStrategyDiscussion(database.db, late.caseId, '2026-04-20', true)
})

const plan = 'Mother and children stay with maternal grandmother; daily contact from the social worker'

describe('authoriseDelay (T-ICPC-DELAY)', () => {
  test('[rule:T-ICPC-DELAY@kent_medway] refuses a late conference without an interim safety plan in Kent, and writes nothing', async () => {
    const error = await refused(() =>
      authoriseDelay(makeDeps(database.db, 'kent_medway'), manager, {
        conferenceId: late.id,
        reason: 'Medical assessment not complete',
        whoWasTold: ['Kent Police', 'School'],
      }),
    )
    expect(error).toBeInstanceOf(ValidationFailed)
    expect((error as ValidationFailed).issues).toEqual([
      {
        field: 'interimSafetyPlan',
        message: expect.stringContaining('Kent timescale box; §3: an interim safety plan'),
      },
    ])
  })

  test('[rule:T-ICPC-DELAY@kent_medway] Kent needs a manager’s written authorisation: a social worker is refused', async () => {
    const error = await refused(() =>
      authoriseDelay(makeDeps(database.db, 'kent_medway'), worker, {
        conferenceId: late.id,
        reason: 'Medical assessment not complete',
        interimSafetyPlan: plan,
        whoWasTold: ['Kent Police'],
      }),
    )
    expect(error).toBeInstanceOf(Forbidden)
    expect(error.message).toContain('written authorisation')
  })

  test('[rule:T-ICPC-DELAY@kent_medway] Kent needs the agencies told', async () => {
    const error = await refused(() =>
      authoriseDelay(makeDeps(database.db, 'kent_medway'), manager, {
        conferenceId: late.id,
        reason: 'Medical assessment not complete',
        interimSafetyPlan: plan,
      }),
    )
    expect((error as ValidationFailed).issues.map((issue) => issue.field)).toEqual(['whoWasTold'])
  })

  test('[rule:T-ICPC-DELAY@kent_medway] a team manager authorises in writing, with the plan, who was told, and the limit missed', async () => {
    const result = await authoriseDelay(makeDeps(database.db, 'kent_medway'), manager, {
      conferenceId: late.id,
      reason: 'Medical assessment not complete',
      interimSafetyPlan: plan,
      whoWasTold: ['Kent Police: DS Rivers', 'Oak Primary School: DSL'],
    })
    expect(result.requirements).toEqual({
      writtenAuthorisation: true,
      reportToManager: false,
      interimPlan: true,
      agenciesTold: true,
      silent: false,
    })
    expect(result.delay).toMatchObject({
      reason: 'Medical assessment not complete',
      interimSafetyPlan: plan,
      whoWasTold: ['Kent Police: DS Rivers', 'Oak Primary School: DSL'],
      authorisedInWriting: true,
      recordedBy: { userId: manager.userId, name: 'Priya Shah' },
      due: { rule: 'T-ICPC-DUE', date: '2026-05-12', late: true },
    })
    const stored = await database.db
      .selectFrom('conferences')
      .select('delay')
      .where('id', '=', late.id)
      .executeTakeFirstOrThrow()
    expect(stored.delay).toMatchObject({ reason: 'Medical assessment not complete', interimSafetyPlan: plan })
    const audit = await auditRecord(database.db, late.id, 'conference.delay_authorised')
    expect(audit.after).toMatchObject({ delay: { reason: 'Medical assessment not complete' } })
  })

  test('[rule:T-ICPC-DELAY@london] London: a delay reported to a manager, who is named; no interim plan demanded', async () => {
    const conference = await makeConference(database.db, {
      kind: 'initial',
      date: '2026-05-20',
      case: allocated,
    })
    const error = await refused(() =>
      authoriseDelay(makeDeps(database.db, 'london'), worker, {
        conferenceId: conference.id,
        reason: 'Police interviews pending',
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'reportedTo', message: expect.stringContaining('London 8.1.10') },
    ])
    const result = await authoriseDelay(makeDeps(database.db, 'london'), worker, {
      conferenceId: conference.id,
      reason: 'Police interviews pending',
      reportedTo: 'Priya Shah, team manager',
    })
    expect(result.delay).toMatchObject({ reportedTo: 'Priya Shah, team manager', interimSafetyPlan: null })
    expect(result.procedure).toMatchObject({ status: 'specified', source: 'London 8.1.10' })
  })

  test('[rule:T-ICPC-DELAY@york] where the procedure is silent, what is given is recorded and the answer says so', async () => {
    const conference = await makeConference(database.db, {
      kind: 'initial',
      date: '2026-05-20',
      case: allocated,
    })
    const result = await authoriseDelay(makeDeps(database.db, 'york'), worker, {
      conferenceId: conference.id,
      reason: 'Chair unavailable',
    })
    expect(result.requirements.silent).toBe(true)
    expect(result.procedure.status).toBe('silent')
    expect(result.procedure.says).toMatch(/The procedure is silent/)
    expect(result.delay).toMatchObject({
      reason: 'Chair unavailable',
      whoWasTold: [],
      authorisedInWriting: false,
    })
  })

  test('refuses a delay without a reason, and a delay to a review conference', async () => {
    const missing = await refused(() =>
      authoriseDelay(makeDeps(database.db, 'york'), worker, { conferenceId: late.id }),
    )
    expect((missing as ValidationFailed).issues).toEqual([{ field: 'reason', message: 'is required' }])
    const review = await makeConference(database.db, { kind: 'review', date: '2026-06-20', case: allocated })
    const conflict = await refused(() =>
      authoriseDelay(makeDeps(database.db, 'york'), worker, { conferenceId: review.id, reason: 'Chair ill' }),
    )
    expect(conflict).toBeInstanceOf(Conflict)
  })
})
