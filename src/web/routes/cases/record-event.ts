import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { caseForAction } from '../../../app/cases/case-actions.ts'
import type { CaseSummary } from '../../../app/cases/case-summary.ts'
import { caseTimeline } from '../../../app/cases/case-timeline.ts'
import { recordCaseEvent } from '../../../app/cases/record-case-event.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import { preBirthCriteria, procedureNote } from '../../../domain/conference/convening.ts'
import { dateOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { EVENT_FORMS, type EventForm, eventFormOf } from './event-forms.ts'
import { errorViews, type FieldMap, formErrorsOf } from './form-errors.ts'
import {
  bodyOf,
  dateInput,
  type FormBody,
  linesInput,
  textInput,
  ticked,
  typed,
  yesNoInput,
} from './form-reading.ts'

/**
 * Recording what happened on a case, in two steps that work without JavaScript:
 * GET /cases/:caseId/record-event asks what happened (a GET form choosing `type`);
 * GET /cases/:caseId/record-event?type=... shows that event's form; POST records it.
 */

interface EventReading {
  values: FormValues
  ticks: Record<string, string[]>
  errors: FormError[]
  input: Record<string, unknown>
}

/** The question as the start of a sentence: "Did it start a section 47 enquiry". */
const asLabel = (label: string) => label.replace(/ \(optional\)$/, '').replace(/\?$/, '')

function fieldsOf(form: EventForm): FieldMap {
  const map: FieldMap = new Map()
  for (const input of form.inputs)
    map.set(input.name, {
      id: input.name,
      label: asLabel(input.label),
      ...(input.kind === 'date' ? { date: true } : {}),
      ...('missing' in input && input.missing ? { whenMissing: input.missing } : {}),
    })
  map.set('notes', { id: 'notes', label: 'Notes' })
  return map
}

function readEvent(body: FormBody, form: EventForm, criteriaListed: boolean): EventReading {
  const values: FormValues = {}
  const ticks: Record<string, string[]> = {}
  const errors: FormError[] = []
  const input: Record<string, unknown> = { type: form.type }
  for (const field of form.inputs) {
    let value: unknown
    switch (field.kind) {
      case 'date':
        value = dateInput(body, field.name, asLabel(field.label), values, errors)
        break
      case 'yesNo':
        value = yesNoInput(body, field.name, values)
        break
      case 'choice':
      case 'text':
      case 'unborn':
      case 'conference':
        value = textInput(body, field.name, values)
        break
      case 'children':
        ticks[field.name] = ticked(body, field.name)
        value = ticks[field.name]!.length > 0 ? ticks[field.name] : undefined
        break
      case 'criteria':
        if (criteriaListed) {
          ticks[field.name] = ticked(body, field.name)
          value = ticks[field.name]
        } else value = linesInput(body, field.name, values)
        break
    }
    if (value !== undefined) input[field.name] = value
  }
  const notes = textInput(body, 'notes', values)
  if (notes !== undefined) input.notes = notes
  return { values, ticks, errors, input }
}

function formsFor(summary: CaseSummary): EventForm[] {
  const unborn = summary.children.some((child) => child.unborn)
  return EVENT_FORMS.filter((form) => !form.needsUnborn || unborn)
}

export function recordEventRoutes(app: FastifyInstance, deps: AppDeps): void {
  const criteria = () => preBirthCriteria(councilProfile(deps))

  async function eventPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: EventForm,
    reading: Pick<EventReading, 'values' | 'ticks'>,
    errors: readonly FormError[],
  ) {
    const { caseId } = request.params as { caseId: string }
    const actor = actorFor(request)
    const summary = await caseForAction(deps, actor, caseId, 'recordEvent')
    const needsConferences = form.inputs.some((input) => input.kind === 'conference')
    const conferences = needsConferences
      ? (await caseTimeline(deps, actor, caseId)).filter(
          (entry) => entry.type === 'conference' && entry.refs.conferenceId,
        )
      : []
    const listed = criteria()
    const { errorMap, errorList } = errorViews(errors)
    const values = { ...reading.values }
    if (form.type === 'visit') values.seenAlone ||= ''
    return renderPage(request, reply, 'pages/cases/event.njk', {
      pageTitle: `Record: ${form.title}`,
      theCase: summary.case,
      caseHref: `/cases/${summary.case.id}`,
      chooseHref: `/cases/${summary.case.id}/record-event`,
      form,
      values,
      errors: errorMap,
      errorList,
      inputs: form.inputs.map((input) => {
        const checked = reading.ticks[input.name] ?? []
        switch (input.kind) {
          case 'children':
            return {
              ...input,
              checked,
              items: summary.children.map((child) => ({ value: child.id, text: child.name })),
            }
          case 'unborn':
            return {
              ...input,
              items: summary.children
                .filter((child) => child.unborn)
                .map((child) => ({
                  value: child.id,
                  text: child.name,
                  hint: child.expectedDateOfDelivery
                    ? { text: `Expected ${dateOnPage(child.expectedDateOfDelivery)}` }
                    : undefined,
                })),
            }
          case 'criteria':
            return {
              ...input,
              checked,
              listed: listed.length > 0,
              items: listed.map((criterion) => ({ value: criterion.id, text: criterion.text })),
              procedure: procedureNote(councilProfile(deps), 'PB-CRITERIA'),
            }
          case 'conference':
            return {
              ...input,
              items: [
                { value: '', text: 'Not said' },
                ...conferences.map((entry) => ({
                  value: entry.refs.conferenceId!,
                  text: `${entry.title}, ${dateOnPage(entry.date)}`,
                })),
              ],
            }
          default:
            return input
        }
      }),
    })
  }

  app.get('/cases/:caseId/record-event', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const query = bodyOf(request.query)
    const chosen = eventFormOf(typed(query, 'type'))
    if (chosen) return eventPage(request, reply, chosen, { values: {}, ticks: {} }, [])
    const summary = await caseForAction(deps, actorFor(request), caseId, 'recordEvent')
    const missing = 'type' in query
    if (missing) reply.code(400)
    const errorList = missing ? [{ text: 'Select what happened', href: `#type` }] : []
    return renderPage(request, reply, 'pages/cases/event-type.njk', {
      pageTitle: 'What happened?',
      theCase: summary.case,
      caseHref: `/cases/${summary.case.id}`,
      errorList,
      typeError: missing ? 'Select what happened' : null,
      typeItems: formsFor(summary).map((form) => ({
        value: form.type,
        text: form.title,
        hint: { text: form.hint },
      })),
    })
  })

  app.post(
    '/cases/:caseId/record-event',
    {
      config: {
        formPage: (request, reply, errors) => {
          const body = bodyOf(request.body)
          const form = eventFormOf(typed(body, 'type')) ?? EVENT_FORMS[0]!
          return eventPage(request, reply, form, readEvent(body, form, criteria().length > 0), errors)
        },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params as { caseId: string }
      await caseForAction(deps, actorFor(request), caseId, 'recordEvent')
      const body = bodyOf(request.body)
      const form = eventFormOf(typed(body, 'type'))
      if (!form) return reply.redirect(`/cases/${caseId}/record-event`, 303)
      const reading = readEvent(body, form, criteria().length > 0)
      if (reading.errors.length > 0) throw new FormInvalid(reading.errors)
      try {
        await recordCaseEvent(deps, actorFor(request), { caseId, ...reading.input })
      } catch (error) {
        if (error instanceof ValidationFailed)
          throw new FormInvalid(formErrorsOf(error.issues, fieldsOf(form)))
        throw error
      }
      return reply.redirect(`/cases/${caseId}?saved=event-recorded#timeline`, 303)
    },
  )
}
