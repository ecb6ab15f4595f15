import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type DisclosureChoices,
  disclosureChoices,
  disclosuresAboutCase,
  recordDisclosure,
} from '../../../app/disclosure/record-disclosure.ts'
import { NotFound, ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { conferenceKindWords } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews, type FieldMap, formErrorsOf } from '../cases/form-errors.ts'
import { bodyOf, dateInput, type FormBody, textInput } from '../cases/form-reading.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { BASIS_WORDS, CONSENT_BY_WORDS, procedureLine } from './present.ts'

/**
 * Disclosure of a conference's records to a third party (DIST-THIRD-PARTY):
 * GET /cases/:caseId/disclosures lists what has been passed on, to whom and on what basis;
 * GET and POST /cases/:caseId/disclosures/new records one, refused unless its basis is one the
 * council's procedure accepts.
 */

const FIELDS: FieldMap = new Map([
  [
    'conferenceId',
    {
      id: 'conferenceId',
      label: 'Conference',
      whenMissing: 'Select the conference whose records are passed on',
    },
  ],
  ['recipientName', { id: 'recipientName', label: 'Name of the person receiving them' }],
  ['recipientOrganisation', { id: 'recipientOrganisation', label: 'Their organisation' }],
  ['what', { id: 'what', label: 'What is passed on' }],
  ['purpose', { id: 'purpose', label: 'What it is for' }],
  ['basis', { id: 'basis', label: 'The basis', whenMissing: 'Select the basis for the disclosure' }],
  ['consentBy', { id: 'consent', label: 'Whose consent' }],
  ['consentUserId', { id: 'consent', label: 'Whose consent', whenMissing: 'Select whose consent was given' }],
  ['consentGivenOn', { id: 'consentGivenOn', label: 'Date consent was given', date: true }],
  ['consentHow', { id: 'consentHow', label: 'How consent was given' }],
  ['courtOrderReference', { id: 'courtOrderReference', label: 'Court order reference' }],
  ['courtOrderMadeOn', { id: 'courtOrderMadeOn', label: 'Date the order was made', date: true }],
  ['court', { id: 'court', label: 'Court' }],
  ['otherBasis', { id: 'otherBasis', label: 'The basis' }],
])

const TEXT_FIELDS = [
  'conferenceId',
  'recipientName',
  'recipientOrganisation',
  'what',
  'purpose',
  'basis',
  'consentHow',
  'courtOrderReference',
  'court',
  'otherBasis',
] as const

function readForm(
  body: FormBody,
  caseId: string,
): { values: FormValues; errors: FormError[]; input: Record<string, string> } {
  const values: FormValues = {}
  const errors: FormError[] = []
  const input: Record<string, string> = { caseId }
  for (const name of TEXT_FIELDS) {
    const value = textInput(body, name, values)
    if (value !== undefined) input[name] = value
  }
  const consent = textInput(body, 'consent', values)
  if (consent !== undefined && input.basis === 'consent') {
    const [by = '', userId = ''] = consent.split(':')
    input.consentBy = by
    input.consentUserId = userId
  }
  for (const [name, label] of [
    ['consentGivenOn', 'Date consent was given'],
    ['courtOrderMadeOn', 'Date the order was made'],
  ] as const) {
    const date = dateInput(body, name, label, values, errors)
    if (date !== undefined) input[name] = date
  }
  // Only the fields of the basis chosen are sent: the others may hold what was typed before a change of mind.
  const keep: Record<string, readonly string[]> = {
    consent: ['consentBy', 'consentUserId', 'consentGivenOn', 'consentHow'],
    court_order: ['courtOrderReference', 'courtOrderMadeOn', 'court'],
    other: ['otherBasis'],
  }
  for (const [basis, names] of Object.entries(keep))
    if (input.basis !== basis) for (const name of names) delete input[name]
  return { values, errors, input }
}

function formPage(
  request: FastifyRequest,
  reply: FastifyReply,
  choices: DisclosureChoices,
  values: FormValues,
  errors: readonly FormError[],
) {
  const { errorMap, errorList } = errorViews(errors)
  const procedure = choices.procedure
  const silent = procedure.consentBy === null
  const conferenceWords = (one: { kind: string; date: string }) =>
    `${conferenceKindWords(one.kind)}, ${dateOnPage(one.date)}`
  const consenters = choices.conferences.flatMap((conference) =>
    conference.consenters
      .filter((one) => silent || procedure.consentBy?.includes(one.by))
      .map((one) => ({
        value: `${one.by}:${one.userId}`,
        text: `${one.name}, ${CONSENT_BY_WORDS[one.by]} (${conferenceWords(conference)})`,
      })),
  )
  const bases = [
    { value: 'consent', text: 'Consent', conditional: 'consent' },
    ...(silent || procedure.courtOrder === true
      ? [{ value: 'court_order', text: 'A court order', conditional: 'court' }]
      : []),
    ...(silent ? [{ value: 'other', text: 'Another basis', conditional: 'other' }] : []),
  ]
  return renderPage(request, reply, 'pages/disclosure/disclosure-form.njk', {
    pageTitle: 'Record a disclosure of conference records',
    choices,
    conferenceItems: choices.conferences.map((one) => ({ value: one.id, text: conferenceWords(one) })),
    consentItems: [{ value: '', text: 'Choose whose consent was given' }, ...consenters],
    bases,
    accepted: choices.accepted,
    procedureLine: procedureLine(procedure.note),
    values,
    errors: errorMap,
    errorList,
  })
}

export function disclosurePages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/cases/:caseId/disclosures', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const listed = await disclosuresAboutCase(deps, actorFor(request), { caseId })
    const conferences = new Map(listed.conferences.map((one) => [one.id, one]))
    return renderPage(request, reply, 'pages/disclosure/disclosures.njk', {
      pageTitle: `Disclosures of the ${listed.familyName} family’s conference records`,
      listed,
      procedureLine: procedureLine(listed.procedure.note),
      rows: listed.disclosures.map((one) => {
        const conference = conferences.get(one.conferenceId)
        return {
          when: momentOnPage(one.decidedAt),
          conference: conference
            ? `${conferenceKindWords(conference.kind)}, ${dateOnPage(conference.date)}`
            : 'A cancelled conference',
          to: `${one.recipientName}, ${one.recipientOrganisation}`,
          what: one.what,
          purpose: one.purpose,
          basis:
            one.basis === 'consent' && one.consent
              ? `Consent of ${one.consentName}, ${CONSENT_BY_WORDS[one.consent.by]}, given ${dateOnPage(one.consent.givenOn)}`
              : one.basis === 'court_order' && one.courtOrder
                ? `Court order ${one.courtOrder.reference}, made ${dateOnPage(one.courtOrder.madeOn)}${one.courtOrder.court ? ` (${one.courtOrder.court})` : ''}`
                : `${BASIS_WORDS[one.basis]}: ${one.otherBasis ?? ''}`,
          decidedBy: one.decidedByName,
        }
      }),
    })
  })

  app.get('/cases/:caseId/disclosures/new', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const choices = await disclosureChoices(deps, actorFor(request), { caseId })
    return formPage(request, reply, choices, {}, [])
  })

  app.post(
    '/cases/:caseId/disclosures/new',
    {
      config: {
        formPage: async (request, reply, errors) => {
          const { caseId } = request.params as { caseId: string }
          const choices = await disclosureChoices(deps, actorFor(request), { caseId })
          return formPage(request, reply, choices, readForm(bodyOf(request.body), caseId).values, errors)
        },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params as { caseId: string }
      const form = readForm(bodyOf(request.body), caseId)
      if (form.errors.length > 0) throw new FormInvalid(form.errors)
      try {
        await recordDisclosure(deps, actorFor(request), form.input)
      } catch (error) {
        if (error instanceof ValidationFailed) {
          // The address names no case: there is no form to show again.
          if (error.issues.some((issue) => issue.field === 'caseId')) throw new NotFound('The case')
          throw new FormInvalid(formErrorsOf(error.issues, FIELDS))
        }
        throw error
      }
      return reply.redirect(`/cases/${caseId}/disclosures`, 303)
    },
  )
}
