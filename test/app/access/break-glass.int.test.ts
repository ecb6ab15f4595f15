import { sql } from 'kysely'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  breakGlass,
  breakGlassOffer,
  breakGlassReviews,
  reviewBreakGlassAccess,
} from '../../../src/app/access/break-glass.ts'
import { BreakGlassOffered, requireCaseAccess } from '../../../src/app/access/case-access.ts'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { Conflict, Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import { useTestDatabase } from '../../support/database.ts'
import { type MadeCase, makeCase, makeDeps, makeUser, type TestUser } from '../../support/factories.ts'
import { fieldsOf } from '../../support/refusals.ts'

/**
 * Break glass: a team manager opens a case they have no relationship to only by recording why; the
 * grant is audited, flagged until another manager reviews it, and runs out.
 */

const database = useTestDatabase()
const db = () => database.db
const NOW = '2026-05-01T09:00:00Z'
const deps = (now = NOW) => makeDeps(db(), 'london', now)

let family: MadeCase
let manager: TestUser
let reviewer: TestUser
let worker: TestUser

beforeAll(async () => {
  manager = await makeUser(db(), 'team_manager', { name: 'Mo Manager', team: 'Assessment Team South' })
  reviewer = await makeUser(db(), 'team_manager', { name: 'Rae Reviewer', team: 'Assessment Team East' })
  worker = await makeUser(db(), 'social_worker')
  family = await makeCase(db(), { familyName: 'Brook', team: 'Assessment Team North' })
})

const grants = () => db().selectFrom('break_glass_access').selectAll().orderBy('granted_at').execute()

describe('opening a case with a recorded reason', () => {
  test('the reason is required: without it nothing is written and the manager is still refused', async () => {
    await expect(breakGlassOffer(deps(), manager, family.id)).resolves.toEqual({ caseId: family.id })
    const before = await grants()
    const error = await breakGlass(deps(), manager, { caseId: family.id, reason: '   ' }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ValidationFailed)
    expect(fieldsOf(error)).toEqual(['reason'])
    expect((error as ValidationFailed).issues[0]?.message).toBe('Enter why you need to open this case')
    expect(await grants()).toEqual(before)
    await expect(caseSummary(deps(), manager, family.id)).rejects.toBeInstanceOf(BreakGlassOffered)
  })

  test('only a team manager may break glass', async () => {
    await expect(breakGlassOffer(deps(), worker, family.id)).rejects.toBeInstanceOf(Forbidden)
    await expect(
      breakGlass(deps(), worker, { caseId: family.id, reason: 'I want to look' }),
    ).rejects.toBeInstanceOf(Forbidden)
  })

  test('with a reason the grant is recorded, audited, flagged, and lets the manager in until it runs out', async () => {
    const answer = await breakGlass(
      deps(),
      { ...manager, fromAddress: '192.0.2.9' },
      {
        caseId: family.id,
        reason: 'The allocated worker is away and the police asked about Finn this morning',
      },
    )
    expect(answer.grant).toMatchObject({
      userId: manager.userId,
      caseId: family.id,
      reason: 'The allocated worker is away and the police asked about Finn this morning',
      grantedAt: new Date(NOW),
      expiresAt: new Date('2026-05-01T13:00:00Z'),
      fromAddress: '192.0.2.9',
      review: null,
    })
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', answer.grant!.id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      action: 'case.break_glass',
      subject_type: 'break_glass_access',
      case_id: family.id,
      actor_user_id: manager.userId,
      after: {
        reason: 'The allocated worker is away and the police asked about Finn this morning',
        flagged: true,
        expiresAt: '2026-05-01T13:00:00.000Z',
      },
    })
    const logged = await db()
      .selectFrom('access_log')
      .select('action')
      .where('actor_user_id', '=', manager.userId)
      .where('case_id', '=', family.id)
      .execute()
    expect(logged.map((entry) => entry.action)).toContain('case.break_glass')

    const summary = await caseSummary(deps('2026-05-01T12:59:00Z'), manager, family.id)
    expect(summary.access.relationships).toEqual(['break_glass'])
    expect(summary.access.breakGlassUntil).toEqual(new Date('2026-05-01T13:00:00Z'))
    // Flagged until reviewed.
    const reviews = await breakGlassReviews(deps(), reviewer)
    expect(reviews.unreviewed.map((grant) => [grant.userName, grant.caseReference, grant.reason])).toEqual([
      [
        'Mo Manager',
        family.reference,
        'The allocated worker is away and the police asked about Finn this morning',
      ],
    ])
    // Run out: refused again, and offered break glass again.
    await expect(caseSummary(deps('2026-05-01T13:00:00Z'), manager, family.id)).rejects.toBeInstanceOf(
      BreakGlassOffered,
    )
    // Another manager is not let in by someone else's grant.
    await expect(
      requireCaseAccess(db(), reviewer, family.id, 'see a case', new Date('2026-05-01T10:00:00Z')),
    ).rejects.toBeInstanceOf(BreakGlassOffered)
  })

  test('a manager who already has a relationship is let in without a grant', async () => {
    const own = await makeCase(db(), { familyName: 'Own', teamManagerId: manager.userId })
    const before = await grants()
    expect(await breakGlass(deps(), manager, { caseId: own.id, reason: 'Checking' })).toEqual({
      caseId: own.id,
      grant: null,
    })
    expect(await grants()).toEqual(before)
  })
})

describe('reviewing break-glass access', () => {
  test('another manager marks it reviewed with a note; it is audited and no longer flagged', async () => {
    const { grant } = await breakGlass(deps('2026-05-01T14:00:00Z'), manager, {
      caseId: family.id,
      reason: 'Out of hours call',
    })
    const id = grant!.id
    await expect(reviewBreakGlassAccess(deps(), manager, { grantId: id, note: 'Fine' })).rejects.toThrow(
      new Forbidden('You cannot review your own break-glass access: another manager reviews it.'),
    )
    const noNote = await reviewBreakGlassAccess(deps(), reviewer, { grantId: id, note: '' }).catch(
      (caught: unknown) => caught,
    )
    expect(fieldsOf(noNote)).toEqual(['note'])
    await expect(
      reviewBreakGlassAccess(deps(), worker, { grantId: id, note: 'Fine' }),
    ).rejects.toBeInstanceOf(Forbidden)

    const reviewed = await reviewBreakGlassAccess(deps('2026-05-02T08:00:00Z'), reviewer, {
      grantId: id,
      note: 'Spoke to Mo: the police call was logged. Sound reason.',
    })
    expect(reviewed.review).toEqual({
      by: reviewer.userId,
      at: new Date('2026-05-02T08:00:00Z'),
      note: 'Spoke to Mo: the police call was logged. Sound reason.',
    })
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', id)
      .where('action', '=', 'break_glass.reviewed')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_user_id: reviewer.userId, case_id: family.id })
    const reviews = await breakGlassReviews(deps(), reviewer)
    expect(reviews.unreviewed.map((one) => one.id)).not.toContain(id)
    expect(reviews.reviewed.find((one) => one.id === id)).toMatchObject({ reviewerName: 'Rae Reviewer' })
    await expect(
      reviewBreakGlassAccess(deps(), reviewer, { grantId: id, note: 'Again' }),
    ).rejects.toBeInstanceOf(Conflict)
  })

  test('the database keeps a grant as recorded: only its review is written, once', async () => {
    const { grant } = await breakGlass(deps('2026-05-01T19:00:00Z'), manager, {
      caseId: family.id,
      reason: 'Weekend duty',
    })
    await expect(
      sql`UPDATE break_glass_access SET reason = 'Changed' WHERE id = ${grant!.id}`.execute(db()),
    ).rejects.toThrow(/break_glass_access: UPDATE of grant .* is refused/)
    await expect(db().deleteFrom('break_glass_access').where('id', '=', grant!.id).execute()).rejects.toThrow(
      /break_glass_access: DELETE of grant .* is refused/,
    )
  })
})
