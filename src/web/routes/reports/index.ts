import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Conflict, ValidationFailed } from '../../../app/errors.ts'
import { type ReportPage, reportPage } from '../../../app/my-work/report-page.ts'
import { submissionProblems } from '../../../app/my-work/submission-problems.ts'
import { recordReportShared } from '../../../app/reports/record-report-shared.ts'
import { saveReportDraft } from '../../../app/reports/save-report-draft.ts'
import { submitReport } from '../../../app/reports/submit-report.ts'
import { withholdReportPart } from '../../../app/reports/withhold-report-part.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import type { Issue } from '../../../domain/issues.ts'
import type { WebDeps } from '../../app.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type FormError, readDate } from '../deadlines/form-fields.ts'
import {
  type Body,
  formErrors,
  hasStatements,
  postedValues,
  savedValues,
  statementsInput,
} from './report-form.ts'
import { type ReportPageState, reportPageView, type ShareValues, type WithholdValues } from './report-view.ts'

/**
 * A report to a conference at /reports/:reportId: the form its author writes it in (save a draft
 * as often as they like, then sign, date and submit), and once submitted the report itself, with
 * the record of sharing it with the family and the parts withheld from named audiences.
 */

const FLASH: Record<string, string> = {
  saved: 'Your draft has been saved',
  submitted: 'The report has been submitted',
  shared: 'The sharing of the report with the family has been recorded',
  withheld: 'The part of the report has been withheld',
}

type Params = { reportId: string }

/** The fields of the signature, checked before what the report says. */
const SIGNATURE = ['signedBy', 'signedOn']

function flashOf(request: FastifyRequest): string | null {
  const query = request.query as Record<string, string | undefined>
  const done = Object.keys(FLASH).find((key) => query[key] === '1')
  return done ? (FLASH[done] ?? null) : null
}

/** The fields a form left empty, so their errors say "Enter..." rather than the contract's words. */
function emptyFields(body: Body, names: readonly string[]): Set<string> {
  return new Set(
    names.filter((name) => {
      const value = body[name]
      return value === undefined || (typeof value === 'string' && value.trim() === '')
    }),
  )
}

function dateParts(body: Body, name: string) {
  const part = (suffix: string) => {
    const value = body[`${name}-${suffix}`]
    return typeof value === 'string' ? value : ''
  }
  return { day: part('day'), month: part('month'), year: part('year') }
}

export async function reportRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  const profile = councilProfile(deps)

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    page: ReportPage,
    state: ReportPageState,
  ): Promise<string> {
    const write = state.write ?? (page.may.write ? savedValues(page.report) : undefined)
    return renderPage(
      request,
      reply,
      'pages/reports/report.njk',
      reportPageView(page, profile, { ...state, ...(write ? { write } : {}) }),
    )
  }

  async function refused(
    request: FastifyRequest,
    reply: FastifyReply,
    reportId: string,
    status: 400 | 409,
    state: ReportPageState,
  ): Promise<string> {
    const page = await reportPage(deps, actorFor(request), { reportId })
    reply.code(status)
    return show(request, reply, page, state)
  }

  app.get<{ Params: Params }>('/reports/:reportId', async (request, reply) => {
    const page = await reportPage(deps, actorFor(request), { reportId: request.params.reportId })
    return show(request, reply, page, { flash: flashOf(request) })
  })

  /** Save a draft, or sign and submit: the same form, told apart by the button pressed. */
  app.post<{ Params: Params; Body: Body }>('/reports/:reportId', async (request, reply) => {
    const actor = actorFor(request)
    const { reportId } = request.params
    const body = request.body ?? {}
    const page = await reportPage(deps, actor, { reportId })
    const { report } = page
    const write = postedValues(body, report.outline, report)
    const statements = hasStatements(report.outline, report)
      ? { statements: statementsInput(write.statements) }
      : {}
    const submitting = body.action === 'submit'
    const reading = submitting
      ? readDate(body, 'signedOn', 'The date you signed', {})
      : { given: false as const, value: undefined, error: undefined }
    const dateErrors: FormError[] = reading.error ? [{ ...reading.error, name: 'signedOn' }] : []
    const signedOn = reading.value
    try {
      if (submitting)
        await submitReport(deps, actor, {
          reportId,
          sections: write.sections,
          ...statements,
          signedBy: write.signedBy,
          signedOn: signedOn ?? '',
        })
      else await saveReportDraft(deps, actor, { reportId, sections: write.sections, ...statements })
    } catch (error) {
      if (error instanceof ValidationFailed) {
        const missing = emptyFields(body, ['signedBy'])
        if (!reading.given) missing.add('signedOn')
        const signatureOnly = error.issues.every((issue) => SIGNATURE.includes(issue.field))
        const issues = signatureOnly
          ? [
              ...(await submissionProblems(deps, actor, {
                reportId,
                sections: write.sections,
                ...statements,
              })),
              ...error.issues,
            ]
          : error.issues
        const errors = formErrors(issues, report.outline, missing, dateErrors)
        return refused(request, reply, reportId, 400, { write, errors, form: 'write' })
      }
      if (error instanceof Conflict)
        return refused(request, reply, reportId, 409, {
          write,
          errors: [{ name: 'report', href: '#report-form', message: error.message }],
          form: 'write',
        })
      throw error
    }
    return reply.redirect(`/reports/${reportId}?${submitting ? 'submitted' : 'saved'}=1`, 303)
  })

  app.post<{ Params: Params; Body: Body }>('/reports/:reportId/shared', async (request, reply) => {
    const actor = actorFor(request)
    const { reportId } = request.params
    const body = request.body ?? {}
    const share: ShareValues = {
      sharedOn: dateParts(body, 'sharedOn'),
      how: typeof body.how === 'string' ? body.how : '',
    }
    const reading = readDate(body, 'sharedOn', 'The date the report was shared', {})
    const dateErrors = reading.error ? [{ ...reading.error, name: 'sharedOn' }] : []
    try {
      await recordReportShared(deps, actor, {
        reportId,
        sharedOn: reading.value ?? '',
        how: share.how,
      })
    } catch (error) {
      if (!(error instanceof ValidationFailed) && !(error instanceof Conflict)) throw error
      const page = await reportPage(deps, actor, { reportId })
      const missing = new Set([...(reading.given ? [] : ['sharedOn']), ...(share.how === '' ? ['how'] : [])])
      const issues: Issue[] =
        error instanceof ValidationFailed ? error.issues : [{ field: 'sharedOn', message: error.message }]
      const errors =
        error instanceof Conflict
          ? [{ name: 'share', href: '#share', message: error.message }]
          : formErrors(issues, page.report.outline, missing, dateErrors)
      reply.code(error instanceof Conflict ? 409 : 400)
      return show(request, reply, page, { share, errors, form: 'share' })
    }
    return reply.redirect(`/reports/${reportId}?shared=1`, 303)
  })

  app.post<{ Params: Params; Body: Body }>('/reports/:reportId/withheld', async (request, reply) => {
    const actor = actorFor(request)
    const { reportId } = request.params
    const body = request.body ?? {}
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const withhold: WithholdValues = {
      section: text('section'),
      audience: text('audience'),
      audiencePersonId: text('audiencePersonId'),
      reason: text('reason'),
    }
    try {
      await withholdReportPart(deps, actor, {
        reportId,
        section: withhold.section,
        audience: withhold.audience,
        ...(withhold.audience === 'person' ? { audiencePersonId: withhold.audiencePersonId } : {}),
        reason: withhold.reason,
      })
    } catch (error) {
      if (!(error instanceof ValidationFailed) && !(error instanceof Conflict)) throw error
      const page = await reportPage(deps, actor, { reportId })
      const errors =
        error instanceof Conflict
          ? [{ name: 'withhold', href: '#withhold', message: error.message }]
          : formErrors(
              error.issues,
              page.report.outline,
              emptyFields(body, ['section', 'audience', 'reason', 'audiencePersonId']),
            )
      reply.code(error instanceof Conflict ? 409 : 400)
      return show(request, reply, page, { withhold, errors, form: 'withhold' })
    }
    return reply.redirect(`/reports/${reportId}?withheld=1#withheld`, 303)
  })
}
