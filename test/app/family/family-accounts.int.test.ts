import { describe, expect, test } from 'vitest'
import { Conflict, Forbidden, NotFound } from '../../../src/app/errors.ts'
import { familyDecisionLetter } from '../../../src/app/family/decision-letter.ts'
import { checkFamilyLink, openFamilyAccount } from '../../../src/app/family/family-account-link.ts'
import { familyMeeting } from '../../../src/app/family/family-meeting.ts'
import { familyReports } from '../../../src/app/family/family-reports.ts'
import { familyAccountsOfCase, inviteFamilyMember } from '../../../src/app/family/invite-family-member.ts'
import { sendViews } from '../../../src/app/family/send-views.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import { TEST_SESSION_POLICY } from '../../support/accounts.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser, type TestUser } from '../../support/factories.ts'
import {
  BEFORE_MEETING,
  buildMarkedFamily,
  holdMarkedConference,
  linkInMessage,
  MEETING_TIME,
  SCENARIO_PROFILE,
} from '../../support/family-scenario.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

/**
 * Family accounts as use-cases: the invitation (who may send it, who may have an account, what is
 * stored and sent), the link (verifies the email once, until it expires; every refusal recorded),
 * what a family member may see and send, and another family's case refused and recorded.
 */

const database = useTestDatabase()
const db = () => database.db
const { admin, chair, socialWorker, manager } = useConferenceTeam(database)
const deps = (at = BEFORE_MEETING): AppDeps => makeDeps(db(), SCENARIO_PROFILE, at)
const PUBLIC = { publicUrl: 'https://convene.council.example' }
const PASSWORD = { password: 'a long family password', confirmPassword: 'a long family password' }
const refused = refusalsLeaving(database, ['family_invitations', 'users', 'outbox', 'audit_log'])
/** A refused link writes only its refusal's audit record. */
const refusedLinkRecorded = refusalsLeaving(database, ['family_invitations', 'users', 'outbox', 'sessions'])

const tokenOf = (path: string) => path.replace('/family/join/', '')

async function linkRefusals(): Promise<string[]> {
  const rows = await db()
    .selectFrom('audit_log')
    .select('after')
    .where('action', '=', 'family_account.link_refused')
    .orderBy('seq')
    .execute()
  return rows.map((row) => (row.after as { reason: string }).reason)
}

async function familyOf(worker: TestUser = socialWorker) {
  const made = await makeCase(db(), {
    familyName: 'Harrow',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Rowan', dob: '2012-06-01' }],
    adults: [{ firstName: 'Jess' }, { firstName: 'Pat', role: 'relative', parentalResponsibility: false }],
  })
  const conference = await makeConference(db(), { caseId: made.id, chairId: chair.userId })
  const [jess, pat] = made.adults.map((adult) => adult.id) as [string, string]
  return { made, conference, jess, pat, rowan: made.children[0]?.id as string }
}

describe('inviting a family member', () => {
  test('the allocated social worker invites a parent: a one-time link by email to the public address, only its hash stored, the audit record written', async () => {
    const { made, jess } = await familyOf()
    const sent = await inviteFamilyMember(
      deps(),
      socialWorker,
      { caseId: made.id, personId: jess, email: ' Jess.Harrow@Example.ORG ' },
      PUBLIC,
    )
    expect(sent.invitation).toMatchObject({
      personId: jess,
      email: 'jess.harrow@example.org',
      role: 'parent_carer',
      usedAt: null,
      expiresAt: new Date('2026-05-04T09:00:00Z'),
    })
    const message = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', sent.messageId)
      .executeTakeFirstOrThrow()
    expect(message).toMatchObject({
      kind: 'family_account_invitation',
      to_address: 'jess.harrow@example.org',
    })
    expect(message.body_text).toContain('Dear Jess Harrow,')
    expect(message.body_text).toContain('Sam Social, your social worker, has set up a way for you to see')
    expect(message.body_text).toContain('The link works once, for 3 days.')
    const path = await linkInMessage(deps(), sent.messageId)
    expect(message.body_text).toContain(`https://convene.council.example${path}`)
    const row = await db()
      .selectFrom('family_invitations')
      .select('token_hash')
      .where('id', '=', sent.invitation.id)
      .executeTakeFirstOrThrow()
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(message.body_text).not.toContain(row.token_hash)
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'family_account.invited')
      .where('subject_id', '=', jess)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ case_id: made.id, actor_user_id: socialWorker.userId })
  })

  test('a conference administrator for the case may invite too; a newer invitation withdraws the older link', async () => {
    const { made, jess } = await familyOf()
    const first = await inviteFamilyMember(
      deps(),
      socialWorker,
      { caseId: made.id, personId: jess, email: 'jess1@example.org' },
      PUBLIC,
    )
    const second = await inviteFamilyMember(
      deps(),
      admin,
      { caseId: made.id, personId: jess, email: 'jess2@example.org' },
      PUBLIC,
    )
    expect(second.withdrawn).toBe(1)
    const message = await db()
      .selectFrom('outbox')
      .select('body_text')
      .where('id', '=', second.messageId)
      .executeTakeFirstOrThrow()
    expect(message.body_text).toContain('from the child protection conference team')
    await expect(
      checkFamilyLink(deps(), tokenOf(await linkInMessage(deps(), first.messageId))),
    ).rejects.toThrow('This link has been replaced by a newer one.')
    expect((await linkRefusals()).at(-1)).toBe('link withdrawn')
    const accounts = await familyAccountsOfCase(deps(), socialWorker, { caseId: made.id })
    expect(accounts.people.find((person) => person.personId === jess)).toMatchObject({
      state: 'invited',
      latest: { email: 'jess2@example.org' },
    })
  })

  test('who cannot have a family account, and who cannot invite: refused with nothing written', async () => {
    const { made, pat, rowan, jess } = await familyOf()
    const notAllowed = async (actor: TestUser, personId: string, email = 'someone@example.org') =>
      refused(() => inviteFamilyMember(deps(), actor, { caseId: made.id, personId, email }, PUBLIC))
    expect(fieldsOf(await notAllowed(socialWorker, pat))).toEqual(['personId'])
    const child = await notAllowed(socialWorker, rowan)
    expect((child as Error).message).toContain('once they are invited to one of their conferences')
    expect(fieldsOf(await notAllowed(socialWorker, jess, admin.email))).toEqual(['email'])
    expect(await notAllowed(manager, jess)).toBeInstanceOf(Forbidden)
    const stranger = await makeUser(db(), 'social_worker')
    expect(await notAllowed(stranger, jess)).toBeInstanceOf(Forbidden)
    const refusals = await db()
      .selectFrom('access_log')
      .select('actor_user_id')
      .where('case_id', '=', made.id)
      .where('action', '=', 'case.access_refused')
      .execute()
    expect(refusals.map((row) => row.actor_user_id)).toContain(stranger.userId)
  })
})

describe('following the link', () => {
  test('[rule:P-CHILD-AGE@kent_medway] a young person invited to their conference opens their own account: the email is verified, the account linked to them, signed in without a second factor', async () => {
    const family = await buildMarkedFamily(
      deps(),
      { admin, chair, socialWorker },
      (await makeUser(db(), 'advocate')).userId,
    )
    const token = tokenOf(family.links.kai)
    expect(await checkFamilyLink(deps(), token)).toEqual({
      name: 'Kai Marker',
      email: family.emails.kai,
      isYoungPerson: true,
    })
    const opened = await openFamilyAccount(deps(), TEST_SESSION_POLICY, token, PASSWORD, '203.0.113.9')
    expect(opened.secondFactor).toBe('done')
    expect(opened.actor.roles).toEqual(['child_young_person'])
    const person = await db()
      .selectFrom('people')
      .select('user_id')
      .where('id', '=', family.kai)
      .executeTakeFirstOrThrow()
    expect(person.user_id).toBe(opened.user.id)
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'family_account.opened')
      .where('subject_id', '=', opened.user.id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ case_id: family.caseId, from_address: '203.0.113.9' })

    const again = await refusedLinkRecorded(() =>
      openFamilyAccount(deps(), TEST_SESSION_POLICY, token, PASSWORD),
    )
    expect(again).toBeInstanceOf(Conflict)
    expect((await linkRefusals()).at(-1)).toBe('link used')
  })

  test('an expired link, a made-up one and a weak password: refused, the links’ refusals recorded, no account made', async () => {
    const { made, jess } = await familyOf()
    const sent = await inviteFamilyMember(
      deps(),
      socialWorker,
      { caseId: made.id, personId: jess, email: 'jess.weak@example.org' },
      PUBLIC,
    )
    const token = tokenOf(await linkInMessage(deps(), sent.messageId))
    const weak = await refused(() =>
      openFamilyAccount(deps(), TEST_SESSION_POLICY, token, { password: 'short', confirmPassword: 'short' }),
    )
    expect(fieldsOf(weak)).toEqual(['password'])
    await expect(
      openFamilyAccount(deps('2026-05-04T09:00:00Z'), TEST_SESSION_POLICY, token, PASSWORD),
    ).rejects.toThrow('This link has expired.')
    await expect(checkFamilyLink(deps(), 'A'.repeat(43))).rejects.toBeInstanceOf(NotFound)
    expect((await linkRefusals()).slice(-2)).toEqual(['link expired', 'unknown link'])
  })
})

describe('a family member’s own pages', () => {
  test('another family’s conference is refused, and the refusal recorded against that case', async () => {
    const advocate = await makeUser(db(), 'advocate')
    const family = await buildMarkedFamily(deps(), { admin, chair, socialWorker }, advocate.userId)
    const dana = await openFamilyAccount(deps(), TEST_SESSION_POLICY, tokenOf(family.links.dana), PASSWORD)
    const other = await familyOf()
    for (const run of [
      () => familyMeeting(deps(), dana.actor, { conferenceId: other.conference.id }),
      () => familyReports(deps(), dana.actor, { conferenceId: other.conference.id }),
      () => familyDecisionLetter(deps(), dana.actor, { conferenceId: other.conference.id }),
      () =>
        sendViews(
          deps(),
          dana.actor,
          { conferenceId: other.conference.id, text: 'Hello' },
          { ...PUBLIC, limitBytes: 1024 },
        ),
    ])
      await expect(run()).rejects.toBeInstanceOf(Forbidden)
    const refusals = await db()
      .selectFrom('access_log')
      .select('actor_user_id')
      .where('case_id', '=', other.made.id)
      .where('action', '=', 'case.access_refused')
      .execute()
    expect(refusals.filter((row) => row.actor_user_id === dana.user.id)).toHaveLength(4)
    expect(
      await db()
        .selectFrom('family_views')
        .select('id')
        .where('conference_id', '=', other.conference.id)
        .execute(),
    ).toEqual([])

    const own = await familyMeeting(deps(), dana.actor, { conferenceId: family.conferenceId })
    expect(own).toMatchObject({
      voice: 'parent',
      invited: true,
      reportsShared: 2,
      maySendViews: true,
      excluded: null,
    })
  })

  test('[rule:X-RECORD@kent_medway] views: sent by the family member, kept, the staff told without the words; refused for the advocate and once the meeting is finalised', async () => {
    const advocateUser = await makeUser(db(), 'advocate')
    const family = await buildMarkedFamily(deps(), { admin, chair, socialWorker }, advocateUser.userId)
    const marcus = await openFamilyAccount(
      deps(),
      TEST_SESSION_POLICY,
      tokenOf(family.links.marcus),
      PASSWORD,
    )
    const sent = await sendViews(
      deps(),
      marcus.actor,
      { conferenceId: family.conferenceId, text: 'I would like to see the children more often.' },
      { ...PUBLIC, limitBytes: 1024 },
    )
    expect(sent).toMatchObject({ personId: family.marcus, sentBy: marcus.user.id, fileId: null })
    const notices = await db()
      .selectFrom('outbox')
      .select(['to_address', 'body_text'])
      .where('kind', '=', 'family_views')
      .where('conference_id', '=', family.conferenceId)
      .execute()
    expect(notices.map((notice) => notice.to_address).sort()).toEqual(
      [chair.email, socialWorker.email].sort(),
    )
    expect(notices[0]?.body_text).toContain(
      `https://convene.council.example/conferences/${family.conferenceId}/family-views`,
    )
    expect(notices.some((notice) => notice.body_text.includes('see the children'))).toBe(false)

    const meeting = await familyMeeting(deps(), marcus.actor, { conferenceId: family.conferenceId })
    expect(meeting).toMatchObject({ excluded: 'part', reportsShared: 1, viewsSent: 1 })

    const advocateViews = await refused(() =>
      sendViews(
        deps(),
        advocateUser,
        { conferenceId: family.conferenceId, text: 'For Kai' },
        { ...PUBLIC, limitBytes: 1024 },
      ),
    )
    expect(advocateViews).toBeInstanceOf(Forbidden)
    const empty = await refused(() =>
      sendViews(
        deps(),
        marcus.actor,
        { conferenceId: family.conferenceId, text: '   ' },
        { ...PUBLIC, limitBytes: 1024 },
      ),
    )
    expect(fieldsOf(empty)).toEqual(['text'])

    await holdMarkedConference(deps(MEETING_TIME), chair, family)
    const late = await refused(() =>
      sendViews(
        deps(MEETING_TIME),
        marcus.actor,
        { conferenceId: family.conferenceId, text: 'Too late' },
        { ...PUBLIC, limitBytes: 1024 },
      ),
    )
    expect(late).toBeInstanceOf(Conflict)
    const letter = await familyDecisionLetter(deps(MEETING_TIME), marcus.actor, {
      conferenceId: family.conferenceId,
    })
    expect(letter).toMatchObject({ state: 'not_allowed', children: [] })
  })

  test('[rule:C-DECISION-LETTER@kent_medway] [rule:D-PER-CHILD] the decision letter from the finalised decisions: not before; then per child, the category, the actions, the dates and the complaints route', async () => {
    const advocateUser = await makeUser(db(), 'advocate')
    const family = await buildMarkedFamily(deps(), { admin, chair, socialWorker }, advocateUser.userId)
    const dana = await openFamilyAccount(deps(), TEST_SESSION_POLICY, tokenOf(family.links.dana), PASSWORD)
    const before = await familyDecisionLetter(deps(), dana.actor, { conferenceId: family.conferenceId })
    expect(before).toMatchObject({ state: 'not_yet', children: [] })
    await holdMarkedConference(deps(MEETING_TIME), chair, family)
    const letter = await familyDecisionLetter(deps(MEETING_TIME), dana.actor, {
      conferenceId: family.conferenceId,
    })
    expect(letter.state).toBe('ready')
    expect(
      letter.children.map((child) => [child.childName, child.plan, child.categories, child.childInNeedPlan]),
    ).toEqual([
      ['Kai', true, ['neglect'], false],
      ['Mia', false, [], true],
    ])
    expect(letter.children[0]).toMatchObject({
      firstCoreGroupOn: '2026-05-12',
      planSections: [{ id: 'what_must_change', text: 'Kai is safe at home and goes to school every day.' }],
      actions: [expect.objectContaining({ owner: 'Sam Social', dueOn: '2026-06-30' })],
    })
    expect(letter.children[1]?.recommendations).toBe('Family support worker for three months.')
    expect(letter.complaints).toMatchObject({ silent: false, source: 'Kent §6; §13.3; §13.4; §14' })
    const advocateLetter = await familyDecisionLetter(deps(MEETING_TIME), advocateUser, {
      conferenceId: family.conferenceId,
    })
    expect(advocateLetter.children.map((child) => child.childName)).toEqual(['Kai', 'Mia'])
  })
})
