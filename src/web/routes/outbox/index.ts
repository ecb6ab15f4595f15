import type { FastifyInstance } from 'fastify'
import { type Labelled, outboxMessagePage, outboxPage } from '../../../app/my-work/outbox-page.ts'
import { deliverPendingMessages } from '../../../app/outbox/deliver-pending-messages.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { OutboxEntry } from '../../../notify/outbox-messages.ts'
import type { WebDeps } from '../../app.ts'
import { conferenceKindWords } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'

/**
 * The administrator's view of the messages the service sends (/admin/outbox): each message's
 * status, to whom, about which case and conference, when it was written and sent; one message's
 * text; and delivering the pending messages now.
 */

const STATUSES = ['pending', 'sent', 'failed'] as const

const STATUS_VIEW: Record<string, { text: string; tag: string }> = {
  pending: { text: 'Pending', tag: 'govuk-tag--yellow' },
  sent: { text: 'Sent', tag: 'govuk-tag--green' },
  failed: { text: 'Failed', tag: 'govuk-tag--red' },
}

const KIND_WORDS: Record<string, string> = {
  invitation: 'Invitation',
  report_request: 'Request for a report',
  conference_request_reply: 'Reply to a request for a conference',
  password_reset: 'Password reset',
}

function kindWords(kind: string): string {
  const words = KIND_WORDS[kind] ?? kind.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A message as both pages list it: status, addressee, subject, what it is about, when, tries. */
function messageSummary(message: OutboxEntry & Labelled) {
  return {
    id: message.id,
    status: STATUS_VIEW[message.status] ?? { text: message.status, tag: '' },
    to: message.to.name ? `${message.to.name} <${message.to.address}>` : message.to.address,
    subject: message.subject,
    kind: kindWords(message.kind),
    case: message.case,
    conference: message.conference
      ? `${conferenceKindWords(message.conference.kind)}, ${dateOnPage(message.conference.date)}`
      : null,
    createdAt: momentOnPage(message.createdAt),
    sentAt: message.sentAt ? momentOnPage(message.sentAt) : null,
    attempts: message.attempts,
  }
}

type Query = { status?: string; olderThan?: string; delivered?: string; failed?: string }

function statusOf(query: Query): (typeof STATUSES)[number] | undefined {
  return STATUSES.find((status) => status === query.status)
}

/** "3 messages delivered; 1 could not be written and will be tried again." */
function deliveredText(query: Query): string | null {
  if (query.delivered === undefined) return null
  const delivered = Number(query.delivered) || 0
  const failed = Number(query.failed) || 0
  const sent =
    delivered === 0
      ? 'No pending message was delivered'
      : `${delivered} message${delivered === 1 ? '' : 's'} delivered to the mail folder`
  return failed === 0 ? `${sent}.` : `${sent}; ${failed} could not be delivered (see their status).`
}

export async function outboxRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)

  app.get('/admin/outbox', async (request, reply) => {
    const query = request.query as Query
    const status = statusOf(query)
    const page = await outboxPage(deps, actorFor(request), {
      ...(status ? { status } : {}),
      ...(query.olderThan ? { olderThan: query.olderThan } : {}),
    })
    const filter = status ? `status=${status}&` : ''
    return renderPage(request, reply, 'pages/outbox/outbox.njk', {
      pageTitle: 'Messages',
      status: status ?? '',
      statusItems: [
        { value: '', text: 'All messages' },
        ...STATUSES.map((value) => ({ value, text: STATUS_VIEW[value]?.text ?? value })),
      ],
      olderPage: query.olderThan !== undefined,
      firstHref: status ? `/admin/outbox?status=${status}` : '/admin/outbox',
      olderHref: page.olderThan ? `/admin/outbox?${filter}olderThan=${page.olderThan}` : null,
      delivered: deliveredText(query),
      messages: page.messages.map(messageSummary),
    })
  })

  app.get<{ Params: { id: string } }>('/admin/outbox/:id', async (request, reply) => {
    const message = await outboxMessagePage(deps, actorFor(request), { id: request.params.id })
    return renderPage(request, reply, 'pages/outbox/message.njk', {
      pageTitle: `Message: ${message.subject}`,
      message: {
        ...messageSummary(message),
        lastError: message.lastError,
        bodyText: message.bodyText,
        hasHtml: message.bodyHtml !== null,
      },
    })
  })

  app.post('/admin/outbox/deliver', async (request, reply) => {
    const result = await deliverPendingMessages(deps, actorFor(request), { dataDir: web.config.dataDir })
    return reply.redirect(
      `/admin/outbox?delivered=${result.delivered.length}&failed=${result.failed.length}`,
      303,
    )
  })
}
