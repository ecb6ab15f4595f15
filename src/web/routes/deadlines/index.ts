import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { answerDeadlines } from '../../../app/answer-deadlines.ts'
import { CannotCompute, ValidationFailed } from '../../../app/errors.ts'
import type { DeadlineAnswer } from '../../../domain/deadlines/answer.ts'
import type { WebDeps } from '../../app.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import {
  type CalculatorForm,
  CHILD_ROWS,
  CONFERENCE_KIND_LABELS,
  CONFERENCE_ROWS,
  CORE_GROUP_ROWS,
  formErrorsFromIssues,
  readCalculatorForm,
  STRATEGY_ROWS,
} from './calculator-form.ts'
import { compareTable } from './compare-table.ts'
import type { FormError, Query } from './form-fields.ts'
import { answerView } from './present-answer.ts'

/**
 * The deadline calculator (/deadlines) and the comparison of every procedure (/deadlines/compare).
 * Both are GET forms over the same query string: nothing is stored, and a result is a shareable link.
 */

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

function queryOf(request: FastifyRequest): string {
  const index = request.url.indexOf('?')
  return index === -1 ? '' : request.url.slice(index + 1)
}

/** Errors by field name, for the inputs, and as the error summary's list of links. */
function errorViews(errors: readonly FormError[]) {
  const errorMap: Record<string, { text: string; parts: string[] }> = {}
  for (const error of errors)
    errorMap[error.name] ??= { text: error.message, parts: error.parts ?? ['day', 'month', 'year'] }
  return { errorMap, errorList: errors.map((error) => ({ text: error.message, href: error.href })) }
}

/** The first date typed, for a problem that belongs to the dates as a whole (a year the calendar lacks). */
function firstDateError(form: CalculatorForm, message: string): FormError {
  const href = form.eventSources[0]?.href ?? '#sd1-date-day'
  return { name: href.slice(1).replace(/-day$/, ''), href, message }
}

export async function deadlineRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const { library, config } = deps
  const procedureIds = [...library.profiles.keys()]
  const fallback = library.profiles.has(config.profile) ? config.profile : (procedureIds[0] ?? config.profile)
  const readForm = (request: FastifyRequest) =>
    readCalculatorForm((request.query ?? {}) as Query, procedureIds, fallback)

  function calculatorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: CalculatorForm,
    errors: readonly FormError[],
    answer?: DeadlineAnswer,
  ) {
    const profile = answer ? library.profiles.get(answer.profile) : undefined
    const { errorMap, errorList } = errorViews(errors)
    const query = queryOf(request)
    return renderPage(request, reply, 'pages/deadlines/calculator.njk', {
      pageTitle: profile ? `Deadlines under ${profile.name}` : 'Deadline calculator',
      form: { values: form.values, errorMap },
      errorList,
      results: answer && profile ? answerView(answer, profile) : undefined,
      enteredRows: form.entered.map((row) => ({ key: { text: row.key }, value: { text: row.value } })),
      compareHref: `/deadlines/compare?${query}`,
      procedureCount: procedureIds.length,
      procedureItems: procedureIds.map((id) => {
        const procedure = library.profiles.get(id)!
        return { value: id, text: procedure.name, hint: { text: procedure.document } }
      }),
      strategyRows: range(STRATEGY_ROWS),
      conferenceRows: range(CONFERENCE_ROWS),
      childRows: range(CHILD_ROWS),
      coreGroupRows: range(CORE_GROUP_ROWS),
      conferenceKindItems: Object.entries(CONFERENCE_KIND_LABELS).map(([value, text]) => ({ value, text })),
      quorumItems: [
        { value: 'quorate', text: 'Yes, it was quorate' },
        { value: 'proceeded', text: 'No, but it went ahead without a quorum' },
        { value: 'not_held', text: 'No, and it did not go ahead' },
      ],
      planItems: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
      birthChildItems: range(CHILD_ROWS).map((n) => {
        const label = form.values[`child${n}-name`]
        return { value: String(n), text: label ? `Child ${n} (${label})` : `Child ${n}` }
      }),
      notesByItems: [
        { value: 'social_worker', text: 'The social worker' },
        { value: 'other', text: 'Another member of the core group' },
      ],
      cinFromItems: [
        { value: 'icpc', text: 'An initial conference that made no child protection plan' },
        { value: 'review', text: 'A review conference that ended the child protection plan' },
      ],
    })
  }

  /** The answer under one procedure; the engine's own objections point back at the form's inputs. */
  function answerFor(form: CalculatorForm, profile: string): DeadlineAnswer {
    try {
      return answerDeadlines(library, { facts: { ...form.facts, profile } })
    } catch (error) {
      if (error instanceof ValidationFailed) throw new FormInvalid(formErrorsFromIssues(form, error.issues))
      if (error instanceof CannotCompute) throw new FormInvalid([firstDateError(form, error.message)], 422)
      throw error
    }
  }

  const formPage = {
    formPage: (request: FastifyRequest, reply: FastifyReply, errors: FormError[]) =>
      calculatorPage(request, reply, readForm(request), errors),
  }

  app.get('/deadlines', { config: formPage }, async (request, reply) => {
    const form = readForm(request)
    if (!form.submitted) return calculatorPage(request, reply, form, [])
    if (form.errors.length > 0) throw new FormInvalid(form.errors)
    return calculatorPage(request, reply, form, [], answerFor(form, form.procedure))
  })

  app.get('/deadlines/compare', { config: formPage }, async (request, reply) => {
    const form = readForm(request)
    if (!form.submitted) return reply.redirect('/deadlines')
    if (form.errors.length > 0) throw new FormInvalid(form.errors)
    const answers = procedureIds.map((id) => ({
      profile: library.profiles.get(id)!,
      answer: answerFor(form, id),
    }))
    const query = queryOf(request)
    return renderPage(request, reply, 'pages/deadlines/compare.njk', {
      pageTitle: 'Compare procedures',
      table: compareTable(answers),
      enteredRows: form.entered.map((row) => ({ key: { text: row.key }, value: { text: row.value } })),
      calculatorHref: `/deadlines?${query}`,
    })
  })
}
