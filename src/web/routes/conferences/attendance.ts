import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type ConferencePreparation,
  conferencePreparation,
} from '../../../app/conferences/conference-preparation.ts'
import { arrangeInterpreter } from '../../../app/invitations/arrange-interpreter.ts'
import { recordChildParticipation } from '../../../app/invitations/record-child-participation.ts'
import { recordObserverConsent } from '../../../app/invitations/record-observer-consent.ts'
import { requestObserver } from '../../../app/invitations/request-observer.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import {
  CHAIR_DECISIONS,
  CHILD_WISHES,
  CONSENT_WORDS,
  type ObserverConsentCode,
} from '../../../domain/conference/attendance-rules.ts'
import { actorFor, signedInWith } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type FormError, type FormValues, readDate } from '../deadlines/form-fields.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import { attempt, bodyOf, type FieldLabels, formView, given, keptValues } from './form-support.ts'
import { conferenceHeader, conferencePath, ruleNote } from './present.ts'

/**
 * Who else takes part: interpreters (/conferences/:conferenceId/interpreters, P-INTERPRETER: never a
 * member of the family where the procedure says so), the children's participation (…/children,
 * P-CHILD-AGE and P-CHILD-WISH) and observers with their consents (…/observers, P-OBSERVER and
 * T-OBSERVER-CONSENT, within the procedure's limit).
 */

type Params = { conferenceId: string }

const WISH_WORDS: Record<string, string> = {
  attend: 'To attend',
  attend_part: 'To attend part of it',
  not_attend: 'Not to attend',
  not_known: 'Not known yet',
}

const DECISION_WORDS: Record<string, string> = {
  attend: 'Attends',
  attend_part: 'Attends part of it',
  views_only: 'Their views are heard; they do not attend',
  not_invited: 'Not invited',
}

const OBSERVER_STATUS: Record<string, { text: string; classes: string }> = {
  awaiting_consent: { text: 'Awaiting consent', classes: 'govuk-tag--yellow' },
  may_observe: { text: 'May observe', classes: 'govuk-tag--green' },
  refused: { text: 'Consent refused', classes: 'govuk-tag--red' },
}

const ANSWER_WORDS: Record<string, string> = {
  given: 'Given',
  refused: 'Refused',
  not_applicable: 'Not applicable (the child is not of sufficient understanding)',
}

const INTERPRETER_LABELS: FieldLabels = {
  forPersonId: { label: 'Who the interpreter is for' },
  language: { label: 'Language' },
  'interpreter.name': { label: 'Interpreter’s name' },
  'interpreter.agency': { label: 'Interpreting service' },
  'interpreter.personId': { label: 'The interpreter' },
}

const CHILD_LABELS: FieldLabels = {
  childId: { label: 'Child', anchor: 'wish' },
  wish: { label: 'The child’s wish' },
  wishesInTheirWords: { label: 'Their words' },
  viewsHeardBy: { label: 'How their views will be heard' },
  chairDecision: { label: 'The chair’s decision' },
  chairReasons: { label: 'The chair’s reasons' },
  agreedWithSocialWorker: { label: 'Agreement with the social worker' },
}

const OBSERVER_LABELS: FieldLabels = {
  conferenceId: { label: 'The conference', anchor: 'name' },
  name: { label: 'Name' },
  agency: { label: 'Agency' },
  purpose: { label: 'Why they wish to observe' },
}

const CONSENT_LABELS: FieldLabels = {
  observerId: { label: 'Observer', anchor: 'consent' },
  consent: { label: 'Whose consent' },
  answer: { label: 'The answer' },
  on: { label: 'The date', anchor: 'on-day' },
  by: { label: 'Who gave it' },
  note: { label: 'Note' },
}

const DONE: Record<string, string> = {
  interpreter: 'The interpreter has been arranged.',
  child: 'The child’s participation has been recorded.',
  observer: 'The observer has been asked for. Record each consent as it is given.',
  consent: 'The consent has been recorded.',
}

export function attendanceRoutes(app: FastifyInstance, deps: AppDeps): void {
  const load = (request: FastifyRequest) =>
    conferencePreparation(deps, actorFor(request), {
      conferenceId: (request.params as Params).conferenceId,
    })
  const doneOf = (request: FastifyRequest) => {
    const done = (request.query as { done?: string }).done
    return done ? (DONE[done] ?? null) : null
  }
  const personName = (preparation: ConferencePreparation, id: string | null) => {
    const person = preparation.people.find((p) => p.id === id)
    return person ? `${person.firstName} ${person.lastName}` : 'Unknown'
  }

  // Interpreters ---------------------------------------------------------------------------------

  const renderInterpreters = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    values: FormValues,
    errors: FormError[],
  ) => {
    const form = formView(values, errors)
    const people = preparation.people.filter((person) => person.role !== 'unborn')
    const option = (person: (typeof people)[number], name: string) => ({
      value: person.id,
      text: `${person.firstName} ${person.lastName} (${person.role.replaceAll('_', ' ')})`,
      selected: values[name] === person.id,
    })
    const needs = preparation.invitations.filter((i) => i.needs.interpreterLanguage)
    return renderPage(request, reply, 'pages/conferences/interpreters.njk', {
      pageTitle: 'Interpreters',
      form,
      errorList: form.errorList,
      done: doneOf(request),
      header: conferenceHeader(preparation),
      rule: ruleNote(preparation.procedure.interpreter),
      needs: needs.map((i) => ({ name: i.name, language: i.needs.interpreterLanguage })),
      interpreters: preparation.interpreters.map((arrangement) => ({
        forName: personName(preparation, arrangement.forPersonId),
        language: arrangement.language,
        name: arrangement.interpreterName,
        agency: arrangement.agency,
        familyMember: arrangement.interpreterPersonId !== null,
      })),
      forItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((person) => option(person, 'forPersonId')),
      ],
      familyItems: [
        { value: '', text: 'No: a trained or professional interpreter' },
        ...people.map((person) => option(person, 'interpreter-personId')),
      ],
    })
  }

  app.get('/conferences/:conferenceId/interpreters', async (request, reply) =>
    renderInterpreters(request, reply, await load(request), {}, []),
  )

  app.post('/conferences/:conferenceId/interpreters', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const values = keptValues(body, [
      'forPersonId',
      'language',
      'interpreter-name',
      'interpreter-agency',
      'interpreter-personId',
    ])
    const arranged = await attempt(
      () =>
        arrangeInterpreter(deps, actorFor(request), {
          conferenceId,
          forPersonId: given(body, 'forPersonId'),
          language: given(body, 'language'),
          interpreter: {
            name: given(body, 'interpreter-name'),
            agency: given(body, 'interpreter-agency'),
            personId: given(body, 'interpreter-personId'),
          },
        }),
      INTERPRETER_LABELS,
      'forPersonId',
    )
    if (!arranged.ok) {
      reply.code(400)
      return renderInterpreters(request, reply, await load(request), values, arranged.errors)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'interpreters')}?done=interpreter`, 303)
  })

  // The children's participation -----------------------------------------------------------------

  const renderChildren = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    forms: Record<string, { values: FormValues; errors: FormError[] }>,
  ) => {
    const isChair = signedInWith(request, 'chair')
    const mayRecord = signedInWith(request, 'chair', 'social_worker', 'team_manager')
    const errors = Object.values(forms).flatMap((form) => form.errors)
    const proposals = new Map(
      preparation.defaultList.proposals.flatMap((proposal) =>
        'personId' in proposal.invitee ? [[proposal.invitee.personId, proposal] as const] : [],
      ),
    )
    return renderPage(request, reply, 'pages/conferences/children.njk', {
      pageTitle: 'The children’s participation',
      errorList: formView({}, errors).errorList,
      done: doneOf(request),
      header: conferenceHeader(preparation),
      ageRule: ruleNote(preparation.procedure.childAge),
      wishRule: ruleNote(preparation.procedure.childWish),
      isChair,
      mayRecord,
      children: preparation.children.map((child) => {
        const record = child.participation
        const proposal = proposals.get(child.id)
        const own = forms[child.id]
        const values: FormValues = own?.values ?? {
          wish: record?.wish ?? '',
          wishesInTheirWords: record?.wishesInTheirWords ?? '',
          viewsHeardBy: record?.viewsHeardBy ?? '',
          chairDecision: record?.chairDecision ?? '',
          chairReasons: record?.chairReasons ?? '',
        }
        const form = formView(values, own?.errors ?? [])
        return {
          id: child.id,
          name: child.name,
          unborn: child.unborn,
          born: child.dateOfBirth ? dateInWords(child.dateOfBirth) : null,
          presumption: proposal
            ? { why: proposal.why, rule: proposal.rule, source: proposal.source ?? 'The procedure is silent' }
            : null,
          recorded: record
            ? {
                wish: record.wish ? WISH_WORDS[record.wish] : 'Not recorded',
                words: record.wishesInTheirWords,
                viewsHeardBy: record.viewsHeardBy,
                decision: record.chairDecision ? DECISION_WORDS[record.chairDecision] : null,
                reasons: record.chairReasons,
              }
            : null,
          form,
          wishItems: CHILD_WISHES.map((value) => ({
            value,
            text: WISH_WORDS[value],
            checked: values.wish === value,
          })),
          decisionItems: [
            { value: '', text: 'No decision yet', checked: values.chairDecision === '' },
            ...CHAIR_DECISIONS.map((value) => ({
              value,
              text: DECISION_WORDS[value],
              checked: values.chairDecision === value,
            })),
          ],
          action: conferencePath(preparation.conference.id, `children/${child.id}`),
        }
      }),
    })
  }

  app.get('/conferences/:conferenceId/children', async (request, reply) =>
    renderChildren(request, reply, await load(request), {}),
  )

  app.post('/conferences/:conferenceId/children/:childId', async (request, reply) => {
    const { conferenceId, childId } = request.params as Params & { childId: string }
    const body = bodyOf(request)
    const values = keptValues(body, [
      'wish',
      'wishesInTheirWords',
      'viewsHeardBy',
      'chairDecision',
      'chairReasons',
      'agreedWithSocialWorker',
    ])
    const deciding = given(body, 'chairDecision') !== undefined
    const labels: FieldLabels = Object.fromEntries(
      Object.entries(CHILD_LABELS).map(([name, spec]) => [
        name,
        { label: spec.label, anchor: `${spec.anchor ?? name}-${childId}` },
      ]),
    )
    const recorded = await attempt(
      () =>
        recordChildParticipation(deps, actorFor(request), {
          conferenceId,
          childId,
          wish: given(body, 'wish'),
          wishesInTheirWords: given(body, 'wishesInTheirWords'),
          viewsHeardBy: given(body, 'viewsHeardBy'),
          ...(deciding
            ? {
                chairDecision: given(body, 'chairDecision'),
                chairReasons: given(body, 'chairReasons'),
                agreedWithSocialWorker: values.agreedWithSocialWorker === 'yes',
              }
            : { chairReasons: given(body, 'chairReasons') }),
        }),
      labels,
      `wish-${childId}`,
    )
    if (!recorded.ok) {
      reply.code(400)
      return renderChildren(request, reply, await load(request), {
        [childId]: { values, errors: recorded.errors },
      })
    }
    return reply.redirect(`${conferencePath(conferenceId, 'children')}?done=child`, 303)
  })

  // Observers ------------------------------------------------------------------------------------

  const renderObservers = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    values: FormValues,
    errors: FormError[],
    consentFor: string | null = null,
  ) => {
    const form = formView(values, errors)
    const rules = preparation.procedure.observers
    const isChair = signedInWith(request, 'chair')
    const consentCodes = rules.consents.filter((code) => code !== 'chair' || isChair)
    return renderPage(request, reply, 'pages/conferences/observers.njk', {
      pageTitle: 'Observers',
      form,
      errorList: form.errorList,
      done: doneOf(request),
      header: conferenceHeader(preparation),
      rule: ruleNote(rules.note),
      timing: ruleNote(rules.timing),
      maxObservers: rules.maxObservers,
      consentsNeeded: rules.consents.map((code) => CONSENT_WORDS[code]),
      mayRequest: signedInWith(request, 'conference_administrator', 'chair', 'social_worker', 'team_manager'),
      mayRecordConsent: signedInWith(request, 'conference_administrator', 'chair') && consentCodes.length > 0,
      consentFor,
      observers: preparation.observers.map((view) => ({
        id: view.observer.id,
        name: view.observer.name,
        agency: view.observer.agency,
        purpose: view.observer.purpose,
        status: OBSERVER_STATUS[view.status],
        outstanding: view.outstanding.map((code) => CONSENT_WORDS[code]),
        consents: Object.entries(view.observer.consents).map(([code, consent]) => ({
          whose: CONSENT_WORDS[code as ObserverConsentCode] ?? code,
          answer: ANSWER_WORDS[consent.answer] ?? consent.answer,
          on: dateInWords(consent.on),
          by: consent.by,
        })),
        action: conferencePath(preparation.conference.id, `observers/${view.observer.id}/consents`),
      })),
      consentItems: consentCodes.map((code) => ({
        value: code,
        text: CONSENT_WORDS[code],
        checked: values.consent === code,
      })),
      answerItems: Object.entries(ANSWER_WORDS).map(([value, text]) => ({
        value,
        text,
        checked: values.answer === value,
      })),
    })
  }

  app.get('/conferences/:conferenceId/observers', async (request, reply) => {
    const preparation = await load(request)
    const asked = (request.query as { consentFor?: string }).consentFor
    const awaiting = preparation.observers.filter((view) => view.status === 'awaiting_consent')
    const consentFor = preparation.observers.some((view) => view.observer.id === asked)
      ? (asked as string)
      : awaiting.length === 1
        ? awaiting[0]!.observer.id
        : null
    return renderObservers(request, reply, preparation, {}, [], consentFor)
  })

  app.post('/conferences/:conferenceId/observers', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const values = keptValues(body, ['name', 'agency', 'purpose'])
    const requested = await attempt(
      () =>
        requestObserver(deps, actorFor(request), {
          conferenceId,
          name: given(body, 'name'),
          agency: given(body, 'agency'),
          purpose: given(body, 'purpose'),
        }),
      OBSERVER_LABELS,
      'name',
    )
    if (!requested.ok) {
      reply.code(400)
      return renderObservers(request, reply, await load(request), values, requested.errors)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'observers')}?done=observer`, 303)
  })

  app.post('/conferences/:conferenceId/observers/:observerId/consents', async (request, reply) => {
    const { conferenceId, observerId } = request.params as Params & { observerId: string }
    const body = bodyOf(request)
    const values = keptValues(body, ['consent', 'answer', 'by', 'note'])
    const on = readDate(body, 'on', 'The date', values)
    const recorded = on.error
      ? { ok: false as const, errors: [on.error] }
      : await attempt(
          () =>
            recordObserverConsent(deps, actorFor(request), {
              observerId,
              consent: given(body, 'consent'),
              answer: given(body, 'answer'),
              on: on.value,
              by: given(body, 'by'),
              note: given(body, 'note'),
            }),
          CONSENT_LABELS,
          'consent',
        )
    if (!recorded.ok) {
      reply.code(400)
      return renderObservers(request, reply, await load(request), values, recorded.errors, observerId)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'observers')}?done=consent`, 303)
  })
}
