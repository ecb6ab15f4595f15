import { describe, expect, test } from 'vitest'
import { Forbidden, type ValidationFailed } from '../../../src/app/errors.ts'
import { agreeInvitationList } from '../../../src/app/invitations/agree-invitation-list.ts'
import { defaultInvitationList } from '../../../src/app/invitations/default-invitation-list.ts'
import { inviteToConference } from '../../../src/app/invitations/invite-to-conference.ts'
import { listOutbox } from '../../../src/app/invitations/list-outbox.ts'
import { recordInvitationResponse } from '../../../src/app/invitations/record-invitation-response.ts'
import { auditActions, auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser } from '../../support/factories.ts'
import { bookFamilyConference, HART, makeInvolvedAgencies } from '../../support/families.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const db = () => database.db
const { admin, chair, socialWorker, manager } = useConferenceTeam(database)

/** Runs a use-case that must be refused; its error, once none of the tables it may write has changed. */
const refused = refusalsLeaving(database, [
  'invitations',
  'invitation_list_agreements',
  'professionals',
  'audit_log',
  'outbox',
])

/** The Hart family, allocated to the team's social worker and manager, with the police and school involved. */
async function hartFamily(kind: 'initial' | 'review' = 'initial', chairId?: string) {
  const family = await bookFamilyConference(
    db(),
    { ...HART, socialWorkerId: socialWorker.userId, teamManagerId: manager.userId },
    { kind, ...(chairId ? { chairId } : {}) },
  )
  return { ...family, ...(await makeInvolvedAgencies(db())) }
}

type HartFamily = Awaited<ReturnType<typeof hartFamily>>

describe('defaultInvitationList', () => {
  test('[rule:P-MEMBERSHIP@kent_medway] proposes the parents, the carer, the child the presumption invites, the social worker and manager, the police and the agencies involved', async () => {
    const family = await hartFamily()
    const list = await defaultInvitationList(makeDeps(db(), 'kent_medway'), admin, {
      conferenceId: family.conferenceId,
      involvedProfessionalIds: [family.school.id, family.police.id],
    })
    const byName = Object.fromEntries(list.proposals.map((p) => [p.name, p]))
    expect(byName['Jo Hart']).toMatchObject({
      role: 'parent',
      status: 'invite',
      rule: 'P-MEMBERSHIP',
      source: 'Kent §4',
    })
    expect(byName['Pat Hart']).toMatchObject({ role: 'carer', status: 'invite' })
    expect(byName['Mia Hart']).toMatchObject({
      role: 'child',
      status: 'invite',
      rule: 'P-CHILD-AGE',
      source: 'Kent §8.2',
    })
    expect(byName['Leo Hart']).toMatchObject({ role: 'child', status: 'decide', rule: 'P-CHILD-AGE' })
    expect(byName['Sam Social']).toMatchObject({ invitee: { userId: socialWorker.userId }, status: 'invite' })
    expect(byName['Mo Manager']).toMatchObject({ invitee: { userId: manager.userId }, status: 'invite' })
    expect(byName['DC Lee Rowe']).toMatchObject({ agency: 'police', status: 'invite' })
    expect(byName['Ms Ada Head']).toMatchObject({ agency: 'school', status: 'invite' })
    expect(list.chairAgreesList).toBe(false)
    expect(list.proposals.every((p) => p.invited === false)).toBe(true)
  })

  test('[rule:P-MEMBERSHIP@york] [rule:REV-POLICE@york] at a York review the police are not invited by default, and the chair agrees the list', async () => {
    const family = await hartFamily('review')
    const list = await defaultInvitationList(makeDeps(db(), 'york'), socialWorker, {
      conferenceId: family.conferenceId,
      involvedProfessionalIds: [family.police.id],
    })
    const police = list.proposals.find((p) => p.name === 'DC Lee Rowe')
    expect(police).toMatchObject({ status: 'not_invited', rule: 'REV-POLICE' })
    expect(police?.why).toContain('specific information to share')
    expect(list.chairAgreesList).toBe(true)
    expect(list.notes.map((n) => n.rule)).toEqual(['REV-POLICE'])
    // York: a child under 10 is not invited as a guiding principle; 10 and over assessed.
    expect(list.proposals.find((p) => p.name === 'Leo Hart')?.status).toBe('not_invited')
    expect(list.proposals.find((p) => p.name === 'Mia Hart')?.status).toBe('decide')
  })

  test('[rule:REV-POLICE@london] elsewhere the procedure is silent on police at reviews: they are proposed as usual', async () => {
    const family = await hartFamily('review')
    const list = await defaultInvitationList(makeDeps(db(), 'london'), admin, {
      conferenceId: family.conferenceId,
      involvedProfessionalIds: [family.police.id],
    })
    expect(list.proposals.find((p) => p.name === 'DC Lee Rowe')?.status).toBe('invite')
    expect(list.notes).toEqual([])
  })

  test.each([
    ['london', { manager: true, police: 'invite', health: false }],
    ['staffs_stoke', { manager: false, police: null, health: false }],
    ['wakefield', { manager: false, police: 'invite', health: true }],
  ] as const)(
    '[rule:P-MEMBERSHIP@london,staffs_stoke,wakefield] %s proposes the list its procedure gives',
    async (profileId, expected) => {
      const family = await hartFamily()
      const list = await defaultInvitationList(makeDeps(db(), profileId), admin, {
        conferenceId: family.conferenceId,
        involvedProfessionalIds: [family.school.id],
      })
      const names = list.proposals.map((p) => p.name)
      expect(names).toContain('Jo Hart')
      expect(names).toContain('Sam Social')
      expect(names).toContain('Ms Ada Head')
      expect(names.includes('Mo Manager')).toBe(expected.manager)
      const policeSeat = list.proposals.find((p) => 'agency' in p.invitee && p.agency === 'police')
      expect(policeSeat?.status ?? null).toBe(expected.police)
      const healthSeat = list.proposals.find((p) => 'agency' in p.invitee && p.agency === 'health')
      expect(healthSeat !== undefined).toBe(expected.health)
      expect(list.membership).toMatchObject({ rule: 'P-MEMBERSHIP', status: 'specified' })
    },
  )

  test('names a bad professional id by its field', async () => {
    const family = await hartFamily()
    const error = await defaultInvitationList(makeDeps(db(), 'kent_medway'), admin, {
      conferenceId: family.conferenceId,
      involvedProfessionalIds: ['not-an-id', crypto.randomUUID()],
    }).catch((e: Error) => e)
    expect(fieldsOf(error as Error)).toEqual(['involvedProfessionalIds[0]'])
  })
})

describe('inviteToConference', () => {
  test('[rule:P-MEMBERSHIP@kent_medway] [rule:T-RPT-AGENCY@kent_medway] [rule:T-RPT-SW-FAMILY@kent_medway] writes each invitation with its outbox message and audit record: plain English for the family, report dates with citations for professionals', async () => {
    const family = await hartFamily()
    const deps = makeDeps(db(), 'kent_medway')
    const result = await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [
        { personId: family.jo, role: 'parent', sentVia: 'email' },
        { personId: family.pat, role: 'carer', sentVia: 'post' },
        { professionalId: family.police.id, role: 'professional', sentVia: 'email' },
        { userId: socialWorker.userId, role: 'professional', sentVia: 'email' },
      ],
    })
    expect(result.invitations.map((i) => i.invitation.role)).toEqual([
      'parent',
      'carer',
      'professional',
      'professional',
    ])
    expect(result.invitations.map((i) => i.invitation.sentVia)).toEqual(['email', 'post', 'email', 'email'])

    const messages = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('conference_id', '=', family.conferenceId)
      .orderBy('created_at')
      .execute()
    expect(messages).toHaveLength(4)
    const toJo = messages.find((m) => m.to_address === 'jo.hart@example.org')!
    expect(toJo).toMatchObject({ kind: 'invitation', status: 'pending', case_id: family.made.id })
    expect(toJo.body_text).toContain('Dear Jo Hart,')
    expect(toJo.body_text).toContain('When: Tuesday 12 May 2026, 10:00 to 12:00')
    expect(toJo.body_text).toContain('Where: Civic Centre, Room 2')
    expect(toJo.body_text).toContain('What happens at the conference')
    expect(toJo.body_text).toContain('How to give your views')
    expect(toJo.body_text).toContain('by Friday 8 May 2026') // T-RPT-SW-FAMILY: 2 working days before
    expect(toJo.body_text).not.toMatch(/T-RPT|Kent §/) // no rule numbers for the family

    const toPolice = messages.find((m) => m.to_name === 'DC Lee Rowe')!
    expect(toPolice.body_text).toContain('Please send a written report whether or not you can attend:')
    expect(toPolice.body_text).toMatch(/- By Friday 8 May 2026: .*\(T-RPT-AGENCY, Kent §12\.1; §12\.2\)/)
    expect(toPolice.body_text).toMatch(/- By Monday 11 May 2026: .*\(T-RPT-AGENCY, Kent §12\.1; §12\.2\)/)
    expect(toPolice.body_text).toContain('If you cannot attend')

    const toWorker = messages.find((m) => m.to_name === 'Sam Social')!
    expect(toWorker.body_text).toMatch(
      /- By Monday 11 May 2026: The social work report reaches the chair .*\(T-RPT-SW-CHAIR, Kent §11\.2\)/,
    )

    const letter = messages.find((m) => m.kind === 'invitation_letter')!
    expect(letter.to_address).toBe(admin.email)
    expect(letter.subject).toMatch(/^To deliver: Invitation to a child protection conference/)
    expect(letter.body_text).toContain(
      'Print this invitation and post it to Pat Hart, 1 Test Street, Testtown TT1 1TT.',
    )

    const audits = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'invitation.sent')
      .where('case_id', '=', family.made.id)
      .execute()
    expect(audits).toHaveLength(4)
    expect(audits.every((a) => a.actor_user_id === admin.userId)).toBe(true)
    const stored = await db()
      .selectFrom('invitations')
      .selectAll()
      .where('conference_id', '=', family.conferenceId)
      .execute()
    expect(stored).toHaveLength(4)
    expect(stored.every((row) => row.sent_at !== null && row.response === 'awaiting')).toBe(true)

    const listed = await listOutbox(deps, admin, { conferenceId: family.conferenceId })
    expect(listed).toHaveLength(4)
    expect(listed.every((m) => m.status === 'pending')).toBe(true)
  })

  test.each([
    [
      'refuses bad input, naming the field, with nothing written',
      (family: HartFamily) => [
        { personId: family.jo, role: 'parent', sentVia: 'pigeon' },
        { role: 'parent', sentVia: 'email' },
      ],
      ['invitees[0].sentVia', 'invitees[1].personId'],
      '',
    ],
    [
      'refuses an email invitation to someone with no email address, with nothing written',
      (family: HartFamily) => [
        { userId: manager.userId, role: 'professional', sentVia: 'email' },
        { personId: family.pat, role: 'carer', sentVia: 'email' },
      ],
      ['invitees[1].sentVia'],
      'Pat Hart has no email address on record',
    ],
    [
      'refuses an invitation to a child the presumption leaves to a decision, until the chair decides',
      (family: HartFamily) => [{ personId: family.leo, role: 'child', sentVia: 'by_hand' }],
      ['invitees[0]'],
      'Record the chair’s decision',
    ],
  ] as const)('%s', async (_, invitees, fields, message) => {
    const family = await hartFamily()
    const error = await refused(() =>
      inviteToConference(makeDeps(db(), 'kent_medway'), admin, {
        conferenceId: family.conferenceId,
        invitees: invitees(family),
      }),
    )
    expect(fieldsOf(error)).toEqual(fields)
    expect((error as ValidationFailed).issues[0]?.message).toContain(message)
  })

  test('refuses anyone but a conference administrator', async () => {
    const family = await hartFamily()
    const error = await refused(() =>
      inviteToConference(makeDeps(db(), 'kent_medway'), socialWorker, {
        conferenceId: family.conferenceId,
        invitees: [{ personId: family.jo, role: 'parent', sentVia: 'email' }],
      }),
    )
    expect(error).toBeInstanceOf(Forbidden)
  })

  test('[rule:P-MEMBERSHIP@york] in York invitations wait for the chair to agree the list, and go only to those on it', async () => {
    const family = await hartFamily('initial', chair.userId)
    const deps = makeDeps(db(), 'york')
    const before = await refused(() =>
      inviteToConference(deps, admin, {
        conferenceId: family.conferenceId,
        invitees: [{ personId: family.jo, role: 'parent', sentVia: 'email' }],
      }),
    )
    expect(fieldsOf(before)).toEqual(['conferenceId'])
    expect((before as ValidationFailed).issues[0]?.message).toContain(
      "York 'Membership of child protection conferences'",
    )

    const agreed = await agreeInvitationList(deps, chair, {
      conferenceId: family.conferenceId,
      invitees: [{ personId: family.jo }, { userId: socialWorker.userId }],
      note: 'Kept small: the school has no concerns.',
    })
    expect(agreed.agreement).toMatchObject({
      agreedBy: chair.userId,
      note: 'Kept small: the school has no concerns.',
    })
    expect(await auditActions(db(), family.conferenceId)).toContainEqual({ action: 'invitation_list.agreed' })

    const notOnList = await refused(() =>
      inviteToConference(deps, admin, {
        conferenceId: family.conferenceId,
        invitees: [{ professionalId: family.school.id, role: 'professional', sentVia: 'email' }],
      }),
    )
    expect(fieldsOf(notOnList)).toEqual(['invitees[0]'])
    expect((notOnList as ValidationFailed).issues[0]?.message).toContain(
      'not on the invitation list the chair agreed',
    )

    const sent = await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [
        { personId: family.jo, role: 'parent', sentVia: 'email' },
        { userId: socialWorker.userId, role: 'professional', sentVia: 'email' },
      ],
    })
    expect(sent.invitations).toHaveLength(2)
  })

  test('[rule:P-MEMBERSHIP@kent_medway] only the conference’s own chair agrees its list', async () => {
    const family = await hartFamily('initial', chair.userId)
    const otherChair = await makeUser(db(), 'chair')
    const error = await refused(() =>
      agreeInvitationList(makeDeps(db(), 'york'), otherChair, {
        conferenceId: family.conferenceId,
        invitees: [{ personId: family.jo }],
      }),
    )
    expect(error).toBeInstanceOf(Forbidden)
  })

  test('[rule:REV-POLICE@york] at a York review the police are invited only with the specific information they have to share', async () => {
    const family = await hartFamily('review', chair.userId)
    const deps = makeDeps(db(), 'york')
    await agreeInvitationList(deps, chair, {
      conferenceId: family.conferenceId,
      invitees: [{ professionalId: family.police.id }],
    })
    const error = await refused(() =>
      inviteToConference(deps, admin, {
        conferenceId: family.conferenceId,
        invitees: [{ professionalId: family.police.id, role: 'professional', sentVia: 'email' }],
      }),
    )
    expect(fieldsOf(error)).toEqual(['invitees[0].reason'])
    const sent = await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [
        {
          professionalId: family.police.id,
          role: 'professional',
          sentVia: 'email',
          reason: 'Bail conditions for the father change next week.',
        },
      ],
    })
    expect(sent.invitations[0]?.invitation.details.reason).toBe(
      'Bail conditions for the father change next week.',
    )
    const message = await db()
      .selectFrom('outbox')
      .select('body_text')
      .where('id', '=', sent.invitations[0]!.messageId)
      .executeTakeFirstOrThrow()
    expect(message.body_text).toContain(
      'You are invited because: Bail conditions for the father change next week.',
    )
  })

  test('[rule:REV-POLICE@kent_medway] in Kent, silent on police at reviews, the police are invited without a reason', async () => {
    const family = await hartFamily('review')
    const sent = await inviteToConference(makeDeps(db(), 'kent_medway'), admin, {
      conferenceId: family.conferenceId,
      invitees: [{ professionalId: family.police.id, role: 'professional', sentVia: 'email' }],
    })
    expect(sent.invitations).toHaveLength(1)
  })

  test('refuses inviting the same person twice', async () => {
    const family = await hartFamily()
    const deps = makeDeps(db(), 'kent_medway')
    await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [{ personId: family.jo, role: 'parent', sentVia: 'email' }],
    })
    const error = await refused(() =>
      inviteToConference(deps, admin, {
        conferenceId: family.conferenceId,
        invitees: [{ personId: family.jo, role: 'parent', sentVia: 'email' }],
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'invitees[0]', message: 'Jo Hart is already invited to this conference' },
    ])
  })
})

describe('recordInvitationResponse', () => {
  async function invitedProfessional(profileId: string) {
    const family = await hartFamily('initial', chair.userId)
    const deps = makeDeps(db(), profileId)
    await agreeInvitationList(deps, chair, {
      conferenceId: family.conferenceId,
      invitees: [{ professionalId: family.school.id }, { personId: family.jo }],
    })
    const sent = await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [
        { professionalId: family.school.id, role: 'professional', sentVia: 'email' },
        { personId: family.jo, role: 'parent', sentVia: 'email' },
      ],
    })
    return { deps, family, school: sent.invitations[0]!.invitation, parent: sent.invitations[1]!.invitation }
  }

  test('[rule:P-AGENCY-ABSENT@kent_medway] a professional who cannot attend sends a report and a named substitute; recorded with its audit record', async () => {
    const { deps, school } = await invitedProfessional('kent_medway')
    const result = await recordInvitationResponse(deps, admin, {
      invitationId: school.id,
      response: 'report_and_substitute',
      substituteName: 'Mr Ben Deputy',
      reason: 'On a course that day',
    })
    expect(result.invitation).toMatchObject({
      response: 'report_and_substitute',
      substituteName: 'Mr Ben Deputy',
    })
    expect(result.reminders).toContain(
      'They tell the conference administrator and the chair (Kent §4; §12.2).',
    )
    const audit = await auditRecord(db(), school.id, 'invitation.response_recorded')
    expect(audit.after).toMatchObject({ response: 'report_and_substitute', substituteName: 'Mr Ben Deputy' })
  })

  test('[rule:P-AGENCY-ABSENT@kent_medway,london,staffs_stoke,wakefield] the substitute must be named where the procedure asks for one, with nothing written', async () => {
    for (const profileId of ['kent_medway', 'london', 'staffs_stoke', 'wakefield']) {
      const { deps, school } = await invitedProfessional(profileId)
      const error = await refused(() =>
        recordInvitationResponse(deps, admin, {
          invitationId: school.id,
          response: 'report_and_substitute',
        }),
      )
      expect(fieldsOf(error)).toEqual(['substituteName'])
    }
  })

  test('[rule:P-AGENCY-ABSENT@york] York asks for the written report but no substitute', async () => {
    const { deps, school } = await invitedProfessional('york')
    const result = await recordInvitationResponse(deps, admin, {
      invitationId: school.id,
      response: 'not_attending',
    })
    expect(result.invitation.response).toBe('not_attending')
    expect(result.reminders).toEqual([
      "A professional who cannot attend still sends a written report (York 'Membership of child protection conferences').",
    ])
  })

  test('records a parent’s needs: an interpreter for a language, an advocate, a supporter, access needs', async () => {
    const { deps, parent } = await invitedProfessional('london')
    const result = await recordInvitationResponse(deps, admin, {
      invitationId: parent.id,
      response: 'attending_remotely',
      needs: {
        interpreterLanguage: 'Polish',
        advocate: true,
        supporter: { name: 'Kim Friend', relationship: 'friend' },
        access: 'Step-free access',
      },
    })
    expect(result.invitation.needs).toEqual({
      interpreterLanguage: 'Polish',
      advocate: true,
      supporter: { name: 'Kim Friend', relationship: 'friend' },
      access: 'Step-free access',
    })
    expect(result.notes.map((n) => n.rule)).toEqual(['P-SUPPORTER', 'P-ADVOCATE-INFO', 'P-INTERPRETER'])
  })

  test('[rule:P-SUPPORTER@kent_medway,london,wakefield,york] a supporter is recorded with what the procedure says of supporters', async () => {
    const says: Record<string, string> = {
      kent_medway: 'negotiated with chair beforehand',
      london: 'not adversarial',
      wakefield: 'Parent may ask another adult',
      york: 'no adversarial role',
    }
    for (const [profileId, words] of Object.entries(says)) {
      const { deps, parent } = await invitedProfessional(profileId)
      const result = await recordInvitationResponse(deps, admin, {
        invitationId: parent.id,
        response: 'attending',
        needs: { supporter: { name: 'Kim Friend', relationship: 'friend' } },
      })
      expect(result.invitation.needs.supporter).toEqual({ name: 'Kim Friend', relationship: 'friend' })
      const note = result.notes.find((n) => n.rule === 'P-SUPPORTER')
      expect(note?.status).toBe('specified')
      expect(note?.says).toContain(words)
    }
  })

  test('refuses a report and substitute from a parent, naming the field, with nothing written', async () => {
    const { deps, parent } = await invitedProfessional('kent_medway')
    const error = await refused(() =>
      recordInvitationResponse(deps, admin, {
        invitationId: parent.id,
        response: 'report_and_substitute',
        substituteName: 'Someone',
      }),
    )
    expect(fieldsOf(error)).toEqual(['response'])
  })

  test('a partner practitioner records only their own reply', async () => {
    const { deps, school } = await invitedProfessional('kent_medway')
    const partner = await makeUser(db(), 'partner_practitioner')
    const error = await refused(() =>
      recordInvitationResponse(deps, partner, { invitationId: school.id, response: 'attending' }),
    )
    expect(error).toBeInstanceOf(Forbidden)
  })
})
