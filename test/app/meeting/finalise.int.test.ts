import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { Conflict, ValidationFailed } from '../../../src/app/errors.ts'
import { finaliseConference } from '../../../src/app/meeting/finalise-conference.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { proceedInquorate } from '../../../src/app/meeting/quorum.ts'
import { recordAttendance } from '../../../src/app/meeting/record-attendance.ts'
import { correctDecision, recordDecision } from '../../../src/app/meeting/record-decision.ts'
import { finaliseIssues } from '../../../src/domain/conference/decision-rules.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import { bookFamilyConference, RIVERS } from '../../support/families.ts'
import {
  chairedConference,
  childInNeedDecision,
  DURING_MEETING,
  INQUORATE,
  planDecision,
  QUORATE,
  refusedWithMeetingUnchanged,
  snapshot,
} from '../../support/meeting-fixtures.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const depsFor = (profileId: string) => makeDeps(database.db, profileId, DURING_MEETING)

/** A plan decision's threshold where the child has suffered significant harm. */
const SUFFERED = { threshold: { met: true, limb: 'suffered' } }

/**
 * A meeting about the Rivers siblings, with `attendees` recorded, under `profileId`, and the chair's
 * decisions in it: `plan` records that a child needs a plan; `decideBoth` that Ada needs one (with
 * `adaOverrides`) and Ben a child in need plan, and answers Ada's decision.
 */
async function siblingsMeeting(profileId: string, attendees = QUORATE) {
  const chair = await makeUser(database.db, 'chair', { name: 'Morgan Ellis' })
  const { conference, ada, ben, cara } = await bookFamilyConference(database.db, RIVERS, {
    chairId: chair.userId,
  })
  const deps = depsFor(profileId)
  await recordAttendance(deps, chair, { conferenceId: conference.id, attendees })
  const plan = (childId: string, overrides: Record<string, unknown> = {}) =>
    recordDecision(deps, chair, planDecision(conference.id, childId, overrides))
  const decideBoth = async (adaOverrides: Record<string, unknown> = {}) => {
    const adaDecision = await plan(ada, adaOverrides)
    await recordDecision(deps, chair, childInNeedDecision(conference.id, ben))
    return adaDecision
  }
  return { chair, conference, ada, ben, cara, plan, decideBoth }
}

describe('finalising the conference', () => {
  test('[rule:D-PER-CHILD] [rule:D-NO-PLAN@london] two siblings with different outcomes: both decisions are fixed and the conference is finalised', async () => {
    const { chair, conference, decideBoth } = await siblingsMeeting('london')
    const deps = depsFor('london')
    await decideBoth({ firstCoreGroup: { date: '2026-05-20' } })
    const finalised = await finaliseConference(deps, chair, { conferenceId: conference.id })
    expect(finalised.finalisedAt).toEqual(new Date(DURING_MEETING))
    expect(
      finalised.decisions
        .map((decision) => [decision.childName, decision.plan, decision.categories, decision.childInNeedPlan])
        .sort(),
    ).toEqual([
      ['Ada Rivers', true, ['neglect'], false],
      ['Ben Rivers', false, [], true],
    ])
    const row = await database.db
      .selectFrom('conferences')
      .select(['status', 'finalised_at', 'finalised_by'])
      .where('id', '=', conference.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'finalised',
      finalised_at: new Date(DURING_MEETING),
      finalised_by: chair.userId,
    })
    const decisions = await database.db
      .selectFrom('decisions')
      .select('finalised_at')
      .where('conference_id', '=', conference.id)
      .execute()
    expect(decisions).toEqual([
      { finalised_at: new Date(DURING_MEETING) },
      { finalised_at: new Date(DURING_MEETING) },
    ])
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('subject_id', '=', conference.id)
      .where('action', '=', 'conference.finalised')
      .execute()
    expect(audit).toEqual([{ action: 'conference.finalised', actor_user_id: chair.userId }])
  })

  test('[rule:D-PER-CHILD@london,kent_medway,york,wakefield,staffs_stoke] refused while a subject child has no decision, naming the child; nothing is written', async () => {
    for (const profileId of ['london', 'kent_medway', 'york', 'wakefield', 'staffs_stoke']) {
      const { chair, conference, ada, ben, plan } = await siblingsMeeting(profileId)
      await plan(ada, SUFFERED)
      const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        finaliseConference(depsFor(profileId), chair, {
          conferenceId: conference.id,
        }),
      )
      expect(refusal, profileId).toBeInstanceOf(ValidationFailed)
      expect((refusal as ValidationFailed).issues).toEqual([
        {
          field: `decisions.${ben}`,
          message: expect.stringMatching(
            /^No decision is recorded for Ben Rivers: each subject child needs one/,
          ),
        },
      ])
    }
  })

  test('[rule:Q-EXCEPTION@london,kent_medway,york] refused while the meeting is not quorate and the procedure’s conditions are not confirmed', async () => {
    for (const profileId of ['london', 'kent_medway', 'york']) {
      const { chair, conference, decideBoth } = await siblingsMeeting(profileId, INQUORATE)
      const deps = depsFor(profileId)
      await decideBoth(SUFFERED)
      const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        finaliseConference(deps, chair, { conferenceId: conference.id }),
      )
      expect(fieldsOf(refusal), profileId).toEqual(['quorum'])
      expect((refusal as ValidationFailed).issues[0]?.message).toMatch(
        /^The meeting is not quorate \(Not quorate: .*\) and the chair has not confirmed the procedure's conditions for going ahead without a quorum \(.+\)$/,
      )
      await proceedInquorate(deps, chair, {
        conferenceId: conference.id,
        conditions: {
          few_agencies_involved: { met: true },
          sufficient_information: { met: true },
          delay_harmful: { met: true },
        },
        ...(profileId === 'kent_medway' ? {} : { earlyReviewOn: '2026-06-16' }),
      })
      const finalised = await finaliseConference(deps, chair, { conferenceId: conference.id })
      expect(finalised.quorum.quorate).toBe(false)
    }
  })

  test('[rule:Q-MIN@wakefield,staffs_stoke] where the procedure sets no quorum, finalising does not ask for one', async () => {
    for (const profileId of ['wakefield', 'staffs_stoke']) {
      const { chair, conference, decideBoth } = await siblingsMeeting(profileId, INQUORATE)
      const deps = depsFor(profileId)
      await decideBoth(SUFFERED)
      await expect(finaliseConference(deps, chair, { conferenceId: conference.id })).resolves.toMatchObject({
        quorum: { quorate: null },
      })
    }
  })

  test('[rule:D-CATEGORY] a plan without a category can never be finalised: the database refuses the row, and finalising checks again', async () => {
    const { conference, ada, ben } = await siblingsMeeting('london')
    const before = await snapshot(database.db, conference.id)
    await expect(
      sql`INSERT INTO decisions (conference_id, child_id, threshold_met, plan, decided_by)
          VALUES (${conference.id}, ${ada}, true, true, 'chair')`.execute(database.db),
    ).rejects.toThrow(/decisions_plan_has_category/)
    expect(await snapshot(database.db, conference.id)).toEqual(before)
    const profile = depsFor('london').library.profiles.get('london')!
    const issues = finaliseIssues({
      profile,
      children: [
        { id: ada, name: 'Ada Rivers' },
        { id: ben, name: 'Ben Rivers' },
      ],
      decisions: [
        { childId: ada, plan: true, categories: [] },
        { childId: ben, plan: false, categories: [] },
      ],
      quorum: { quorate: true, counted: [], missing: [], why: 'Quorate.', source: null },
      inquorate: null,
    })
    expect(issues).toEqual([
      {
        field: `decisions.${ada}.categories`,
        message: "Ada Rivers's child protection plan has no category (London 8.10.9)",
      },
    ])
  })

  test('an adjourned meeting, or one before its day, is not finalised', async () => {
    const { chair, conference, decideBoth } = await siblingsMeeting('york')
    await decideBoth()
    const early = makeDeps(database.db, 'york', '2026-05-11T16:00:00Z')
    await expect(finaliseConference(early, chair, { conferenceId: conference.id })).rejects.toThrow(
      new Conflict('The conference is on Tuesday 12 May 2026; it cannot be finalised before it is held.'),
    )
    await database.db
      .updateTable('conferences')
      .set({ status: 'adjourned' })
      .where('id', '=', conference.id)
      .execute()
    await expect(
      finaliseConference(depsFor('york'), chair, { conferenceId: conference.id }),
    ).rejects.toBeInstanceOf(Conflict)
  })
})

describe('after finalising', () => {
  /** A finalised conference about two siblings, under London's procedure. */
  async function finalisedMeeting() {
    const meeting = await siblingsMeeting('london')
    const ada = await meeting.decideBoth()
    await finaliseConference(depsFor('london'), meeting.chair, { conferenceId: meeting.conference.id })
    return { ...meeting, adaDecisionId: ada.decision.id }
  }

  test('the database refuses to change a finalised decision, or its plan, and the rows stay as they were', async () => {
    const { conference, adaDecisionId } = await finalisedMeeting()
    const before = await snapshot(database.db, conference.id)
    await expect(
      sql`UPDATE decisions SET categories = ARRAY['physical'] WHERE id = ${adaDecisionId}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/is finalised and cannot be changed; record a correction as a new version/)
    await expect(sql`DELETE FROM decisions WHERE id = ${adaDecisionId}`.execute(database.db)).rejects.toThrow(
      /is finalised/,
    )
    await expect(
      sql`UPDATE plan_actions SET owner = 'Nobody' WHERE decision_id = ${adaDecisionId}`.execute(database.db),
    ).rejects.toThrow(/the decision is finalised/)
    await expect(
      sql`INSERT INTO core_group_members (conference_id, decision_id, name) VALUES (${conference.id}, ${adaDecisionId}, 'Extra')`.execute(
        database.db,
      ),
    ).rejects.toThrow(/the decision is finalised/)
    expect(await snapshot(database.db, conference.id)).toEqual(before)
    const row = await database.db
      .selectFrom('decisions')
      .select('categories')
      .where('id', '=', adaDecisionId)
      .executeTakeFirstOrThrow()
    expect(row.categories).toEqual(['neglect'])
  })

  test('recording the decision again is refused: a finalised decision is corrected instead', async () => {
    const { chair, conference, ada } = await finalisedMeeting()
    expect(
      await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        recordDecision(depsFor('london'), chair, planDecision(conference.id, ada)),
      ),
    ).toBeInstanceOf(Conflict)
  })

  test('a correction is a new version that keeps the old one, with who and why, and is audited', async () => {
    // The chair named on the conference corrects their own decision.
    const { conference, ada, adaDecisionId, chair: corrector } = await finalisedMeeting()
    const oldRow = await database.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', adaDecisionId)
      .executeTakeFirstOrThrow()
    const answer = await correctDecision(depsFor('london'), corrector, {
      ...planDecision(conference.id, ada, { categories: ['physical'] }),
      supersedesId: adaDecisionId,
      correctionReason: 'The category was typed wrongly: the conference agreed physical abuse.',
    })
    expect(answer.decision).toMatchObject({
      version: 2,
      supersedesId: adaDecisionId,
      correctionReason: 'The category was typed wrongly: the conference agreed physical abuse.',
      categories: ['physical'],
      recordedBy: { id: corrector.userId, name: 'Morgan Ellis' },
      finalisedAt: new Date(DURING_MEETING),
    })
    expect(
      await database.db
        .selectFrom('decisions')
        .selectAll()
        .where('id', '=', adaDecisionId)
        .executeTakeFirstOrThrow(),
    ).toEqual(oldRow)
    const actions = await database.db
      .selectFrom('plan_actions')
      .select(['decision_id', 'action'])
      .where('child_id', '=', ada)
      .orderBy('decision_id')
      .execute()
    expect(actions.map((action) => action.decision_id).sort()).toEqual(
      [adaDecisionId, answer.decision.id].sort(),
    )
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'before', 'after'])
      .where('subject_id', '=', answer.decision.id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      action: 'decision.corrected',
      actor_user_id: corrector.userId,
      before: { id: adaDecisionId, categories: ['neglect'] },
      after: {
        id: answer.decision.id,
        categories: ['physical'],
        correctionReason: expect.stringMatching(/typed wrongly/),
      },
    })
    const record = await meetingRecord(depsFor('london'), corrector, { conferenceId: conference.id })
    const adas = record.decisions.find((entry) => entry.child.id === ada)
    expect(adas?.current?.version).toBe(2)
    expect(adas?.earlier.map((decision) => [decision.version, decision.categories])).toEqual([
      [1, ['neglect']],
    ])
  })

  test('a correction must correct the latest version and give its reason; before finalising there is nothing to correct', async () => {
    const { chair, conference, ada, adaDecisionId } = await finalisedMeeting()
    const correction = {
      ...planDecision(conference.id, ada, { categories: ['emotional'] }),
      supersedesId: adaDecisionId,
      correctionReason: 'Emotional abuse is the primary concern.',
    }
    await correctDecision(depsFor('london'), chair, correction)
    const before = await snapshot(database.db, conference.id)
    await expect(correctDecision(depsFor('london'), chair, correction)).rejects.toThrow(
      /The decision has been corrected since \(version 2\)/,
    )
    const noReason = await correctDecision(depsFor('london'), chair, {
      ...correction,
      correctionReason: ' ',
    }).catch((error: unknown) => error)
    expect(fieldsOf(noReason)).toEqual(['correctionReason'])
    const twoCategories = await correctDecision(depsFor('london'), chair, {
      ...correction,
      categories: ['emotional', 'physical'],
    }).catch((error: unknown) => error)
    expect(fieldsOf(twoCategories)).toEqual(['categories'])
    expect(await snapshot(database.db, conference.id)).toEqual(before)

    const open = await siblingsMeeting('london')
    const draft = await open.plan(open.ada)
    await expect(
      correctDecision(depsFor('london'), open.chair, {
        ...planDecision(open.conference.id, open.ada),
        supersedesId: draft.decision.id,
        correctionReason: 'Changed my mind.',
      }),
    ).rejects.toThrow(
      new Conflict(
        'The conference is not finalised yet: record the decision again instead of correcting it.',
      ),
    )
  })
})

describe('the meeting record ("check your answers")', () => {
  test('[rule:D-PER-CHILD@london] it shows what is recorded, what stops finalising and what the procedure still expects', async () => {
    const { chair, conference, ada, ben, cara, plan } = await siblingsMeeting('london', INQUORATE)
    const deps = depsFor('london')
    await plan(ada, SUFFERED)
    const record = await meetingRecord(deps, chair, { conferenceId: conference.id })
    expect(record.children.map((child) => child.name)).toEqual(['Ada Rivers', 'Ben Rivers'])
    expect(record.otherChildren).toEqual([
      { id: cara, name: 'Cara Rivers', notSubjectReason: 'Lives with her grandmother' },
    ])
    expect(record.attendance).toHaveLength(3)
    expect(record.quorum.now.quorate).toBe(false)
    expect(record.quorum.whenInquorate?.proceed.conditions).toHaveLength(3)
    expect(record.canFinalise).toBe(false)
    expect(record.missing.map((issue) => issue.field)).toEqual([`decisions.${ben}`, 'quorum'])
    const toCheck = record.toCheck
      .map((issue) => issue.field)
      .filter((field) => field.startsWith('decisions.'))
    expect(toCheck).toEqual([
      `decisions.${ada}.outlinePlan.sections.outcomes`,
      `decisions.${ada}.outlinePlan.sections.services`,
      `decisions.${ada}.outlinePlan.sections.core_assessment`,
      `decisions.${ada}.outlinePlan.sections.specialist_assessments`,
      `decisions.${ada}.outlinePlan.sections.roles_and_contact`,
      `decisions.${ada}.outlinePlan.sections.family_involvement`,
      `decisions.${ada}.outlinePlan.sections.what_must_change`,
      `decisions.${ada}.outlinePlan.sections.review_points`,
      `decisions.${ada}.outlinePlan.sections.contingency`,
      `decisions.${ada}.outlinePlan.sections.early_review`,
      `decisions.${ada}.leadSocialWorkerId`,
      `decisions.${ada}.firstCoreGroup`,
      `decisions.${ada}.firstReview`,
    ])
    expect(record.toCheck.find((issue) => issue.field === `decisions.${ada}.firstCoreGroup`)?.message).toBe(
      "The date of Ada Rivers's first core group is not set: it is due by Wednesday 27 May 2026 (London 8.9.7)",
    )
    expect(record.rules.category).toMatchObject({ allowMultiple: 'no', source: 'London 8.10.9' })
    expect(record.rules.threshold.question).toBe('Is the child at continuing risk of significant harm?')
    expect(record.decisions.map((entry) => entry.dateLimits.firstReview.latest)).toEqual([
      '2026-08-12',
      '2026-08-12',
    ])
  })

  test('[rule:CG-REMIT@london,kent_medway,york,wakefield] the core group is kept with each plan, its remit shown, and a plan without one is flagged', async () => {
    const remits: Record<string, string | null> = {}
    for (const profileId of ['london', 'kent_medway', 'york', 'wakefield']) {
      const { chair, conference, ada, ben, plan } = await siblingsMeeting(profileId)
      const deps = depsFor(profileId)
      const withGroup = await plan(ada, SUFFERED)
      expect(withGroup.decision.coreGroup).toEqual([
        { name: 'Dana Example', agency: null, role: 'mother' },
        { name: 'Sam Okafor', agency: 'childrens_social_care', role: 'lead social worker' },
      ])
      await plan(ben, { ...SUFFERED, coreGroup: [] })
      const record = await meetingRecord(deps, chair, { conferenceId: conference.id })
      const flagged = record.toCheck
        .filter((issue) => issue.field.endsWith('.coreGroup'))
        .map((issue) => issue.field)
      expect(flagged, profileId).toEqual([`decisions.${ben}.coreGroup`])
      remits[profileId] = record.rules.coreGroup.source
    }
    expect(remits).toEqual({
      london: 'London 8.1.1; 8.10.12; 8.11.1',
      kent_medway: 'Kent §1 items 5-7; §13.6',
      york: "York 'Core groups'; 'The role of the lead social worker'",
      wakefield: "Wakefield 'The Child Protection Conference process'",
    })
  })

  test('[rule:D-LEGAL@london,kent_medway,york] the record shows that legal action stays the local authority’s decision, with the citation', async () => {
    const chair = await makeUser(database.db, 'chair')
    const legal: Record<string, unknown> = {}
    for (const profileId of ['london', 'kent_medway', 'york', 'staffs_stoke']) {
      const conference = await makeConference(database.db, { chairId: chair.userId })
      const record = await meetingRecord(depsFor(profileId), chair, { conferenceId: conference.id })
      legal[profileId] = [record.rules.legal.status, record.rules.legal.source]
    }
    expect(legal).toEqual({
      london: ['specified', 'London 8.2.2; 8.3.1'],
      kent_medway: ['specified', 'Kent §13.4'],
      york: ['specified', "York 'Pre-birth conference'"],
      staffs_stoke: ['silent', null],
    })
  })

  test('[rule:D-CATEGORY@york] [rule:D-LEGAL@york] York’s record says more than one category is allowed exceptionally, with its legal note', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const record = await meetingRecord(depsFor('york'), chair, { conferenceId: conference.id })
    expect(record.rules.category.allowMultiple).toBe('exceptionally_with_reason')
    expect(record.rules.legal.says).toMatch(/court application at birth/)
    expect(record.missing.map((issue) => issue.field)).toEqual([
      `decisions.${conference.childIds[0]}`,
      'quorum',
    ])
  })
})
