import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allowedCaseActions } from '../../../app/cases/case-actions.ts'
import { findPeople, type PeopleFound } from '../../../app/cases/find-people.ts'
import { type OpenCases, openCases } from '../../../app/cases/open-cases.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { dateOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { errorViews, type FieldMap, formErrorsOf } from './form-errors.ts'
import { bodyOf, dateInput, type FormBody, textInput } from './form-reading.ts'
import { ADULT_ROLE_LABELS } from './present-case.ts'

/**
 * GET /cases, "Find a case": people found by name, date of birth or address, each linked to their
 * case; then the open cases with who they are allocated to. The search is a GET form, so a search can
 * be repeated with the browser's back button; the log records the route, never the query.
 */

const SEARCH_FIELDS: FieldMap = new Map([
  ['name', { id: 'name', label: 'Name', bare: true }],
  ['dateOfBirth', { id: 'dateOfBirth', label: 'Date of birth', date: true, bare: true }],
  ['address', { id: 'address', label: 'Address', bare: true }],
])

interface SearchForm {
  searched: boolean
  values: FormValues
  errors: FormError[]
  input: { name?: string; dateOfBirth?: string; address?: string }
}

function readSearch(query: FormBody): SearchForm {
  const values: FormValues = {}
  const errors: FormError[] = []
  const searched = ['name', 'address', 'dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'].some(
    (name) => name in query,
  )
  const name = textInput(query, 'name', values)
  const dateOfBirth = dateInput(query, 'dateOfBirth', 'Date of birth', values, errors)
  const address = textInput(query, 'address', values)
  const input: SearchForm['input'] = {}
  if (name !== undefined) input.name = name
  if (dateOfBirth !== undefined) input.dateOfBirth = dateOfBirth
  if (address !== undefined) input.address = address
  return { searched, values, errors, input }
}

const ROLE_WORDS: Record<string, string> = { child: 'Child', unborn: 'Unborn child', ...ADULT_ROLE_LABELS }

async function findPage(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  form: SearchForm,
  errors: readonly FormError[],
  found?: PeopleFound,
  listed?: OpenCases,
) {
  const actor = actorFor(request)
  const open = listed ?? (await openCases(deps, actor))
  const { errorMap, errorList } = errorViews(errors)
  return renderPage(request, reply, 'pages/cases/find.njk', {
    pageTitle: 'Find a case',
    values: form.values,
    errors: errorMap,
    errorList,
    mayOpenCase: allowedCaseActions(deps, actor).openCase,
    found: found && {
      truncated: found.truncated,
      people: found.people.map((person) => ({
        name: `${person.firstName} ${person.lastName}`,
        otherNames: person.otherNames,
        role: ROLE_WORDS[person.role] ?? person.role,
        born: person.dateOfBirth
          ? dateOnPage(person.dateOfBirth)
          : person.expectedDateOfDelivery
            ? `Expected ${dateOnPage(person.expectedDateOfDelivery)}`
            : 'Not recorded',
        address: person.address ?? 'Not recorded',
        caseVisible: person.caseVisible,
        caseHref: `/cases/${person.caseId}`,
        breakGlassHref: `/access/break-glass/cases/${person.caseId}`,
        caseReference: person.caseReference,
        familyName: person.familyName,
        closed: person.caseStatus === 'closed',
      })),
    },
    openCases: {
      truncated: open.truncated,
      cases: open.cases.map((listed) => ({
        href: `/cases/${listed.id}`,
        reference: listed.reference,
        familyName: listed.familyName,
        socialWorker: listed.socialWorker?.name ?? 'Not allocated',
        team: listed.team ?? 'No team recorded',
        teamManager: listed.teamManager?.name ?? 'Not recorded',
      })),
    },
  })
}

export function findCaseRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/cases',
    {
      config: {
        formPage: (request, reply, errors) =>
          findPage(deps, request, reply, readSearch(bodyOf(request.query)), errors),
      },
    },
    async (request, reply) => {
      // The open cases are read first: a person who may not see them is refused before anything else.
      const open = await openCases(deps, actorFor(request))
      const form = readSearch(bodyOf(request.query))
      if (!form.searched) return findPage(deps, request, reply, form, [], undefined, open)
      if (form.errors.length > 0) throw new FormInvalid(form.errors)
      try {
        const found = await findPeople(deps, actorFor(request), form.input)
        return findPage(deps, request, reply, form, [], found, open)
      } catch (error) {
        if (error instanceof ValidationFailed)
          throw new FormInvalid(formErrorsOf(error.issues, SEARCH_FIELDS))
        throw error
      }
    },
  )
}
