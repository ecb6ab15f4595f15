import { describe, expect, test } from 'vitest'
import { Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import { saveMeetingDraft } from '../../../src/app/meeting/meeting-drafts.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { recordDecision } from '../../../src/app/meeting/record-decision.ts'
import { useTestDatabase } from '../../support/database.ts'
import { type ConferenceSpec, makeCase, makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import {
  chairedConference,
  childInNeedDecision,
  DURING_MEETING,
  HEALTH_VISITOR,
  planDecision,
  refusedFields,
  refusedWithMeetingUnchanged,
  SOCIAL_WORKER,
  TEACHER,
} from '../../support/meeting-fixtures.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const depsFor = (profileId: string) => makeDeps(database.db, profileId, DURING_MEETING)
const PROFILES = ['london', 'kent_medway', 'york', 'wakefield', 'staffs_stoke'] as const

type Overrides = Record<string, unknown>

/**
 * A chair and a booked conference (by default about one child), and the chair recording the decision
 * for that child under a profile: that the child needs a plan (`plan`) or not (`noPlan`), with
 * `overrides` of the fixtures' full decision; or, where the decision must be refused, the fields the
 * refusal names, once nothing of the meeting has changed (`refusedPlan`, `refusedNoPlan`).
 */
async function meeting(spec: ConferenceSpec = {}) {
  const { chair, conference, childId } = await chairedConference(database.db, spec)
  const record = (profileId: string, input: unknown) => recordDecision(depsFor(profileId), chair, input)
  const plan = (profileId: string, overrides: Overrides = {}) =>
    record(profileId, planDecision(conference.id, childId, overrides))
  const noPlan = (profileId: string, overrides: Overrides = {}) =>
    record(profileId, childInNeedDecision(conference.id, childId, overrides))
  return {
    chair,
    conference,
    childId,
    plan,
    noPlan,
    refusedPlan: (profileId: string, overrides: Overrides = {}) =>
      refusedFields(database.db, conference.id, () => plan(profileId, overrides)),
    refusedNoPlan: (profileId: string, overrides: Overrides = {}) =>
      refusedFields(database.db, conference.id, () => noPlan(profileId, overrides)),
  }
}

describe('the decision for each child', () => {
  test('[rule:D-THRESHOLD@london,kent_medway,york,wakefield] the threshold and its limb are recorded; a child who meets it has a plan', async () => {
    for (const profileId of ['london', 'kent_medway', 'york', 'wakefield']) {
      const { plan } = await meeting()
      const answer = await plan(profileId, { threshold: { met: true, limb: 'likely_to_suffer' } })
      expect(answer.decision).toMatchObject({
        thresholdMet: true,
        thresholdLimb: 'likely_to_suffer',
        plan: true,
        version: 1,
      })
      const row = await database.db
        .selectFrom('decisions')
        .selectAll()
        .where('id', '=', answer.decision.id)
        .executeTakeFirstOrThrow()
      expect([row.threshold_met, row.threshold_limb, row.plan, row.categories, row.finalised_at]).toEqual([
        true,
        'likely_to_suffer',
        true,
        ['neglect'],
        null,
      ])
    }
  })

  test('[rule:D-THRESHOLD@london,kent_medway,york,wakefield] where the procedure states the test, the limb met is required', async () => {
    for (const profileId of ['london', 'kent_medway', 'york', 'wakefield']) {
      const { refusedPlan } = await meeting()
      const fields = await refusedPlan(profileId, { threshold: { met: true } })
      expect(fields, profileId).toEqual(['threshold.limb'])
    }
  })

  test('[rule:D-THRESHOLD@staffs_stoke] Staffordshire does not set out the limbs, so the limb may be left out', async () => {
    const { plan } = await meeting()
    const answer = await plan('staffs_stoke', { threshold: { met: true } })
    expect(answer.decision.thresholdLimb).toBeNull()
  })

  test('[rule:D-PER-CHILD] a decision for a child who is not a subject of the conference is refused; nothing is written', async () => {
    const chair = await makeUser(database.db, 'chair')
    const family = await makeCase(database.db, {
      children: [
        { dob: '2018-04-01' },
        { dob: '2008-01-01', subject: false, notSubjectReason: 'Lives with her father' },
      ],
    })
    const conference = await makeConference(database.db, { chairId: chair.userId, caseId: family.id })
    const stranger = (await makeConference(database.db, { chairId: chair.userId })).childIds[0]!
    for (const profileId of PROFILES)
      for (const childId of [family.children[1]!.id, stranger]) {
        const fields = await refusedFields(database.db, conference.id, () =>
          recordDecision(
            depsFor(profileId),
            chair,
            planDecision(conference.id, childId, { threshold: { met: true, limb: 'both' } }),
          ),
        )
        expect(fields).toEqual(['childId'])
      }
  })

  test('[rule:D-CATEGORY] a plan without a category is refused under every procedure; nothing is written', async () => {
    for (const profileId of PROFILES) {
      const { conference, plan } = await meeting()
      const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        plan(profileId, { categories: [] }),
      )
      expect(
        (refusal as ValidationFailed).issues.map((issue) => issue.field),
        profileId,
      ).toEqual(['categories'])
      expect((refusal as ValidationFailed).issues[0]?.message).toMatch(
        /^A child protection plan needs a category of abuse or neglect/,
      )
    }
  })

  test('[rule:D-CATEGORY@london,kent_medway,wakefield,staffs_stoke] two categories are refused where the procedure does not provide for more than one', async () => {
    for (const profileId of ['london', 'kent_medway', 'wakefield', 'staffs_stoke']) {
      const { conference, plan } = await meeting()
      const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        plan(profileId, { categories: ['neglect', 'emotional'], categoryReason: 'Both are serious.' }),
      )
      expect((refusal as ValidationFailed).issues, profileId).toEqual([
        {
          field: 'categories',
          message: expect.stringMatching(
            /^Choose one category, the primary presenting concern: this procedure does not provide for more than one \(.+\)$/,
          ),
        },
      ])
    }
  })

  test('[rule:D-CATEGORY@york] York allows more than one category exceptionally, with the reason recorded', async () => {
    const { plan, refusedPlan } = await meeting()
    const fields = await refusedPlan('york', { categories: ['sexual', 'neglect'] })
    expect(fields).toEqual(['categoryReason'])
    const answer = await plan('york', {
      categories: ['sexual', 'neglect'],
      categoryReason: 'An allegation of sexual abuse along with long-standing neglect.',
    })
    expect(answer.decision).toMatchObject({
      categories: ['sexual', 'neglect'],
      categoryReason: 'An allegation of sexual abuse along with long-standing neglect.',
    })
  })

  test('[rule:D-CATEGORY@staffs_stoke] in Staffordshire each practitioner supporting a plan names the category', async () => {
    const { refusedPlan } = await meeting()
    const fields = await refusedPlan('staffs_stoke', {
      professionalViews: [{ name: SOCIAL_WORKER.name, agency: 'childrens_social_care', view: 'plan' }],
    })
    expect(fields).toEqual(['professionalViews[0].category'])
  })

  test('bad input is refused naming each field; nothing is written', async () => {
    const { chair, conference, childId } = await meeting()
    const fields = await refusedFields(database.db, conference.id, () =>
      recordDecision(depsFor('london'), chair, {
        conferenceId: conference.id,
        childId,
        threshold: { met: 'yes' },
        professionalViews: [{ name: 'A', agency: 'nhs', view: 'plan' }],
        categories: ['neglect', 'neglect', 'financial'],
        firstReview: { date: '2026-13-01' },
        colour: 'blue',
      }),
    )
    expect(fields).toEqual([
      'threshold.met',
      'professionalViews[0].agency',
      'categories[2]',
      'firstReview.date',
      'colour',
    ])
  })

  test('only the chair records the decision', async () => {
    const { conference, childId } = await meeting()
    const administrator = await makeUser(database.db, 'conference_administrator')
    await expect(
      recordDecision(depsFor('london'), administrator, planDecision(conference.id, childId)),
    ).rejects.toBeInstanceOf(Forbidden)
  })
})

describe('who decides', () => {
  test('[rule:D-WHO-DECIDES@london] in London the chair makes the decision, even where everyone agrees', async () => {
    const { plan } = await meeting()
    const answer = await plan('london')
    expect(answer.decision.decidedBy).toBe('chair')
    expect(answer.whoDecides).toMatchObject({
      decidedBy: 'chair',
      consensus: true,
      source: 'London 8.10.5-8.10.7',
    })
  })

  test('[rule:D-WHO-DECIDES@kent_medway,york] where the professionals agree it is their decision; where they do not, the chair’s, with reasons', async () => {
    for (const profileId of ['kent_medway', 'york']) {
      const { plan, refusedPlan } = await meeting()
      const agreed = await plan(profileId)
      expect(agreed.decision.decidedBy).toBe('consensus')
      const split = {
        professionalViews: [
          { name: SOCIAL_WORKER.name, agency: 'childrens_social_care', view: 'plan' },
          { name: TEACHER.name, agency: 'school', view: 'no_plan' },
        ],
        dissent: [{ name: TEACHER.name, agency: 'school', reasons: 'Attendance has improved.' }],
      }
      const fields = await refusedPlan(profileId, split)
      expect(fields, profileId).toEqual(['chairReasons'])
      const decided = await plan(profileId, {
        ...split,
        chairReasons: 'The injuries outweigh the better attendance.',
      })
      expect(decided.decision).toMatchObject({
        decidedBy: 'chair',
        chairReasons: 'The injuries outweigh the better attendance.',
        version: 1,
      })
    }
  })

  test('[rule:D-WHO-DECIDES@kent_medway,york] the chair does not overturn a consensus where the procedure gives the decision to the professionals', async () => {
    for (const profileId of ['kent_medway', 'york']) {
      const { refusedNoPlan } = await meeting()
      const fields = await refusedNoPlan(profileId, {
        threshold: { met: false },
        professionalViews: [
          {
            name: SOCIAL_WORKER.name,
            agency: 'childrens_social_care',
            view: 'plan',
            category: 'physical',
          },
          { name: HEALTH_VISITOR.name, agency: 'health_visiting', view: 'plan', category: 'physical' },
        ],
      })
      expect(fields).toEqual(['threshold.met'])
    }
  })

  test('[rule:D-WHO-DECIDES@wakefield,staffs_stoke] where the procedure does not say who decides on a split, the record says so', async () => {
    for (const profileId of ['wakefield', 'staffs_stoke']) {
      const { plan } = await meeting()
      const answer = await plan(profileId, {
        threshold: { met: true, limb: 'suffered' },
        professionalViews: [
          { name: SOCIAL_WORKER.name, agency: 'childrens_social_care', view: 'plan', category: 'neglect' },
          { name: TEACHER.name, agency: 'school', view: 'no_plan' },
        ],
      })
      expect(answer.decision.decidedBy).toBe('chair')
      expect(answer.whoDecides.why).toMatch(/The procedure does not say who decides then/)
    }
  })

  test('[rule:D-WHO-DECIDES] each professional’s view is required', async () => {
    for (const profileId of PROFILES) {
      const { refusedPlan } = await meeting()
      const fields = await refusedPlan(profileId, { professionalViews: [] })
      expect(fields).toEqual(['professionalViews'])
    }
  })
})

describe('dissent and the parents’ views', () => {
  test('[rule:D-DISSENT@london,kent_medway,york] dissent is kept by name and agency; York asks for its reasons', async () => {
    const views = {
      professionalViews: [
        { name: SOCIAL_WORKER.name, agency: 'childrens_social_care', view: 'plan' },
        { name: TEACHER.name, agency: 'school', view: 'no_plan' },
      ],
      chairReasons: 'Risk of further injury.',
    }
    for (const profileId of ['london', 'kent_medway']) {
      const { plan } = await meeting()
      const answer = await plan(profileId, {
        ...views,
        dissent: [{ name: TEACHER.name, agency: 'school' }],
      })
      expect(answer.decision.dissent).toEqual([{ name: TEACHER.name, agency: 'school', reasons: null }])
    }
    const { refusedPlan } = await meeting()
    const fields = await refusedPlan('york', {
      ...views,
      dissent: [{ name: TEACHER.name, agency: 'school' }],
    })
    expect(fields).toEqual(['dissent[0].reasons'])
  })

  test('[rule:D-DISSENT@london,kent_medway] parents who disagree are told how to challenge, and the record says so', async () => {
    for (const profileId of ['london', 'kent_medway']) {
      const { plan, refusedPlan } = await meeting()
      const parents = { views: 'Mother says the bruise was an accident.', disagree: true }
      const fields = await refusedPlan(profileId, { parents })
      expect(fields).toEqual(['parents.toldHowToChallenge'])
      const answer = await plan(profileId, { parents: { ...parents, toldHowToChallenge: true } })
      expect(answer.decision.parents).toEqual({ ...parents, toldHowToChallenge: true })
    }
  })
})

describe('where no plan is needed', () => {
  test('[rule:D-NO-PLAN@london,kent_medway,york,wakefield] a child in need plan or the help recommended is recorded', async () => {
    for (const profileId of ['london', 'kent_medway', 'york', 'wakefield']) {
      const { noPlan, refusedNoPlan } = await meeting()
      const missing = await refusedNoPlan(profileId, { noPlan: undefined })
      expect(missing).toEqual(['noPlan'])
      const noHelp = await refusedNoPlan(profileId, { noPlan: { childInNeedPlan: false } })
      expect(noHelp).toEqual(['noPlan.recommendations'])
      const answer = await noPlan(profileId)
      expect(answer.decision).toMatchObject({
        plan: false,
        categories: [],
        childInNeedPlan: true,
        recommendations: 'Family support worker for three months.',
      })
    }
  })

  test('[rule:D-NO-PLAN@staffs_stoke] Staffordshire is silent: nothing more is asked', async () => {
    const { noPlan } = await meeting()
    const answer = await noPlan('staffs_stoke', { noPlan: undefined })
    expect(answer.decision).toMatchObject({ plan: false, childInNeedPlan: false, recommendations: null })
  })

  test('a category, a plan or plan dates for a child with no plan are refused, naming each', async () => {
    const { refusedNoPlan } = await meeting()
    const fields = await refusedNoPlan('london', {
      threshold: { met: false, limb: 'suffered' },
      categories: ['neglect'],
      coreGroup: [{ name: 'Someone' }],
      firstReview: { date: '2026-08-01' },
    })
    expect(fields).toEqual(['threshold.limb', 'categories', 'coreGroup', 'firstReview'])
  })
})

describe('the outline plan', () => {
  test('[rule:C-OUTLINE-PLAN@london,kent_medway,york] sections in the procedure’s words, actions with owner and date, the lead social worker and the core group', async () => {
    for (const profileId of ['london', 'kent_medway', 'york']) {
      const { conference, childId, plan } = await meeting()
      const leadSocialWorker = await makeUser(database.db, 'social_worker', { name: 'Ravi Shah' })
      const outlinePlan = {
        sections: {
          what_must_change: 'The home is kept safe and warm.',
          contingency: 'Legal planning meeting.',
        },
        actions: [
          { action: 'Referral to family support', owner: 'Ravi Shah', dueOn: '2026-05-19' },
          { action: 'Paediatric assessment', owner: 'GP', dueOn: '2026-06-02' },
        ],
      }
      const answer = await plan(profileId, { outlinePlan, leadSocialWorkerId: leadSocialWorker.userId })
      expect(answer.decision.outlinePlan).toEqual(outlinePlan)
      expect(answer.decision.leadSocialWorker).toEqual({ id: leadSocialWorker.userId, name: 'Ravi Shah' })
      expect(answer.decision.coreGroup.map((member) => member.name)).toEqual(['Dana Example', 'Sam Okafor'])
      const actions = await database.db
        .selectFrom('plan_actions')
        .select(['action', 'owner', 'due_on', 'child_id', 'decision_id'])
        .where('conference_id', '=', conference.id)
        .orderBy('due_on')
        .execute()
      expect(actions).toEqual([
        {
          action: 'Referral to family support',
          owner: 'Ravi Shah',
          due_on: '2026-05-19',
          child_id: childId,
          decision_id: answer.decision.id,
        },
        {
          action: 'Paediatric assessment',
          owner: 'GP',
          due_on: '2026-06-02',
          child_id: childId,
          decision_id: answer.decision.id,
        },
      ])
    }
  })

  test('[rule:C-OUTLINE-PLAN@london,wakefield] a section the procedure does not list, or an action due before the conference, is refused', async () => {
    const { refusedPlan } = await meeting()
    const fields = await refusedPlan('london', {
      outlinePlan: {
        sections: { danger_statements: 'x' },
        actions: [
          { action: 'Visit', owner: 'Sam', dueOn: '2026-05-11' },
          { action: 'Call', owner: '', dueOn: '2026-05-20' },
        ],
      },
    })
    expect(fields).toEqual(['outlinePlan.actions[1].owner'])
    const ruleFields = await refusedPlan('london', {
      outlinePlan: {
        sections: { danger_statements: 'x' },
        actions: [{ action: 'Visit', owner: 'Sam', dueOn: '2026-05-11' }],
      },
    })
    expect(ruleFields).toEqual(['outlinePlan.sections.danger_statements', 'outlinePlan.actions[0].dueOn'])
    const wakefield = await refusedPlan('wakefield', {
      threshold: { met: true, limb: 'suffered' },
      outlinePlan: { sections: { outcomes: 'x' }, actions: [] },
    })
    expect(wakefield).toEqual(['outlinePlan.sections.outcomes'])
  })

  test('the lead social worker must be a social worker', async () => {
    const { chair, refusedPlan } = await meeting()
    const fields = await refusedPlan('london', { leadSocialWorkerId: chair.userId })
    expect(fields).toEqual(['leadSocialWorkerId'])
  })

  test('recording the decision again replaces it, with its actions, until the conference is finalised', async () => {
    const { conference, plan, noPlan } = await meeting()
    const first = await plan('london')
    const second = await noPlan('london')
    expect(second.decision.id).toBe(first.decision.id)
    expect(second.decision).toMatchObject({ version: 1, plan: false, categories: [] })
    const rows = await database.db
      .selectFrom('decisions')
      .select('id')
      .where('conference_id', '=', conference.id)
      .execute()
    expect(rows).toHaveLength(1)
    const actions = await database.db
      .selectFrom('plan_actions')
      .select('id')
      .where('conference_id', '=', conference.id)
      .execute()
    expect(actions).toEqual([])
    const audits = await database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('subject_id', '=', first.decision.id)
      .orderBy('seq')
      .execute()
    expect(audits.map((entry) => entry.action)).toEqual(['decision.recorded', 'decision.recorded'])
    expect(audits[0]?.before).toBeNull()
    expect(audits[1]?.before).toMatchObject({ plan: true, categories: ['neglect'] })
    expect(audits[1]?.after).toMatchObject({ plan: false, childInNeedPlan: true })
  })
})

describe('the first core group and review dates', () => {
  test('[rule:T-CORE-FIRST@london] [rule:T-RCPC-FIRST@london] London: each date is set against the engine’s limit, with its rule and citation', async () => {
    const { plan } = await meeting()
    const answer = await plan('london', {
      firstCoreGroup: { date: '2026-05-20' },
      firstReview: { date: '2026-08-04' },
    })
    expect(answer.dateLimits.firstCoreGroup).toMatchObject({
      rule: 'T-CORE-FIRST',
      latest: '2026-05-27',
      source: 'London 8.9.7',
      why: 'The first core group meets within 10 working days of the initial child protection conference on Tuesday 12 May 2026, not counting Spring bank holiday (25 May).',
    })
    expect(answer.dateLimits.firstReview).toMatchObject({
      rule: 'T-RCPC-FIRST',
      latest: '2026-08-12',
      source: 'London 8.2.9; 8.9.9',
    })
    expect(answer.decision.firstCoreGroup).toMatchObject({
      date: '2026-05-20',
      rule: 'T-CORE-FIRST',
      latest: '2026-05-27',
      laterReason: null,
    })
    expect(answer.decision.firstReview).toMatchObject({
      date: '2026-08-04',
      rule: 'T-RCPC-FIRST',
      latest: '2026-08-12',
    })
    const row = await database.db
      .selectFrom('decisions')
      .select(['first_core_group_on', 'first_review_on'])
      .where('id', '=', answer.decision.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ first_core_group_on: '2026-05-20', first_review_on: '2026-08-04' })
  })

  test('[rule:T-CORE-FIRST@london,york] a date later than the limit needs a reason, which is kept with it', async () => {
    for (const profileId of ['london', 'york']) {
      const { plan, refusedPlan } = await meeting()
      const fields = await refusedPlan(profileId, { firstCoreGroup: { date: '2026-05-28' } })
      expect(fields).toEqual(['firstCoreGroup.laterReason'])
      const answer = await plan(profileId, {
        firstCoreGroup: { date: '2026-05-28', laterReason: 'The only day the school nurse can attend.' },
      })
      expect(answer.decision.firstCoreGroup).toMatchObject({
        date: '2026-05-28',
        latest: '2026-05-27',
        laterReason: 'The only day the school nurse can attend.',
      })
    }
  })

  test('[rule:T-CORE-FIRST@kent_medway] [rule:T-RCPC-FIRST@kent_medway] Kent: the first core group meets straight after; the review date has no interval', async () => {
    const { plan, refusedPlan } = await meeting()
    const fields = await refusedPlan('kent_medway', { firstCoreGroup: { date: '2026-05-20' } })
    expect(fields).toEqual(['firstCoreGroup.laterReason'])
    const answer = await plan('kent_medway', {
      firstCoreGroup: { date: '2026-05-20', laterReason: 'Mother in hospital today.' },
      firstReview: { date: '2026-09-30' },
    })
    expect(answer.dateLimits.firstCoreGroup).toMatchObject({
      latest: '2026-05-12',
      alternatives: [{ variant: 'exceptional', latest: '2026-05-27' }],
    })
    expect(answer.dateLimits.firstReview).toMatchObject({
      rule: 'T-RCPC-FIRST',
      latest: null,
      source: 'Kent §13.6 item 10',
    })
    expect(answer.decision.firstReview).toMatchObject({ date: '2026-09-30', laterReason: null })
  })

  test('[rule:T-PB-REVIEW@london] after a pre-birth conference the first review is the engine’s pre-birth limit', async () => {
    const family = await makeCase(database.db, { children: [{ edd: '2026-07-20' }] })
    const { plan } = await meeting({ caseId: family.id, kind: 'pre_birth' })
    const answer = await plan('london', { firstReview: { date: '2026-08-10' } })
    expect(answer.dateLimits.firstReview).toMatchObject({ rule: 'T-PB-REVIEW', latest: '2026-08-12' })
    expect(answer.decision.firstReview).toMatchObject({ date: '2026-08-10', rule: 'T-PB-REVIEW' })
  })

  test('[rule:T-CORE-FIRST@staffs_stoke] where the procedure is silent on a date no limit is applied, and the answer says so', async () => {
    const { plan } = await meeting()
    const answer = await plan('staffs_stoke', { firstCoreGroup: { date: '2026-06-30' } })
    expect(answer.dateLimits.firstCoreGroup).toMatchObject({ status: 'silent', latest: null, source: null })
    expect(answer.dateLimits.firstCoreGroup.why).toMatch(/^The procedure is silent on this date/)
  })

  test('a date before the conference is refused', async () => {
    const { refusedPlan } = await meeting()
    const fields = await refusedPlan('london', {
      firstCoreGroup: { date: '2026-05-11' },
      firstReview: { date: '2026-05-12' },
    })
    expect(fields).toEqual(['firstCoreGroup.date', 'firstReview.date'])
  })
})

describe('nothing typed is lost', () => {
  test('a half-typed decision is kept as a draft of the person typing it, and dropped once the decision is recorded', async () => {
    const { chair, conference, childId } = await meeting()
    const deps = depsFor('london')
    const typed = {
      threshold: { met: 'true' },
      parents: { views: 'Mother says she will stop drinking.' },
      categories: ['neglect'],
    }
    expect(
      await saveMeetingDraft(deps, chair, {
        conferenceId: conference.id,
        part: `decision.${childId}`,
        data: typed,
      }),
    ).toEqual({
      savedAt: '2026-05-12T11:00:00.000Z',
    })
    const refusal = await recordDecision(
      deps,
      chair,
      planDecision(conference.id, childId, { categories: [] }),
    ).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(ValidationFailed)
    const later = makeDeps(database.db, 'london', '2026-05-12T13:30:00Z')
    const record = await meetingRecord(later, chair, { conferenceId: conference.id })
    expect(record.drafts).toEqual([
      { part: `decision.${childId}`, data: typed, savedAt: new Date(DURING_MEETING) },
    ])
    const someoneElse = await makeUser(database.db, 'conference_administrator')
    expect((await meetingRecord(later, someoneElse, { conferenceId: conference.id })).drafts).toEqual([])
    await recordDecision(later, chair, planDecision(conference.id, childId))
    expect((await meetingRecord(later, chair, { conferenceId: conference.id })).drafts).toEqual([])
  })

  test('a draft of an unknown part of the record is refused, naming the field', async () => {
    const { chair, conference } = await meeting()
    const refusal = await saveMeetingDraft(depsFor('london'), chair, {
      conferenceId: conference.id,
      part: 'minutes',
      data: {},
    }).catch((error: unknown) => error)
    expect(fieldsOf(refusal)).toEqual(['part'])
  })
})
