import { describe, expect, test } from 'vitest'
import { Conflict, Forbidden, type ValidationFailed } from '../../../src/app/errors.ts'
import { agreeInvitationList } from '../../../src/app/invitations/agree-invitation-list.ts'
import { decideExclusion } from '../../../src/app/invitations/decide-exclusion.ts'
import { inviteToConference } from '../../../src/app/invitations/invite-to-conference.ts'
import { requestExclusion } from '../../../src/app/invitations/request-exclusion.ts'
import { auditActions, auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser } from '../../support/factories.ts'
import { bookFamilyConference, makeInvolvedAgencies, REID } from '../../support/families.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const db = () => database.db
const { admin, chair, socialWorker } = useConferenceTeam(database)

/** Runs a use-case that must be refused; its error, once none of the tables it may write has changed. */
const refused = refusalsLeaving(database, ['exclusions', 'invitations', 'audit_log', 'outbox'])

/** The Reid family, allocated to the team's social worker; the team's chair chairs their conference. */
const reidFamily = () =>
  bookFamilyConference(db(), { ...REID, socialWorkerId: socialWorker.userId }, { chairId: chair.userId })

const request = (conferenceId: string, personId: string, grounds: string[]) => ({
  conferenceId,
  personId,
  scope: 'all' as const,
  grounds,
  evidence: 'Police report of threats made to the school on 20 April 2026.',
  requestedBy: 'DC Lee Rowe, Police',
})

describe('requestExclusion', () => {
  test.each([
    ['kent_medway', 'professional_intimidated', 'Kent §7'],
    ['kent_medway', 'child_parent_conflict_of_interest', 'Kent §7'],
    ['london', 'perpetrator_threat', 'London 8.6.1-8.6.2'],
    ['york', 'professional_intimidated', "York 'Exclusion of family members from a conference'"],
    ['london', 'he shouts a lot', 'London 8.6.1-8.6.2'],
  ])(
    '[rule:X-CRITERIA@kent_medway,london,york] %s refuses the ground “%s”, naming it, with nothing written',
    async (profileId, ground, source) => {
      const family = await reidFamily()
      const error = await refused(() =>
        requestExclusion(
          makeDeps(db(), profileId),
          socialWorker,
          request(family.conferenceId, family.dan, ['disruptive_behaviour', ground]),
        ),
      )
      expect(fieldsOf(error)).toEqual(['grounds[1]'])
      const message = (error as ValidationFailed).issues[0]!.message
      expect(message).toContain(`“${ground}”`)
      expect(message).toContain(
        `is not a ground the procedure lists for excluding a family member (${source})`,
      )
    },
  )

  test('[rule:X-CRITERIA@kent_medway] [rule:T-EXCL-REQUEST@kent_medway] records a request on a ground Kent lists, with its evidence and audit record', async () => {
    const family = await reidFamily()
    const result = await requestExclusion(
      makeDeps(db(), 'kent_medway'),
      socialWorker,
      request(family.conferenceId, family.dan, ['perpetrator_threat', 'serious_threat_to_attendee']),
    )
    expect(result.exclusion).toMatchObject({
      personId: family.dan,
      scope: 'all',
      grounds: ['perpetrator_threat', 'serious_threat_to_attendee'],
      requestedOn: '2026-05-01',
      decision: null,
    })
    expect(result.notice).toMatchObject({ due: null, late: false, warning: null, source: 'Kent §7' })
    expect(result.grounds.listed).toContain('perpetrator_threat')
    const audit = await auditRecord(db(), result.exclusion.id)
    expect(audit).toMatchObject({ action: 'exclusion.requested', case_id: family.caseId })
  })

  test('[rule:X-CRITERIA@wakefield] Wakefield lists no grounds: the request is recorded with its reasons in the requester’s words, and the chair decides', async () => {
    const family = await reidFamily()
    const result = await requestExclusion(
      makeDeps(db(), 'wakefield'),
      socialWorker,
      request(family.conferenceId, family.dan, [
        'He has threatened the social worker and the health visitor',
      ]),
    )
    expect(result.exclusion.grounds).toEqual(['He has threatened the social worker and the health visitor'])
    expect(result.grounds.listed).toBeNull()
    expect(result.grounds.note).toMatchObject({ rule: 'X-CRITERIA', status: 'specified' })
  })

  test('[rule:X-CRITERIA@staffs_stoke] where the procedure is silent, the request is recorded and the silence shown', async () => {
    const family = await reidFamily()
    const result = await requestExclusion(
      makeDeps(db(), 'staffs_stoke'),
      socialWorker,
      request(family.conferenceId, family.dan, ['Threats to staff']),
    )
    expect(result.grounds).toMatchObject({ listed: null, note: { status: 'silent' } })
  })

  test('[rule:T-EXCL-REQUEST@london] London asks for three working days’ notice where possible: a later request is recorded with the engine’s warning', async () => {
    const family = await reidFamily()
    const onTime = await requestExclusion(
      makeDeps(db(), 'london'),
      socialWorker,
      request(family.conferenceId, family.dan, ['disruptive_behaviour']),
    )
    expect(onTime.notice).toMatchObject({
      rule: 'T-EXCL-REQUEST',
      due: '2026-05-07',
      late: false,
      warning: null,
    })
    const late = await requestExclusion(
      makeDeps(db(), 'london', '2026-05-08T10:00:00Z'),
      socialWorker,
      request(family.conferenceId, family.kay, ['family_conflict']),
    )
    expect(late.notice).toMatchObject({ due: '2026-05-07', late: true, source: 'London 8.6.3' })
    expect(late.notice.warning).toContain(
      'This request is made on Friday 8 May 2026, after Thursday 7 May 2026',
    )
    expect(late.notice.warning).toContain('at least 3 working days before')
    expect(late.exclusion.requestedOn).toBe('2026-05-08')
  })

  test('refuses bad input, naming each field, with nothing written', async () => {
    const family = await reidFamily()
    const error = await refused(() =>
      requestExclusion(makeDeps(db(), 'kent_medway'), socialWorker, {
        conferenceId: family.conferenceId,
        personId: family.dan,
        scope: 'part',
        grounds: [],
        evidence: '',
        requestedBy: 'Police',
      }),
    )
    expect(fieldsOf(error)).toEqual(['grounds', 'evidence', 'partDescription'])
  })
})

describe('decideExclusion', () => {
  async function requested(profileId: string, scope: 'all' | 'part' = 'all') {
    const family = await reidFamily()
    const deps = makeDeps(db(), profileId)
    const result = await requestExclusion(deps, socialWorker, {
      ...request(family.conferenceId, family.dan, ['disruptive_behaviour']),
      scope,
      ...(scope === 'part' ? { partDescription: 'While the police share their information' } : {}),
    })
    return { deps, family, exclusionId: result.exclusion.id }
  }

  test('[rule:X-PROCESS@kent_medway] [rule:X-RECORD@kent_medway] [rule:X-NOTIFY@kent_medway] the chair excludes with reasons; the letter goes to the parent and a notice to each invited professional', async () => {
    const { deps, family, exclusionId } = await requested('kent_medway')
    const { police, school } = await makeInvolvedAgencies(db())
    await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [
        { professionalId: police.id, role: 'professional', sentVia: 'email' },
        { professionalId: school.id, role: 'professional', sentVia: 'email' },
      ],
    })
    const result = await decideExclusion(deps, chair, {
      exclusionId,
      decision: 'excluded',
      reasons: 'Threats of violence towards the school staff who will attend.',
      viewsHeardBy: 'Written views, and a meeting with the chair before the conference',
      receives: ['social_work_report', 'decision_letter'],
    })
    expect(result.exclusion).toMatchObject({
      decision: 'excluded',
      decidedBy: chair.userId,
      decisionReasons: 'Threats of violence towards the school staff who will attend.',
      receives: ['social_work_report', 'decision_letter'],
    })
    expect(result.reminders).toEqual([])
    expect(result.messageIds).toHaveLength(3)
    const messages = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', 'in', result.messageIds)
      .execute()
    const letter = messages.find((m) => m.kind === 'exclusion_letter')!
    expect(letter.to_address).toBe('dan.reid@example.org')
    expect(letter.body_text).toContain(
      'The chair of the conference has decided that you will not attend the conference on Tuesday 12 May 2026.',
    )
    expect(letter.body_text).toContain('Threats of violence towards the school staff who will attend.')
    expect(letter.body_text).toContain(
      'How your views will still be heard\nWritten views, and a meeting with the chair',
    )
    expect(letter.body_text).toContain(
      'You will receive the social work report and a letter with the conference’s decision.',
    )
    expect(letter.body_text).toContain('complaints procedure')
    expect(letter.body_text).toContain('Chris Chair\nChair of the conference')
    const notices = messages.filter((m) => m.kind === 'exclusion_notice')
    expect(notices.map((m) => m.to_name).sort()).toEqual(['DC Lee Rowe', 'Ms Ada Head'])
    expect(await auditActions(db(), exclusionId)).toContainEqual({ action: 'exclusion.decided' })
  })

  test.each(['kent_medway', 'london', 'york'])(
    '[rule:X-PROCESS@kent_medway,london,york] %s: only the conference’s chair decides, once: a second decision is refused with nothing written',
    async (profileId) => {
      const { deps, exclusionId } = await requested(profileId)
      const notChair = await refused(() =>
        decideExclusion(deps, socialWorker, { exclusionId, decision: 'not_excluded', reasons: 'No.' }),
      )
      expect(notChair).toBeInstanceOf(Forbidden)
      const otherChair = await makeUser(db(), 'chair')
      const wrongChair = await refused(() =>
        decideExclusion(deps, otherChair, { exclusionId, decision: 'not_excluded', reasons: 'No.' }),
      )
      expect(wrongChair).toBeInstanceOf(Forbidden)
      const first = await decideExclusion(deps, chair, {
        exclusionId,
        decision: 'not_excluded',
        reasons: 'The evidence does not show a risk at the meeting; separate arrivals are arranged.',
      })
      expect(first.exclusion.decision).toBe('not_excluded')
      expect(first.messageIds).toEqual([])
      const again = await refused(() =>
        decideExclusion(deps, chair, {
          exclusionId,
          decision: 'excluded',
          reasons: 'Changed my mind.',
          viewsHeardBy: 'In writing',
        }),
      )
      expect(again).toBeInstanceOf(Conflict)
    },
  )

  test('[rule:X-RECORD@london] [rule:X-NOTIFY@london] in London a parent excluded from part of the conference must receive the record of that part', async () => {
    const { deps, exclusionId } = await requested('london', 'part')
    const decision = {
      exclusionId,
      decision: 'excluded',
      reasons: 'Police information about an ongoing investigation.',
      viewsHeardBy: 'Attends the rest of the conference',
      receives: ['social_work_report'],
    }
    const error = await refused(() => decideExclusion(deps, chair, decision))
    expect(fieldsOf(error)).toEqual(['receives'])
    expect((error as ValidationFailed).issues[0]?.message).toContain(
      'must receive the record of the part they attended',
    )
    const result = await decideExclusion(deps, chair, {
      ...decision,
      receives: ['social_work_report', 'record_of_part_attended'],
    })
    expect(result.exclusion.receives).toEqual(['social_work_report', 'record_of_part_attended'])
    // London's letter has no "reason" item (X-NOTIFY: London 8.6.11).
    const letter = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', result.messageIds[0]!)
      .executeTakeFirstOrThrow()
    expect(letter.body_text).not.toContain('Why\n')
    expect(letter.body_text).toContain(
      'part of the conference on Tuesday 12 May 2026 (While the police share their information)',
    )
  })

  test('[rule:X-RECORD@kent_medway] in Kent the record of the part attended is usual, not required: recorded with a reminder', async () => {
    const { deps, exclusionId } = await requested('kent_medway', 'part')
    const result = await decideExclusion(deps, chair, {
      exclusionId,
      decision: 'excluded',
      reasons: 'Police information about an ongoing investigation.',
      viewsHeardBy: 'Attends the rest of the conference',
    })
    expect(result.reminders).toEqual([
      'An excluded person usually receives the social work report (Kent §7; §15).',
      'A person excluded from part of the conference usually receives the record of the part they attended (Kent §7; §15).',
    ])
  })

  test('[rule:X-RECORD@york] an excluded person’s views are still heard: the chair says how', async () => {
    const { deps, exclusionId } = await requested('york')
    const error = await refused(() =>
      decideExclusion(deps, chair, { exclusionId, decision: 'excluded', reasons: 'Threats.' }),
    )
    expect(fieldsOf(error)).toEqual(['viewsHeardBy'])
  })

  test('[rule:X-NOTIFY@wakefield] Wakefield says only that the reason will be explained: the letter gives the reason and how views are heard', async () => {
    const { deps, exclusionId } = await requested('wakefield')
    const result = await decideExclusion(deps, chair, {
      exclusionId,
      decision: 'excluded',
      reasons: 'Threats towards the health visitor.',
      viewsHeardBy: 'The social worker will report Dan’s views to the conference',
    })
    expect(result.messageIds).toHaveLength(1)
    const letter = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', result.messageIds[0]!)
      .executeTakeFirstOrThrow()
    expect(letter.body_text).toContain('Why\nThreats towards the health visitor.')
    expect(letter.body_text).toContain('How your views will still be heard\nThe social worker will report')
    expect(letter.body_text).not.toContain('complaints procedure')
  })

  test('[rule:X-NOTIFY@staffs_stoke] where the procedure is silent on telling an excluded person, no letter is invented', async () => {
    const { deps, exclusionId } = await requested('staffs_stoke')
    const result = await decideExclusion(deps, chair, {
      exclusionId,
      decision: 'excluded',
      reasons: 'Threats towards staff.',
      viewsHeardBy: 'In writing',
    })
    expect(result.messageIds).toEqual([])
    expect(result.notes.find((n) => n.rule === 'X-NOTIFY')?.status).toBe('silent')
  })

  test('[rule:X-NOTIFY@york] a parent with no email address: the letter goes to the chair to post', async () => {
    const family = await reidFamily()
    const deps = makeDeps(db(), 'york')
    await agreeInvitationList(deps, chair, {
      conferenceId: family.conferenceId,
      invitees: [{ personId: family.kay }],
    })
    const requestedKay = await requestExclusion(
      deps,
      socialWorker,
      request(family.conferenceId, family.kay, ['family_conflict']),
    )
    const result = await decideExclusion(deps, chair, {
      exclusionId: requestedKay.exclusion.id,
      decision: 'excluded',
      reasons: 'Kay and Dan cannot attend together safely.',
      viewsHeardBy: 'Kay attends a separate meeting with the chair on the day before',
    })
    const letter = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', result.messageIds[0]!)
      .executeTakeFirstOrThrow()
    expect(letter.to_address).toBe(chair.email)
    expect(letter.body_text).toContain('Print this invitation and post it to Kay Reid')
  })
})
