import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { exportSubjectAccess, previewSubjectAccess } from '../../../app/disclosure/subject-access-export.ts'
import {
  findSubjectAccessPeople,
  RELATIONSHIP_WORDS,
  RELATIONSHIPS,
  recordSubjectAccessRequest,
  requireSubjectAccessHandler,
  type SubjectAccessStart,
  subjectAccessStart,
} from '../../../app/disclosure/subject-access-request.ts'
import { NotFound, ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews, type FieldMap, formErrorsOf } from '../cases/form-errors.ts'
import { bodyOf, dateInput, type FormBody, textInput, typed } from '../cases/form-reading.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { WITHHELD_FROM_WORDS } from './present.ts'

/**
 * Subject access requests: GET /subject-access finds the person; GET and POST
 * /subject-access/people/:personId records a request for their data; GET /subject-access/:requestId
 * shows what the export holds and leaves out; POST /subject-access/:requestId/export gives it, as a
 * JSON file to download or as a page to print, and records that it was given.
 */

const SEARCH_FIELDS: FieldMap = new Map([
  ['name', { id: 'name', label: 'Name', bare: true }],
  ['dateOfBirth', { id: 'dateOfBirth', label: 'Date of birth', date: true, bare: true }],
  ['address', { id: 'address', label: 'Address', bare: true }],
])

const REQUEST_FIELDS: FieldMap = new Map([
  ['requesterName', { id: 'requesterName', label: 'Name of the person asking' }],
  [
    'requesterRelationship',
    { id: 'requesterRelationship', label: 'Who is asking', whenMissing: 'Select who is asking' },
  ],
  ['requesterPersonId', { id: 'requesterPersonId', label: 'The parent or carer asking' }],
  ['receivedOn', { id: 'receivedOn', label: 'Date the request was received', date: true }],
  ['identityChecked', { id: 'identityChecked', label: 'How their identity was checked' }],
])

const PERSON_LABELS: Record<string, string> = {
  role: 'Role in the case',
  firstName: 'First name',
  lastName: 'Last name',
  otherNames: 'Other names',
  dateOfBirth: 'Date of birth',
  expectedDateOfDelivery: 'Expected date of delivery',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  religion: 'Religion',
  firstLanguage: 'First language',
  interpreterLanguage: 'Interpreter language',
  disability: 'Disability',
  nationality: 'Nationality',
  immigrationStatus: 'Immigration status',
  address: 'Address',
  email: 'Email',
  phone: 'Phone',
  livesInHousehold: 'Lives in the household',
  subjectOfConferences: 'A child the conferences are about',
  notSubjectReason: 'Why not a child the conferences are about',
}

const ROLE_WORDS: Record<string, string> = {
  child: 'Child',
  unborn: 'Unborn child',
  parent: 'Parent',
  carer: 'Carer',
  household_member: 'Household member',
  relative: 'Relative',
  advocate: 'Advocate',
  supporter: 'Supporter',
}

function readSearch(query: FormBody) {
  const values: FormValues = {}
  const errors: FormError[] = []
  const searched = ['name', 'address', 'dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'].some(
    (name) => name in query,
  )
  const input: Record<string, string> = {}
  const name = textInput(query, 'name', values)
  if (name !== undefined) input.name = name
  const dateOfBirth = dateInput(query, 'dateOfBirth', 'Date of birth', values, errors)
  if (dateOfBirth !== undefined) input.dateOfBirth = dateOfBirth
  const address = textInput(query, 'address', values)
  if (address !== undefined) input.address = address
  return { searched, values, errors, input }
}

function readRequest(body: FormBody, personId: string) {
  const values: FormValues = {}
  const errors: FormError[] = []
  const input: Record<string, string> = { personId }
  for (const name of [
    'requesterName',
    'requesterRelationship',
    'requesterPersonId',
    'identityChecked',
  ] as const) {
    const value = textInput(body, name, values)
    if (value !== undefined) input[name] = value
  }
  if (input.requesterRelationship !== 'parent_or_carer') delete input.requesterPersonId
  const receivedOn = dateInput(body, 'receivedOn', 'Date the request was received', values, errors)
  if (receivedOn !== undefined) input.receivedOn = receivedOn
  return { values, errors, input }
}

function requestPage(
  request: FastifyRequest,
  reply: FastifyReply,
  start: SubjectAccessStart,
  values: FormValues,
  errors: readonly FormError[],
) {
  const { errorMap, errorList } = errorViews(errors)
  const person = start.person
  return renderPage(request, reply, 'pages/disclosure/subject-access-person.njk', {
    pageTitle: `A subject access request for ${person.firstName} ${person.lastName}`,
    person: {
      id: person.id,
      name: `${person.firstName} ${person.lastName}`,
      role: ROLE_WORDS[person.role] ?? person.role,
      born: person.dateOfBirth ? dateOnPage(person.dateOfBirth) : 'Not recorded',
    },
    theCase: start.case,
    relationshipItems: RELATIONSHIPS.map((code) => ({ value: code, text: RELATIONSHIP_WORDS[code] })),
    adultItems: [
      { value: '', text: 'Choose the parent or carer' },
      ...start.adults.map((adult) => ({
        value: adult.id,
        text: `${adult.firstName} ${adult.lastName} (${ROLE_WORDS[adult.role] ?? adult.role})`,
      })),
    ],
    requests: start.requests.map((one) => ({
      href: `/subject-access/${one.id}`,
      receivedOn: dateOnPage(one.receivedOn),
      requester: one.requesterName,
    })),
    values,
    errors: errorMap,
    errorList,
  })
}

export function subjectAccessRoutes(app: FastifyInstance, deps: AppDeps): void {
  const findPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: readonly FormError[],
    found?: Awaited<ReturnType<typeof findSubjectAccessPeople>>,
  ) => {
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/disclosure/subject-access-find.njk', {
      pageTitle: 'Subject access requests',
      values,
      errors: errorMap,
      errorList,
      found: found && {
        truncated: found.truncated,
        people: found.people.map((person) => ({
          href: `/subject-access/people/${person.personId}`,
          name: `${person.firstName} ${person.lastName}`,
          role: ROLE_WORDS[person.role] ?? person.role,
          born: person.dateOfBirth ? dateOnPage(person.dateOfBirth) : 'Not recorded',
          address: person.address ?? 'Not recorded',
          caseReference: person.caseReference,
        })),
      },
    })
  }

  app.get(
    '/subject-access',
    {
      config: {
        formPage: (request, reply, errors) =>
          findPage(request, reply, readSearch(bodyOf(request.query)).values, errors),
      },
    },
    async (request, reply) => {
      requireSubjectAccessHandler(actorFor(request))
      const search = readSearch(bodyOf(request.query))
      if (!search.searched) return findPage(request, reply, search.values, [])
      if (search.errors.length > 0) throw new FormInvalid(search.errors)
      try {
        const found = await findSubjectAccessPeople(deps, actorFor(request), search.input)
        return findPage(request, reply, search.values, [], found)
      } catch (error) {
        if (error instanceof ValidationFailed)
          throw new FormInvalid(formErrorsOf(error.issues, SEARCH_FIELDS))
        throw error
      }
    },
  )

  app.get('/subject-access/people/:personId', async (request, reply) => {
    const { personId } = request.params as { personId: string }
    const start = await subjectAccessStart(deps, actorFor(request), { personId })
    return requestPage(request, reply, start, {}, [])
  })

  app.post(
    '/subject-access/people/:personId',
    {
      config: {
        formPage: async (request, reply, errors) => {
          const { personId } = request.params as { personId: string }
          const start = await subjectAccessStart(deps, actorFor(request), { personId })
          return requestPage(
            request,
            reply,
            start,
            readRequest(bodyOf(request.body), personId).values,
            errors,
          )
        },
      },
    },
    async (request, reply) => {
      const { personId } = request.params as { personId: string }
      const form = readRequest(bodyOf(request.body), personId)
      if (form.errors.length > 0) throw new FormInvalid(form.errors)
      try {
        const recorded = await recordSubjectAccessRequest(deps, actorFor(request), form.input)
        return reply.redirect(`/subject-access/${recorded.id}`, 303)
      } catch (error) {
        if (error instanceof ValidationFailed) {
          if (error.issues.some((issue) => issue.field === 'personId')) throw new NotFound('The person')
          throw new FormInvalid(formErrorsOf(error.issues, REQUEST_FIELDS))
        }
        throw error
      }
    },
  )

  app.get('/subject-access/:requestId', async (request, reply) => {
    const { requestId } = request.params as { requestId: string }
    const preview = await previewSubjectAccess(deps, actorFor(request), { requestId })
    const data = preview.export
    return renderPage(request, reply, 'pages/disclosure/subject-access-request.njk', {
      pageTitle: `Subject access request: ${preview.person.firstName} ${preview.person.lastName}`,
      requestId,
      personName: `${preview.person.firstName} ${preview.person.lastName}`,
      theCase: preview.case,
      request: {
        receivedOn: dateOnPage(preview.request.receivedOn),
        requester: preview.request.requesterName,
        onBehalf: RELATIONSHIP_WORDS[preview.request.requesterRelationship],
        requesterPerson: preview.requester
          ? `${preview.requester.firstName} ${preview.requester.lastName}`
          : null,
        identityChecked: preview.request.identityChecked,
        recordedBy: preview.recordedByName,
      },
      counts: {
        conferences: data.conferences.length,
        reports: data.conferences.reduce((sum, one) => sum + one.reports.length, 0),
        enquiries: data.enquiries.length,
        disclosures: data.disclosures.length,
      },
      leftOut: data.leftOut,
      withheld: preview.withheld.map((one) => ({
        report: one.report,
        section: one.section,
        from: WITHHELD_FROM_WORDS[one.from] ?? one.from,
        reason: one.reason,
      })),
      subjectAccessNote: data.procedure.subjectAccess,
      exports: preview.exports.map((one) => ({
        when: momentOnPage(one.exportedAt),
        by: one.exportedByName,
        format: one.format === 'json' ? 'JSON file' : 'Page to print',
        sha256: one.sha256,
      })),
    })
  })

  app.post('/subject-access/:requestId/export', async (request, reply) => {
    const { requestId } = request.params as { requestId: string }
    const format = typed(bodyOf(request.body), 'format') === 'html' ? 'html' : 'json'
    const given = await exportSubjectAccess(deps, actorFor(request), { requestId, format })
    if (format === 'json') {
      const name = `subject-access-${given.person.lastName}-${given.person.firstName}`
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.json"`)
        .header('cache-control', 'no-store')
        .send(given.json)
    }
    const data = given.export
    return renderPage(request, reply, 'pages/disclosure/subject-access-export.njk', {
      pageTitle: data.title,
      data,
      sha256: given.sha256,
      produced: momentOnPage(new Date(data.producedAt)),
      conferences: data.conferences.map((one) => ({
        ...one,
        heading: `${one.kind.charAt(0).toUpperCase()}${one.kind.slice(1)}, ${dateOnPage(one.date)}`,
      })),
      enquiries: data.enquiries.map((one) => ({ ...one, when: momentOnPage(new Date(one.receivedAt)) })),
      disclosures: data.disclosures.map((one) => ({ ...one, when: momentOnPage(new Date(one.decidedAt)) })),
      person: Object.entries(data.person).map(([key, value]) => ({
        key: PERSON_LABELS[key] ?? key,
        value:
          value === null ? 'Not recorded' : value === true ? 'Yes' : value === false ? 'No' : String(value),
      })),
    })
  })
}
