import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type BreakGlassListing,
  breakGlass,
  breakGlassOffer,
  breakGlassReviews,
  breakGlassToReview,
  reviewBreakGlassAccess,
} from '../../../app/access/break-glass.ts'
import { BREAK_GLASS_HOURS } from '../../../app/access/case-access.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { momentOnPage } from '../../london-time.ts'
import { safeNext } from '../../navigation.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { bodyOf, typed } from '../cases/form-reading.ts'
import type { FormError } from '../deadlines/form-fields.ts'

/**
 * Break glass, for team managers:
 * - GET and POST /access/break-glass/cases/:caseId: a case they have no relationship to, and their
 *   reason for opening it (the same page is shown, status 403, when they try to open such a case);
 * - GET /access/break-glass: the grants still to review, and the latest reviewed;
 * - GET and POST /access/break-glass/:grantId: one grant, marked reviewed with a note.
 * Who may do each is decided by the use-cases (src/app/access/break-glass.ts).
 */

interface OfferForm {
  reason: string
  next: string
  errors: FormError[]
}

/** The refusal as the GOV.UK error summary and the field's message show it. */
function errorsOf(error: ValidationFailed, field: string): (FormError & { text: string })[] {
  return error.issues.map((issue) => {
    const message = issue.field === field ? issue.message : `${issue.field}: ${issue.message}`
    return { name: field, href: `#${field}`, message, text: message }
  })
}

/** The page that explains a manager has no relationship to the case and asks why they must open it. */
export function renderBreakGlassOffer(
  request: FastifyRequest,
  reply: FastifyReply,
  caseId: string,
  form: OfferForm,
): Promise<string> {
  return renderPage(request, reply, 'pages/access/break-glass-offer.njk', {
    pageTitle: `${form.errors.length > 0 ? 'Error: ' : ''}You have no relationship to this case`,
    action: `/access/break-glass/cases/${caseId}`,
    breakGlassHours: BREAK_GLASS_HOURS,
    reason: form.reason,
    next: form.next,
    errors: form.errors,
    reasonError: form.errors[0]?.message ?? null,
  })
}

function grantView(grant: BreakGlassListing) {
  return {
    id: grant.id,
    href: `/access/break-glass/${grant.id}`,
    who: grant.userName,
    caseHref: `/cases/${grant.caseId}`,
    caseName: `${grant.familyName} family (${grant.caseReference})`,
    reason: grant.reason,
    granted: momentOnPage(grant.grantedAt),
    until: momentOnPage(grant.expiresAt),
    review: grant.review && {
      by: grant.reviewerName ?? 'unknown user',
      at: momentOnPage(grant.review.at),
      note: grant.review.note,
    },
  }
}

function renderReview(
  request: FastifyRequest,
  reply: FastifyReply,
  grant: BreakGlassListing,
  form: { note: string; errors: FormError[] },
): Promise<string> {
  return renderPage(request, reply, 'pages/access/break-glass-review.njk', {
    pageTitle: `${form.errors.length > 0 ? 'Error: ' : ''}Review break-glass access`,
    grant: grantView(grant),
    note: form.note,
    errors: form.errors,
    noteError: form.errors[0]?.message ?? null,
  })
}

export async function accessRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)

  app.get('/access/break-glass/cases/:caseId', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const offer = await breakGlassOffer(deps, actorFor(request), caseId)
    const next = safeNext((request.query as { next?: unknown }).next) ?? `/cases/${offer.caseId}`
    return renderBreakGlassOffer(request, reply, offer.caseId, { reason: '', next, errors: [] })
  })

  app.post('/access/break-glass/cases/:caseId', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const body = bodyOf(request.body)
    const reason = typed(body, 'reason')
    const next = safeNext(typed(body, 'next')) ?? `/cases/${caseId}`
    try {
      const answer = await breakGlass(deps, actorFor(request), { caseId, reason })
      return reply.redirect(
        next.startsWith(`/cases/${answer.caseId}`) ? next : `/cases/${answer.caseId}`,
        303,
      )
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      return renderBreakGlassOffer(request, reply, caseId, {
        reason,
        next,
        errors: errorsOf(error, 'reason'),
      })
    }
  })

  app.get('/access/break-glass', async (request, reply) => {
    const reviews = await breakGlassReviews(deps, actorFor(request))
    const reviewed = (request.query as { reviewed?: unknown }).reviewed === '1'
    return renderPage(request, reply, 'pages/access/break-glass-reviews.njk', {
      pageTitle: 'Break-glass access to review',
      saved: reviewed ? 'The break-glass access has been marked as reviewed.' : null,
      unreviewed: reviews.unreviewed.map(grantView),
      reviewed: reviews.reviewed.map(grantView),
    })
  })

  app.get('/access/break-glass/:grantId', async (request, reply) => {
    const { grantId } = request.params as { grantId: string }
    const grant = await breakGlassToReview(deps, actorFor(request), grantId)
    return renderReview(request, reply, grant, { note: '', errors: [] })
  })

  app.post('/access/break-glass/:grantId', async (request, reply) => {
    const { grantId } = request.params as { grantId: string }
    const actor = actorFor(request)
    const note = typed(bodyOf(request.body), 'note')
    try {
      await reviewBreakGlassAccess(deps, actor, { grantId, note })
      return reply.redirect('/access/break-glass?reviewed=1', 303)
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      const grant = await breakGlassToReview(deps, actor, grantId)
      reply.code(400)
      return renderReview(request, reply, grant, { note, errors: errorsOf(error, 'note') })
    }
  })
}
