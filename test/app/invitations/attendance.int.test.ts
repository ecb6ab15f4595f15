import { describe, expect, test } from 'vitest'
import { Forbidden, type ValidationFailed } from '../../../src/app/errors.ts'
import { agreeInvitationList } from '../../../src/app/invitations/agree-invitation-list.ts'
import { arrangeInterpreter } from '../../../src/app/invitations/arrange-interpreter.ts'
import { inviteToConference } from '../../../src/app/invitations/invite-to-conference.ts'
import { recordChildParticipation } from '../../../src/app/invitations/record-child-participation.ts'
import { recordObserverConsent } from '../../../src/app/invitations/record-observer-consent.ts'
import { recordParentNotAttending } from '../../../src/app/invitations/record-parent-not-attending.ts'
import { requestObserver } from '../../../src/app/invitations/request-observer.ts'
import { auditActions, auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps } from '../../support/factories.ts'
import { bookFamilyConference, NOWAK } from '../../support/families.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const db = () => database.db
const { admin, chair, socialWorker } = useConferenceTeam(database)

/** Runs a use-case that must be refused; its error, once none of the tables it may write has changed. */
const refused = refusalsLeaving(database, [
  'invitations',
  'child_participation',
  'interpreters',
  'observers',
  'audit_log',
  'outbox',
])

/** The Nowak family, allocated to the team's social worker; the team's chair chairs their conference. */
const nowakFamily = () =>
  bookFamilyConference(db(), { ...NOWAK, socialWorkerId: socialWorker.userId }, { chairId: chair.userId })

describe('arrangeInterpreter', () => {
  test('[rule:P-INTERPRETER@kent_medway] arranges a trained interpreter, with its audit record', async () => {
    const family = await nowakFamily()
    const result = await arrangeInterpreter(makeDeps(db(), 'kent_medway'), admin, {
      conferenceId: family.conferenceId,
      forPersonId: family.ewa,
      language: 'Polish',
      interpreter: { name: 'Anna Kowalska', agency: 'Kent Interpreting Service' },
    })
    expect(result.interpreter).toMatchObject({
      language: 'Polish',
      interpreterName: 'Anna Kowalska',
      interpreterPersonId: null,
    })
    expect(result.familyMemberRecordedWhereSilent).toBe(false)
    expect(result.note).toMatchObject({
      rule: 'P-INTERPRETER',
      status: 'specified',
      source: 'Kent §6; §10 item 6',
    })
    const audit = await auditRecord(db(), result.interpreter.id)
    expect(audit).toMatchObject({ action: 'interpreter.arranged', case_id: family.caseId })
  })

  test('[rule:P-INTERPRETER@kent_medway,london,york] refuses a family member as interpreter, named by id or by name, with nothing written', async () => {
    for (const profileId of ['kent_medway', 'london', 'york']) {
      const family = await nowakFamily()
      const deps = makeDeps(db(), profileId)
      const byId = await refused(() =>
        arrangeInterpreter(deps, admin, {
          conferenceId: family.conferenceId,
          forPersonId: family.ewa,
          language: 'Polish',
          interpreter: { name: 'Tomasz Nowak', personId: family.tomasz },
        }),
      )
      expect(fieldsOf(byId)).toEqual(['interpreter.personId'])
      expect((byId as ValidationFailed).issues[0]?.message).toContain('a family member may not interpret')
      const byName = await refused(() =>
        arrangeInterpreter(deps, admin, {
          conferenceId: family.conferenceId,
          forPersonId: family.ewa,
          language: 'Polish',
          interpreter: { name: '  tomasz   NOWAK ' },
        }),
      )
      expect(fieldsOf(byName)).toEqual(['interpreter.name'])
    }
  })

  test('[rule:P-INTERPRETER@wakefield,staffs_stoke] where the procedure is silent, a family member interpreting is recorded and the silence said', async () => {
    for (const profileId of ['wakefield', 'staffs_stoke']) {
      const family = await nowakFamily()
      const result = await arrangeInterpreter(makeDeps(db(), profileId), admin, {
        conferenceId: family.conferenceId,
        forPersonId: family.ewa,
        language: 'Polish',
        interpreter: { name: 'Tomasz Nowak', personId: family.tomasz },
      })
      expect(result.familyMemberRecordedWhereSilent).toBe(true)
      expect(result.interpreter.interpreterPersonId).toBe(family.tomasz)
      expect(result.note.status).toBe('silent')
      expect(result.note.says).toContain('The procedure is silent')
      expect(result.warning).toContain('The procedure is silent on who may interpret')
    }
  })

  test('refuses bad input, naming each field, with nothing written', async () => {
    const family = await nowakFamily()
    const error = await refused(() =>
      arrangeInterpreter(makeDeps(db(), 'london'), admin, {
        conferenceId: family.conferenceId,
        forPersonId: 'Ewa',
        language: '   ',
        interpreter: {},
      }),
    )
    expect(fieldsOf(error)).toEqual(['forPersonId', 'language', 'interpreter.name'])
  })
})

describe('recordChildParticipation', () => {
  test('[rule:P-CHILD-AGE@kent_medway] [rule:P-CHILD-WISH@kent_medway] records the presumption from the engine, the child’s wishes and the chair’s decision with reasons', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'kent_medway')
    const wishes = await recordChildParticipation(deps, socialWorker, {
      conferenceId: family.conferenceId,
      childId: family.zofia,
      wish: 'attend_part',
      wishesInTheirWords: 'I want to say what I think but not hear everything.',
      viewsHeardBy: 'Attends the first part with her advocate',
    })
    expect(wishes.presumption).toMatchObject({
      participation: 'invite_unless_reasons',
      age: 14,
      source: 'Kent §8.2',
    })
    expect(wishes.participation).toMatchObject({ wish: 'attend_part', chairDecision: null })

    const decided = await recordChildParticipation(deps, chair, {
      conferenceId: family.conferenceId,
      childId: family.zofia,
      wish: 'attend_part',
      chairDecision: 'attend_part',
      chairReasons: 'She leaves before the police information is shared.',
    })
    expect(decided.participation).toMatchObject({
      chairDecision: 'attend_part',
      chairReasons: 'She leaves before the police information is shared.',
      decidedBy: chair.userId,
      wishesInTheirWords: 'I want to say what I think but not hear everything.',
      viewsHeardBy: 'Attends the first part with her advocate',
    })
    const audits = await auditActions(db(), family.zofia)
    expect(audits).toEqual([
      { action: 'child_participation.recorded' },
      { action: 'child_participation.recorded' },
    ])

    // A later note from the social worker keeps the chair's decision.
    const later = await recordChildParticipation(deps, socialWorker, {
      conferenceId: family.conferenceId,
      childId: family.zofia,
      wish: 'attend_part',
    })
    expect(later.participation.chairDecision).toBe('attend_part')
  })

  test('[rule:P-CHILD-AGE@kent_medway] a child the presumption leaves to a decision can be invited once the chair decides', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'kent_medway')
    const result = await recordChildParticipation(deps, chair, {
      conferenceId: family.conferenceId,
      childId: family.jan,
      wish: 'attend',
      chairDecision: 'attend_part',
      chairReasons: 'To meet the chair at the start, with his carer.',
    })
    expect(result.presumption.participation).toBe('individual_assessment')
    const sent = await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [{ personId: family.jan, role: 'child', sentVia: 'by_hand' }],
    })
    expect(sent.invitations[0]?.invitation.role).toBe('child')
  })

  test('[rule:P-CHILD-AGE@york] York’s guiding principle for a child under 10', async () => {
    const family = await nowakFamily()
    const result = await recordChildParticipation(makeDeps(db(), 'york'), socialWorker, {
      conferenceId: family.conferenceId,
      childId: family.jan,
      wish: 'not_known',
    })
    expect(result.presumption).toMatchObject({ participation: 'do_not_invite_guiding_principle', age: 5 })
  })

  test('[rule:P-CHILD-WISH@kent_medway,london,york] a child’s declared wish not to attend is respected: the chair cannot decide they attend, and nothing is written', async () => {
    for (const profileId of ['kent_medway', 'london', 'york']) {
      const family = await nowakFamily()
      const error = await refused(() =>
        recordChildParticipation(makeDeps(db(), profileId), chair, {
          conferenceId: family.conferenceId,
          childId: family.zofia,
          wish: 'not_attend',
          chairDecision: 'attend',
          chairReasons: 'It would help her to hear the plan.',
          agreedWithSocialWorker: true,
        }),
      )
      expect(fieldsOf(error)).toEqual(['chairDecision'])
      expect((error as ValidationFailed).issues[0]?.message).toContain('that wish is respected')
    }
  })

  test('[rule:P-CHILD-WISH@london] in London the chair and the social worker agree the extent in advance', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'london')
    const error = await refused(() =>
      recordChildParticipation(deps, chair, {
        conferenceId: family.conferenceId,
        childId: family.zofia,
        wish: 'attend',
        chairDecision: 'attend',
        chairReasons: 'She is clear she wants to take part.',
      }),
    )
    expect(fieldsOf(error)).toEqual(['agreedWithSocialWorker'])
    const result = await recordChildParticipation(deps, chair, {
      conferenceId: family.conferenceId,
      childId: family.zofia,
      wish: 'attend',
      chairDecision: 'attend',
      chairReasons: 'She is clear she wants to take part.',
      agreedWithSocialWorker: true,
    })
    expect(result.participation.chairDecision).toBe('attend')
  })

  test('[rule:P-CHILD-WISH@wakefield,staffs_stoke] where the procedure says nothing of a declined wish, the chair’s decision is recorded as made', async () => {
    for (const profileId of ['wakefield', 'staffs_stoke']) {
      const family = await nowakFamily()
      const result = await recordChildParticipation(makeDeps(db(), profileId), chair, {
        conferenceId: family.conferenceId,
        childId: family.zofia,
        wish: 'not_attend',
        chairDecision: 'attend_part',
        chairReasons: 'To hear the plan at the end, with her advocate.',
        viewsHeardBy: 'Advocate from the children’s advocacy service',
      })
      expect(result.participation.chairDecision).toBe('attend_part')
      expect(result.wishRule.status).toBe('specified')
    }
  })

  test('only the chair decides; a decision needs reasons; a child not ready to attend needs a way to be heard', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'kent_medway')
    const forbidden = await refused(() =>
      recordChildParticipation(deps, socialWorker, {
        conferenceId: family.conferenceId,
        childId: family.zofia,
        wish: 'attend',
        chairDecision: 'attend',
        chairReasons: 'x',
      }),
    )
    expect(forbidden).toBeInstanceOf(Forbidden)
    const noReasons = await refused(() =>
      recordChildParticipation(deps, chair, {
        conferenceId: family.conferenceId,
        childId: family.zofia,
        wish: 'attend',
        chairDecision: 'attend',
      }),
    )
    expect(fieldsOf(noReasons)).toEqual(['chairReasons'])
    const notHeard = await refused(() =>
      recordChildParticipation(deps, chair, {
        conferenceId: family.conferenceId,
        childId: family.zofia,
        wish: 'not_attend',
        chairDecision: 'views_only',
        chairReasons: 'She does not want to come.',
      }),
    )
    expect(fieldsOf(notHeard)).toEqual(['viewsHeardBy'])
    const notAChild = await refused(() =>
      recordChildParticipation(deps, socialWorker, {
        conferenceId: family.conferenceId,
        childId: family.ewa,
        wish: 'attend',
      }),
    )
    expect(fieldsOf(notAChild)).toEqual(['childId'])
  })
})

describe('observers', () => {
  const observer = (conferenceId: string, name: string) => ({
    conferenceId,
    name,
    agency: 'Kent County Council',
    purpose: 'Newly qualified social worker: learning about conferences',
  })

  test('[rule:P-OBSERVER@kent_medway] [rule:T-OBSERVER-CONSENT@kent_medway] an observer needs the chair’s and the family’s consent before the day; a second observer in Kent is refused with nothing written', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'kent_medway')
    const first = await requestObserver(deps, admin, observer(family.conferenceId, 'Olu Observer'))
    expect(first).toMatchObject({ status: 'awaiting_consent', outstanding: ['chair', 'family'] })
    expect(first.rules).toMatchObject({ maxObservers: 1, mayParticipate: false })
    expect(await auditActions(db(), first.observer.id)).toEqual([{ action: 'observer.requested' }])

    const second = await refused(() =>
      requestObserver(deps, admin, observer(family.conferenceId, 'Sasha Second')),
    )
    expect(fieldsOf(second)).toEqual(['name'])
    expect((second as ValidationFailed).issues[0]?.message).toContain(
      'one observer at a conference (Kent §4)',
    )

    const onTheDay = await refused(() =>
      recordObserverConsent(deps, admin, {
        observerId: first.observer.id,
        consent: 'family',
        answer: 'given',
        on: '2026-05-12',
        by: 'Ewa Nowak',
      }),
    )
    expect(fieldsOf(onTheDay)).toEqual(['on'])
    expect((onTheDay as ValidationFailed).issues[0]?.message).toContain(
      'before the day of the conference (Kent §4)',
    )

    const family1 = await recordObserverConsent(deps, admin, {
      observerId: first.observer.id,
      consent: 'family',
      answer: 'given',
      on: '2026-04-30',
      by: 'Ewa Nowak (mother)',
    })
    expect(family1).toMatchObject({ status: 'awaiting_consent', outstanding: ['chair'] })
    const chairForbidden = await refused(() =>
      recordObserverConsent(deps, admin, {
        observerId: first.observer.id,
        consent: 'chair',
        answer: 'given',
        on: '2026-04-30',
        by: 'Chris Chair',
      }),
    )
    expect(chairForbidden).toBeInstanceOf(Forbidden)
    const both = await recordObserverConsent(deps, chair, {
      observerId: first.observer.id,
      consent: 'chair',
      answer: 'given',
      on: '2026-05-01',
      by: 'Chris Chair',
    })
    expect(both).toMatchObject({ status: 'may_observe', outstanding: [] })
    const consentAudits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', first.observer.id)
      .where('action', '=', 'observer.consent_recorded')
      .execute()
    expect(consentAudits).toHaveLength(2)
  })

  test('[rule:P-OBSERVER@kent_medway] an observer the family refused no longer takes Kent’s one place', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'kent_medway')
    const first = await requestObserver(deps, admin, observer(family.conferenceId, 'Olu Observer'))
    await recordObserverConsent(deps, admin, {
      observerId: first.observer.id,
      consent: 'family',
      answer: 'refused',
      on: '2026-04-30',
      by: 'Ewa Nowak',
    })
    const second = await requestObserver(deps, admin, observer(family.conferenceId, 'Sasha Second'))
    expect(second.status).toBe('awaiting_consent')
  })

  test('[rule:P-OBSERVER@london,york] London and York set no limit on observers', async () => {
    for (const profileId of ['london', 'york']) {
      const family = await nowakFamily()
      const deps = makeDeps(db(), profileId)
      await requestObserver(deps, admin, observer(family.conferenceId, 'Olu Observer'))
      const second = await requestObserver(deps, admin, observer(family.conferenceId, 'Sasha Second'))
      expect(second.rules.maxObservers).toBeNull()
    }
  })

  test('[rule:P-OBSERVER@york] York asks the chair, the child of sufficient understanding and those with parental responsibility, not “the family”', async () => {
    const family = await nowakFamily()
    const deps = makeDeps(db(), 'york')
    const requested = await requestObserver(deps, admin, observer(family.conferenceId, 'Olu Observer'))
    expect(requested.outstanding).toEqual([
      'chair',
      'child_if_sufficient_understanding',
      'parental_responsibility_holders',
    ])
    const error = await refused(() =>
      recordObserverConsent(deps, admin, {
        observerId: requested.observer.id,
        consent: 'family',
        answer: 'given',
        on: '2026-04-30',
        by: 'Ewa Nowak',
      }),
    )
    expect(fieldsOf(error)).toEqual(['consent'])
    const child = await recordObserverConsent(deps, admin, {
      observerId: requested.observer.id,
      consent: 'child_if_sufficient_understanding',
      answer: 'not_applicable',
      on: '2026-04-30',
      by: 'Social worker’s assessment',
      note: 'Jan is 5; Zofia agreed.',
    })
    expect(child.outstanding).toEqual(['chair', 'parental_responsibility_holders'])
  })

  test('[rule:T-OBSERVER-CONSENT@london] an observer cannot be asked for on the day, when consent can no longer be obtained before it', async () => {
    const family = await nowakFamily()
    const error = await refused(() =>
      requestObserver(
        makeDeps(db(), 'london', '2026-05-12T08:00:00Z'),
        admin,
        observer(family.conferenceId, 'Late Larry'),
      ),
    )
    expect(fieldsOf(error)).toEqual(['conferenceId'])
  })

  test('[rule:P-OBSERVER@wakefield] where the procedure is silent on observers, the request is recorded and the silence shown', async () => {
    const family = await nowakFamily()
    const result = await requestObserver(
      makeDeps(db(), 'wakefield'),
      admin,
      observer(family.conferenceId, 'Olu Observer'),
    )
    expect(result.rules.note.status).toBe('silent')
    expect(result.rules.consents).toEqual([])
  })
})

describe('recordParentNotAttending', () => {
  /**
   * Ewa Nowak invited to her family's conference under `profileId` (on the list the chair agreed,
   * where the procedure asks for one); `notAttending` records, as the administrator, that she will
   * not attend, with `input`.
   */
  async function invitedMother(profileId: string) {
    const family = await nowakFamily()
    const deps = makeDeps(db(), profileId)
    if (profileId === 'york')
      await agreeInvitationList(deps, chair, {
        conferenceId: family.conferenceId,
        invitees: [{ personId: family.ewa }],
      })
    await inviteToConference(deps, admin, {
      conferenceId: family.conferenceId,
      invitees: [{ personId: family.ewa, role: 'parent', sentVia: 'by_hand' }],
    })
    const notAttending = (input: object) =>
      recordParentNotAttending(deps, admin, {
        conferenceId: family.conferenceId,
        personId: family.ewa,
        ...input,
      })
    return { notAttending }
  }

  test('[rule:P-PARENT-ABSENT@kent_medway] in Kent an advocate attends in the parent’s place only with the chair’s agreement and the parent’s written confirmation', async () => {
    const { notAttending } = await invitedMother('kent_medway')
    const input = {
      reason: 'Finds the meeting too distressing',
      viewsRoutes: ['in_writing', 'through_representative'],
      viewsInWriting: { receivedOn: '2026-04-29', summary: 'Disagrees with the school’s account.' },
      representative: { role: 'advocate', name: 'Rhiannon Advocate' },
    }
    const error = await refused(() => notAttending(input))
    expect(fieldsOf(error)).toEqual([
      'representative.chairAgreed',
      'representative.writtenParentalConfirmation',
    ])

    const result = await notAttending({
      ...input,
      representative: { ...input.representative, chairAgreed: true, writtenParentalConfirmation: true },
    })
    expect(result.invitation.response).toBe('not_attending')
    expect(result.invitation.details.absence).toMatchObject({
      viewsRoutes: ['in_writing', 'through_representative'],
      viewsInWriting: { receivedOn: '2026-04-29', summary: 'Disagrees with the school’s account.' },
      representative: { role: 'advocate', name: 'Rhiannon Advocate', chairAgreed: true },
    })
    expect(result.rules.viewsRoutes).toEqual(['in_writing', 'meeting_with_chair', 'relayed_by_professional'])
    expect(await auditActions(db(), result.invitation.id)).toContainEqual({
      action: 'invitation.parent_not_attending',
    })
  })

  test('[rule:P-PARENT-ABSENT@london] in London an advocate or solicitor may attend in a parent’s place, not a supporter', async () => {
    const { notAttending } = await invitedMother('london')
    const error = await refused(() =>
      notAttending({
        viewsRoutes: ['through_representative'],
        representative: { role: 'supporter', name: 'Kim Friend' },
      }),
    )
    expect(fieldsOf(error)).toEqual(['representative.role'])
    const result = await notAttending({
      viewsRoutes: ['through_representative'],
      representative: { role: 'solicitor', name: 'Jay Solicitor' },
    })
    expect(result.invitation.details.absence?.representative?.role).toBe('solicitor')
  })

  test('[rule:P-PARENT-ABSENT@staffs_stoke] where the procedure is silent, the arrangement is recorded and the silence shown', async () => {
    const { notAttending } = await invitedMother('staffs_stoke')
    const result = await notAttending({
      viewsRoutes: ['relayed_by_social_worker'],
      representative: { role: 'supporter', name: 'Kim Friend' },
    })
    expect(result.rules.note.status).toBe('silent')
    expect(result.invitation.response).toBe('not_attending')
  })

  test('[rule:P-PARENT-ABSENT@wakefield,york] Wakefield names nobody to attend in a parent’s place; York an advocate', async () => {
    const wakefield = await invitedMother('wakefield')
    const nobody = await refused(() =>
      wakefield.notAttending({
        viewsRoutes: ['relayed_by_chair'],
        representative: { role: 'advocate', name: 'Rhiannon Advocate' },
      }),
    )
    expect(fieldsOf(nobody)).toEqual(['representative.role'])
    const relayed = await wakefield.notAttending({ viewsRoutes: ['relayed_by_social_worker'] })
    expect(relayed.rules.viewsRoutes).toEqual(['relayed_by_chair', 'relayed_by_social_worker'])

    const york = await invitedMother('york')
    const supporter = await refused(() =>
      york.notAttending({
        viewsRoutes: ['through_representative'],
        representative: { role: 'solicitor', name: 'Jay Solicitor' },
      }),
    )
    expect(fieldsOf(supporter)).toEqual(['representative.role'])
    const advocate = await york.notAttending({
      viewsRoutes: ['video_call', 'through_representative'],
      representative: { role: 'advocate', name: 'Rhiannon Advocate' },
    })
    expect(advocate.invitation.details.absence?.representative?.role).toBe('advocate')
  })

  test('refuses a parent who was not invited, and a person who is not a parent or carer', async () => {
    const family = await nowakFamily()
    const error = await refused(() =>
      recordParentNotAttending(makeDeps(db(), 'york'), admin, {
        conferenceId: family.conferenceId,
        personId: family.ewa,
        viewsRoutes: ['in_writing'],
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'personId', message: 'Ewa Nowak has not been invited to this conference' },
    ])
    const notParent = await refused(() =>
      recordParentNotAttending(makeDeps(db(), 'york'), admin, {
        conferenceId: family.conferenceId,
        personId: family.tomasz,
        viewsRoutes: [],
      }),
    )
    expect(fieldsOf(notParent)).toEqual(['viewsRoutes'])
  })
})
