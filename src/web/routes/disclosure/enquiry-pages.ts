import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  designatedManagerPage,
  nameTheDesignatedManager,
} from '../../../app/disclosure/designated-manager.ts'
import { VERIFICATION_WORDS, VERIFICATIONS } from '../../../app/disclosure/enquiry-input.ts'
import {
  type EnquiryMatches,
  enquiryForm,
  findEnquiryMatches,
} from '../../../app/disclosure/find-enquiry-matches.ts'
import { recordEnquiry } from '../../../app/disclosure/record-enquiry.ts'
import { enquiriesAboutCase, showEnquiry } from '../../../app/disclosure/show-enquiries.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews, type FieldMap, formErrorsOf } from '../cases/form-errors.ts'
import { bodyOf, dateInput, type FormBody, textInput, typed } from '../cases/form-reading.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { OUTCOME_WORDS, procedureLine, TOLD_WHY_WORDS } from './present.ts'

/**
 * Enquiries about whether a child is known or on a plan (DIST-ENQUIRIES), in two steps that work
 * without JavaScript: GET /enquiries/new asks who is enquiring, how they were checked and about
 * which child; POST with "Find the child" lists the children on record who match; POST with
 * "Record and show the answer" logs the enquiry and shows the answer at /enquiries/:enquiryId.
 * The enquiries about a case's children are at /cases/:caseId/enquiries; the designated manager is
 * named at /enquiries/designated-manager.
 */

const FIELDS: FieldMap = new Map([
  ['enquirerName', { id: 'enquirerName', label: 'Name of the enquirer' }],
  ['enquirerAgency', { id: 'enquirerAgency', label: 'Agency' }],
  ['enquirerRole', { id: 'enquirerRole', label: 'Role' }],
  [
    'enquirerContact',
    { id: 'enquirerContact', label: 'Number called back or address replied to', bare: true },
  ],
  [
    'verifiedHow',
    {
      id: 'verifiedHow',
      label: 'How the enquirer was checked',
      whenMissing: 'Select how the enquirer was checked',
      bare: true,
    },
  ],
  ['verificationNote', { id: 'verificationNote', label: 'Note of the check' }],
  ['reason', { id: 'reason', label: 'Why they are asking' }],
  ['childFirstName', { id: 'childFirstName', label: 'Child’s first name' }],
  ['childLastName', { id: 'childLastName', label: 'Child’s last name' }],
  ['childDateOfBirth', { id: 'childDateOfBirth', label: 'Child’s date of birth', date: true }],
  ['childAddress', { id: 'childAddress', label: 'Child’s address' }],
  [
    'match',
    {
      id: 'match',
      label: 'Which child',
      whenMissing: 'Select the child, or say none of them is the child',
      bare: true,
    },
  ],
  ['advice', { id: 'advice', label: 'Advice given to the enquirer', bare: true }],
])

const TEXT_FIELDS = [
  'enquirerName',
  'enquirerAgency',
  'enquirerRole',
  'enquirerContact',
  'verificationNote',
  'reason',
  'childFirstName',
  'childLastName',
  'childAddress',
] as const

interface EnquiryForm {
  values: FormValues
  errors: FormError[]
  details: Record<string, string>
  recording: boolean
  match: string | undefined
  advice: string | undefined
}

function readForm(body: FormBody): EnquiryForm {
  const values: FormValues = {}
  const errors: FormError[] = []
  const details: Record<string, string> = {}
  for (const name of TEXT_FIELDS) {
    const value = textInput(body, name, values)
    if (value !== undefined) details[name] = value
  }
  const verifiedHow = textInput(body, 'verifiedHow', values)
  if (verifiedHow !== undefined) details.verifiedHow = verifiedHow
  const dob = dateInput(body, 'childDateOfBirth', 'Child’s date of birth', values, errors)
  if (dob !== undefined) details.childDateOfBirth = dob
  return {
    values,
    errors,
    details,
    recording: typed(body, 'action') === 'record',
    match: textInput(body, 'match', values),
    advice: textInput(body, 'advice', values),
  }
}

const born = (child: { dateOfBirth: string | null; expectedDateOfDelivery: string | null }) =>
  child.dateOfBirth
    ? dateOnPage(child.dateOfBirth)
    : child.expectedDateOfDelivery
      ? `Expected ${dateOnPage(child.expectedDateOfDelivery)}`
      : 'Not recorded'

async function enquiryPage(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  form: EnquiryForm | null,
  errors: readonly FormError[],
  found?: EnquiryMatches,
) {
  const procedure = found?.procedure ?? enquiryForm(deps, actorFor(request))
  const { errorMap, errorList } = errorViews(errors)
  return renderPage(request, reply, 'pages/disclosure/enquiry-form.njk', {
    pageTitle: 'Answer an enquiry about a child',
    values: form?.values ?? {},
    errors: errorMap,
    errorList,
    verificationItems: VERIFICATIONS.map((code) => ({ value: code, text: VERIFICATION_WORDS[code] })),
    procedure: { ...procedure.note, line: procedureLine(procedure.note) },
    checkFirst: procedure.checkFirst,
    adviceAsked: procedure.recordAdviceIfNotKnown,
    found: found && {
      truncated: found.truncated,
      items: [
        ...found.matches.map((child) => ({
          value: child.personId,
          text: `${child.firstName} ${child.lastName}`,
          hint: {
            text: `Born: ${born(child)}. Address: ${child.address ?? 'not recorded'}. Case ${child.caseReference}${child.caseOpen ? '' : ' (closed)'}.`,
          },
        })),
        ...(found.matches.length > 0 ? [{ divider: 'or' }] : []),
        {
          value: 'none',
          text:
            found.matches.length > 0
              ? 'None of these is the child: the child is not known'
              : 'No child on record matches: the child is not known',
        },
      ],
    },
  })
}

/** The matches for a form being shown again, where its details are complete enough to search. */
async function matchesFor(deps: AppDeps, request: FastifyRequest, form: EnquiryForm) {
  try {
    return await findEnquiryMatches(deps, actorFor(request), form.details)
  } catch (error) {
    if (error instanceof ValidationFailed) return undefined
    throw error
  }
}

export function enquiryRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/enquiries/new', async (request, reply) => enquiryPage(deps, request, reply, null, []))

  app.post(
    '/enquiries/new',
    {
      config: {
        formPage: async (request, reply, errors) => {
          const form = readForm(bodyOf(request.body))
          const found = form.recording ? await matchesFor(deps, request, form) : undefined
          return enquiryPage(deps, request, reply, form, errors, found)
        },
      },
    },
    async (request, reply) => {
      const form = readForm(bodyOf(request.body))
      if (form.errors.length > 0) throw new FormInvalid(form.errors)
      try {
        if (!form.recording) {
          const found = await findEnquiryMatches(deps, actorFor(request), form.details)
          return enquiryPage(deps, request, reply, form, [], found)
        }
        const enquiry = await recordEnquiry(deps, actorFor(request), {
          ...form.details,
          ...(form.match !== undefined ? { match: form.match } : {}),
          ...(form.advice !== undefined ? { advice: form.advice } : {}),
        })
        return reply.redirect(`/enquiries/${enquiry.id}`, 303)
      } catch (error) {
        if (error instanceof ValidationFailed) throw new FormInvalid(formErrorsOf(error.issues, FIELDS))
        throw error
      }
    },
  )

  app.get('/enquiries/designated-manager', async (request, reply) => {
    const page = await designatedManagerPage(deps, actorFor(request))
    return designatedPage(request, reply, page, [])
  })

  app.post(
    '/enquiries/designated-manager',
    {
      config: {
        formPage: async (request, reply, errors) =>
          designatedPage(request, reply, await designatedManagerPage(deps, actorFor(request)), errors),
      },
    },
    async (request, reply) => {
      const userId = typed(bodyOf(request.body), 'userId')
      try {
        await nameTheDesignatedManager(deps, actorFor(request), userId === '' ? {} : { userId })
      } catch (error) {
        if (error instanceof ValidationFailed)
          throw new FormInvalid(
            formErrorsOf(
              error.issues,
              new Map([
                [
                  'userId',
                  { id: 'userId', label: 'Designated manager', whenMissing: 'Select a team manager' },
                ],
              ]),
            ),
          )
        throw error
      }
      return reply.redirect('/enquiries/designated-manager', 303)
    },
  )

  app.get('/enquiries/:enquiryId', async (request, reply) => {
    const { enquiryId } = request.params as { enquiryId: string }
    const shown = await showEnquiry(deps, actorFor(request), { enquiryId })
    const { enquiry } = shown
    return renderPage(request, reply, 'pages/disclosure/enquiry-answer.njk', {
      pageTitle: 'The answer to give',
      enquiry,
      received: momentOnPage(enquiry.receivedAt),
      answeredBy: shown.answeredByName,
      outcome: OUTCOME_WORDS[enquiry.outcome] ?? enquiry.outcome,
      verification: VERIFICATION_WORDS[enquiry.enquirer.verifiedHow],
      childBorn: enquiry.child.dateOfBirth ? dateOnPage(enquiry.child.dateOfBirth) : 'Not given',
      caseHref: enquiry.caseId ? `/cases/${enquiry.caseId}` : null,
      caseReference: shown.caseReference,
      told: enquiry.told.map((one) => ({ name: one.name, why: TOLD_WHY_WORDS[one.why] })),
      alerted: enquiry.told.some((one) => one.why === 'designated_manager'),
      earlier: shown.earlier.map((one) => ({
        href: `/enquiries/${one.id}`,
        when: momentOnPage(one.receivedAt),
        who: `${one.enquirer.name}, ${one.enquirer.role}, ${one.enquirer.agency}`,
        answer: one.answer,
      })),
      procedureLine: procedureLine(enquiry.procedure),
    })
  })

  app.get('/cases/:caseId/enquiries', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const listed = await enquiriesAboutCase(deps, actorFor(request), { caseId })
    return renderPage(request, reply, 'pages/disclosure/case-enquiries.njk', {
      pageTitle: `Enquiries about the ${listed.familyName} family’s children`,
      listed,
      rows: listed.enquiries.map((one) => ({
        when: momentOnPage(one.receivedAt),
        child: `${one.child.firstName} ${one.child.lastName}`,
        who: `${one.enquirer.name}, ${one.enquirer.role}, ${one.enquirer.agency}`,
        answer: one.answer,
        told: one.told.map((told) => `${told.name} (${TOLD_WHY_WORDS[told.why]})`).join('; ') || 'Nobody',
        alert: one.alertRaised,
        answeredBy: one.answeredByName,
      })),
    })
  })
}

async function designatedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Awaited<ReturnType<typeof designatedManagerPage>>,
  errors: readonly FormError[],
) {
  const { errorMap, errorList } = errorViews(errors)
  return renderPage(request, reply, 'pages/disclosure/designated-manager.njk', {
    pageTitle: 'The designated manager for enquiries',
    current: page.current,
    history: page.history.map((one) => ({
      name: one.name,
      from: momentOnPage(one.namedAt),
      until: one.endedAt ? momentOnPage(one.endedAt) : 'Now',
    })),
    choices: [
      { value: '', text: 'Choose a team manager' },
      ...page.choices.map((one) => ({
        value: one.id,
        text: one.team ? `${one.name} (${one.team})` : one.name,
        selected: page.current?.userId === one.id,
      })),
    ],
    procedureLine: procedureLine(page.procedure.note),
    procedureSilent: page.procedure.note.status === 'silent',
    errors: errorMap,
    errorList,
    values: {},
  })
}
