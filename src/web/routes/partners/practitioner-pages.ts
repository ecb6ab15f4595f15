import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationFailed } from '../../../app/errors.ts'
import { addProfessional, newProfessionalChoices } from '../../../app/partners/add-professional.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { Issue } from '../../../domain/issues.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { fieldAnchor } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { agencyWords } from '../conferences/present.ts'

/**
 * The administrator adds a practitioner from a partner agency to the directory (/practitioners/new),
 * to invite them; with an email address their invitation carries the one-time link to their account.
 * Reached from a conference's "Invite someone" page, and back to it.
 */

const FIELDS = ['name', 'agency', 'roleTitle', 'email', 'phone'] as const
type Values = Record<(typeof FIELDS)[number], string>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The conference to go back to: only a record id, so the page never sends anyone elsewhere. */
function conferenceOf(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown>
  return typeof query.conference === 'string' && UUID.test(query.conference) ? query.conference : null
}

function page(request: FastifyRequest, reply: FastifyReply, values: Values, issues: readonly Issue[]) {
  const conferenceId = conferenceOf(request)
  const { agencies } = newProfessionalChoices(actorFor(request))
  return renderPage(request, reply, 'pages/partners/new-practitioner.njk', {
    pageTitle: 'Add a practitioner from a partner agency',
    values,
    action: `/practitioners/new${conferenceId ? `?conference=${conferenceId}` : ''}`,
    back: conferenceId ? `/conferences/${conferenceId}/invitations/new` : '/conferences',
    agencyItems: [
      { value: '', text: 'Choose their agency' },
      ...agencies.map((agency) => ({
        value: agency,
        text: agencyWords(agency),
        selected: values.agency === agency,
      })),
    ],
    errors: Object.fromEntries(issues.map((issue) => [issue.field, issue.message])),
    errorList: issues.map((issue) => ({ text: issue.message, href: `#${fieldAnchor(issue.field)}` })),
  })
}

export async function practitionerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  const empty: Values = { name: '', agency: '', roleTitle: '', email: '', phone: '' }

  app.get('/practitioners/new', async (request, reply) => page(request, reply, empty, []))

  app.post<{ Body: Record<string, unknown> }>('/practitioners/new', async (request, reply) => {
    const body = request.body ?? {}
    const values = Object.fromEntries(
      FIELDS.map((name) => [name, typeof body[name] === 'string' ? (body[name] as string) : '']),
    ) as Values
    try {
      await addProfessional(deps, actorFor(request), {
        name: values.name,
        ...(values.agency ? { agency: values.agency } : {}),
        roleTitle: values.roleTitle,
        email: values.email,
        phone: values.phone,
      })
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      const issues = error.issues.map((issue) =>
        issue.field === 'agency' && issue.message === 'is required'
          ? { ...issue, message: 'Select their agency from the list' }
          : issue,
      )
      return page(request, reply, values, issues)
    }
    const conferenceId = conferenceOf(request)
    return reply.redirect(
      conferenceId ? `/conferences/${conferenceId}/invitations/new?agency=${values.agency}` : '/conferences',
      303,
    )
  })
}
