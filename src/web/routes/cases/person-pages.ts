import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { addPerson } from '../../../app/cases/add-person.ts'
import { caseForAction } from '../../../app/cases/case-actions.ts'
import type { AdultSummary, CaseSummary, ChildSummary } from '../../../app/cases/case-summary.ts'
import { updatePerson } from '../../../app/cases/update-person.ts'
import { NotFound, ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { errorViews, type FieldMap, formErrorsOf } from './form-errors.ts'
import { bodyOf, type FormBody, ticked } from './form-reading.ts'
import {
  ADULT_ROLE_ITEMS,
  CENSUS_FIELDS,
  type PersonKind,
  personFieldMap,
  readPerson,
} from './person-form.ts'
import { ADULT_ROLE_LABELS } from './present-case.ts'

/**
 * Adding a child or an adult to a case, and changing a person's details:
 * GET and POST /cases/:caseId/add-child, /cases/:caseId/add-adult and
 * /cases/:caseId/people/:personId/edit. The census details (G-IMMIGRATION's nationality and
 * immigration status among them) are asked for here, every one optional.
 */

type Mode =
  | { kind: PersonKind; adding: true }
  | { kind: PersonKind; adding: false; person: ChildSummary | AdultSummary }

interface PersonForm {
  values: FormValues
  ticks: string[]
  errors: FormError[]
  fields: Record<string, string | boolean | undefined>
}

const DATE_PARTS = ['day', 'month', 'year'] as const

/** A stored date shown in a GOV.UK date input's three boxes. */
function putDate(values: FormValues, name: string, iso: string | null): void {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : []
  const parts = { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year }
  for (const part of DATE_PARTS) values[`${name}-${part}`] = parts[part]
}

/** What the edit page shows first: the person as stored. */
function storedValues(person: ChildSummary | AdultSummary): FormValues {
  const values: FormValues = {
    firstName: person.firstName,
    lastName: person.lastName,
    address: person.address ?? '',
    livesInHousehold: person.livesInHousehold ? 'yes' : 'no',
    subject: person.isSubject ? 'yes' : 'no',
    notSubjectReason: person.notSubjectReason ?? '',
  }
  for (const census of CENSUS_FIELDS) values[census.name] = person[census.name] ?? ''
  putDate(values, 'dateOfBirth', person.dateOfBirth)
  putDate(values, 'expectedDateOfDelivery', person.expectedDateOfDelivery)
  return values
}

function hasInputs(mode: Mode) {
  const unborn = !mode.adding && mode.person.role === 'unborn'
  const born = !mode.adding && mode.person.role === 'child'
  return {
    census: true,
    dateOfBirth: !unborn,
    expectedDateOfDelivery: mode.kind === 'child' && !born,
  }
}

function readPersonForm(body: FormBody, mode: Mode): PersonForm {
  const values: FormValues = {}
  const errors: FormError[] = []
  const { fields } = readPerson(body, '', mode.kind, hasInputs(mode), values, errors)
  const ticks = ticked(
    body,
    mode.kind === 'child' ? 'parentalResponsibilityHeldBy' : 'parentalResponsibilityFor',
  )
  return { values, ticks, errors, fields }
}

function fieldMapFor(mode: Mode): FieldMap {
  const whose = { label: mode.kind === 'child' ? 'the child' : 'this person', ofWhom: '' }
  const map = personFieldMap(mode.adding ? '' : 'changes-', '', whose)
  map.set('parentalResponsibilityHeldBy', {
    id: 'parentalResponsibilityHeldBy',
    label: 'Who holds parental responsibility',
  })
  map.set('parentalResponsibilityFor', {
    id: 'parentalResponsibilityFor',
    label: 'Who they hold parental responsibility for',
  })
  if (mode.adding)
    map.set('role', {
      id: 'role',
      label: 'Relationship',
      whenMissing: 'Select how they are related to the children',
    })
  return map
}

const pageTitle = (mode: Mode) =>
  mode.adding
    ? mode.kind === 'child'
      ? 'Add a child'
      : 'Add an adult'
    : `Change ${mode.person.name}’s details`

async function personPage(
  request: FastifyRequest,
  reply: FastifyReply,
  summary: CaseSummary,
  mode: Mode,
  form: { values: FormValues; ticks: string[] },
  errors: readonly FormError[],
) {
  const values = { ...form.values }
  values.livesInHousehold ||= 'yes'
  const base = `/cases/${summary.case.id}`
  const { errorMap, errorList } = errorViews(errors)
  const inputs = hasInputs(mode)
  return renderPage(request, reply, 'pages/cases/person.njk', {
    pageTitle: pageTitle(mode),
    heading: pageTitle(mode),
    theCase: summary.case,
    caseHref: base,
    action: mode.adding
      ? `${base}/${mode.kind === 'child' ? 'add-child' : 'add-adult'}`
      : `${base}/people/${mode.person.id}/edit`,
    kind: mode.kind,
    adding: mode.adding,
    unborn: !mode.adding && mode.person.role === 'unborn',
    inputs,
    roleWords: mode.adding ? null : (ADULT_ROLE_LABELS[mode.person.role] ?? null),
    values,
    errors: errorMap,
    errorList,
    census: CENSUS_FIELDS,
    adultRoleItems: ADULT_ROLE_ITEMS,
    householdAddress: summary.case.householdAddress,
    familyName: summary.case.familyName,
    responsibility: mode.adding
      ? {
          name: mode.kind === 'child' ? 'parentalResponsibilityHeldBy' : 'parentalResponsibilityFor',
          legend:
            mode.kind === 'child'
              ? 'Who holds parental responsibility for this child?'
              : 'Who do they hold parental responsibility for?',
          items: (mode.kind === 'child' ? summary.adults : summary.children).map((other) => ({
            value: other.id,
            text: other.name,
          })),
          ticked: form.ticks,
        }
      : null,
  })
}

function personOf(summary: CaseSummary, personId: string): ChildSummary | AdultSummary {
  const person = [...summary.children, ...summary.adults].find((one) => one.id === personId)
  if (!person) throw new NotFound('The person')
  return person
}

const kindOf = (person: { role: string }): PersonKind =>
  person.role === 'child' || person.role === 'unborn' ? 'child' : 'adult'

export function personRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const kind of ['child', 'adult'] as const) {
    const address = `/cases/:caseId/add-${kind}`
    const mode: Mode = { kind, adding: true }

    app.get(address, async (request, reply) => {
      const { caseId } = request.params as { caseId: string }
      const summary = await caseForAction(deps, actorFor(request), caseId, 'addPerson')
      return personPage(request, reply, summary, mode, { values: {}, ticks: [] }, [])
    })

    app.post(
      address,
      {
        config: {
          formPage: async (request, reply, errors) => {
            const { caseId } = request.params as { caseId: string }
            const summary = await caseForAction(deps, actorFor(request), caseId, 'addPerson')
            return personPage(
              request,
              reply,
              summary,
              mode,
              readPersonForm(bodyOf(request.body), mode),
              errors,
            )
          },
        },
      },
      async (request, reply) => {
        const { caseId } = request.params as { caseId: string }
        await caseForAction(deps, actorFor(request), caseId, 'addPerson')
        const form = readPersonForm(bodyOf(request.body), mode)
        if (form.errors.length > 0) throw new FormInvalid(form.errors)
        const input =
          kind === 'child'
            ? { caseId, role: 'child', ...form.fields, parentalResponsibilityHeldBy: form.ticks }
            : { caseId, role: form.fields.role, ...form.fields, parentalResponsibilityFor: form.ticks }
        try {
          await addPerson(deps, actorFor(request), withoutBlanks(input))
        } catch (error) {
          if (error instanceof ValidationFailed)
            throw new FormInvalid(formErrorsOf(error.issues, fieldMapFor(mode)))
          throw error
        }
        return reply.redirect(`/cases/${caseId}?saved=person-added`, 303)
      },
    )
  }

  const editAddress = '/cases/:caseId/people/:personId/edit'
  const editing = async (request: FastifyRequest) => {
    const { caseId, personId } = request.params as { caseId: string; personId: string }
    const summary = await caseForAction(deps, actorFor(request), caseId, 'editPerson')
    const person = personOf(summary, personId)
    return { summary, person, mode: { kind: kindOf(person), adding: false, person } as Mode }
  }

  app.get(editAddress, async (request, reply) => {
    const { summary, person, mode } = await editing(request)
    return personPage(request, reply, summary, mode, { values: storedValues(person), ticks: [] }, [])
  })

  app.post(
    editAddress,
    {
      config: {
        formPage: async (request, reply, errors) => {
          const { summary, mode } = await editing(request)
          return personPage(request, reply, summary, mode, readPersonForm(bodyOf(request.body), mode), errors)
        },
      },
    },
    async (request, reply) => {
      const { summary, person, mode } = await editing(request)
      const form = readPersonForm(bodyOf(request.body), mode)
      const fields = fieldMapFor(mode)
      const missing: FormError[] = ['firstName', 'lastName']
        .filter((name) => form.fields[name] === undefined)
        .map((name) => ({
          name,
          href: `#${name}`,
          message: name === 'firstName' ? 'Enter the first name' : 'Enter the last name',
        }))
      if (form.errors.length > 0 || missing.length > 0) throw new FormInvalid([...missing, ...form.errors])
      const changes: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(form.fields)) {
        if (name === 'role') continue
        if (mode.kind === 'adult' && (name === 'subject' || name === 'notSubjectReason')) continue
        // A blank answer clears what was stored.
        changes[name] = value === undefined ? '' : value
      }
      if (changes.subject === '') delete changes.subject
      if (changes.livesInHousehold === '') delete changes.livesInHousehold
      try {
        await updatePerson(deps, actorFor(request), { personId: person.id, changes })
      } catch (error) {
        if (error instanceof ValidationFailed) throw new FormInvalid(formErrorsOf(error.issues, fields))
        throw error
      }
      return reply.redirect(`/cases/${summary.case.id}?saved=person-updated`, 303)
    },
  )
}

function withoutBlanks(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
}
