import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireCaseAction } from '../../../app/cases/case-actions.ts'
import { createCase, MAX_ADULTS_PER_CASE, MAX_CHILDREN_PER_CASE } from '../../../app/cases/create-case.ts'
import { newCaseChoices } from '../../../app/cases/new-case-choices.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { errorViews, formErrorsOf } from './form-errors.ts'
import { bodyOf } from './form-reading.ts'
import { childLabel, issuesByRow, type NewCaseForm, readNewCaseForm } from './new-case-form.ts'
import { ADULT_ROLE_ITEMS } from './person-form.ts'

/** GET and POST /cases/new: create a case with its children and adults. */

const range = (n: number) => Array.from({ length: n }, (_, index) => ({ index, number: index + 1 }))

async function newCasePage(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  form: NewCaseForm,
  errors: readonly FormError[],
) {
  const choices = await newCaseChoices(deps, actorFor(request))
  const values = { ...form.values }
  // What is already known is filled in: the person opening the case, their team.
  if (request.method === 'GET') {
    values.socialWorkerId = choices.proposed.socialWorkerId ?? ''
    values.teamManagerId = choices.proposed.teamManagerId ?? ''
    values.team = choices.proposed.team ?? ''
  }
  for (const row of range(form.adultRows)) {
    const name = `adults-${row.index}-livesInHousehold`
    if (!values[name]) values[name] = 'yes'
  }
  const staffItems = (staff: typeof choices.socialWorkers, none: string) => [
    { value: '', text: none },
    ...staff.map((member) => ({
      value: member.id,
      text: member.team ? `${member.name} (${member.team})` : member.name,
    })),
  ]
  const childItems = range(form.childRows).map((child) => ({
    value: String(child.index),
    text: `Child ${child.number}${values[`children-${child.index}-firstName`] ? ` (${childLabel(values, child.index)})` : ''}`,
  }))
  const { errorMap, errorList } = errorViews(errors)
  return renderPage(request, reply, 'pages/cases/new.njk', {
    pageTitle: 'Create a case',
    values,
    errors: errorMap,
    errorList,
    childRows: range(form.childRows),
    adultRows: range(form.adultRows).map((row) => ({
      ...row,
      childItems,
      ticked: form.ticks[row.index] ?? [],
    })),
    canAddChild: form.childRows < MAX_CHILDREN_PER_CASE,
    canAddAdult: form.adultRows < MAX_ADULTS_PER_CASE,
    socialWorkerItems: staffItems(choices.socialWorkers, 'Choose a social worker'),
    teamManagerItems: staffItems(choices.teamManagers, 'Not chosen yet'),
    adultRoleItems: ADULT_ROLE_ITEMS,
    householdAddressHint: values.householdAddress
      ? `Leave blank if it is the household address: ${values.householdAddress}`
      : 'Leave blank if it is the household address.',
  })
}

export function newCaseRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/cases/new', async (request, reply) => newCasePage(deps, request, reply, readNewCaseForm({}), []))

  app.post(
    '/cases/new',
    {
      config: {
        formPage: (request, reply, errors) =>
          newCasePage(deps, request, reply, readNewCaseForm(bodyOf(request.body)), errors),
      },
    },
    async (request, reply) => {
      requireCaseAction(deps, actorFor(request), 'openCase')
      const form = readNewCaseForm(bodyOf(request.body))
      if (form.adding) return newCasePage(deps, request, reply, form, [])
      if (form.errors.length > 0) throw new FormInvalid(form.errors)
      try {
        const created = await createCase(deps, actorFor(request), form.input)
        return reply.redirect(`/cases/${created.caseId}?saved=case-created`, 303)
      } catch (error) {
        if (error instanceof ValidationFailed)
          throw new FormInvalid(formErrorsOf(issuesByRow(error.issues, form), form.fields))
        throw error
      }
    },
  )
}
