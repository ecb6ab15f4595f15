import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { createUser, newUserChoices } from '../../../app/admin/create-user.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormPageRenderer } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews } from '../cases/form-errors.ts'
import { bodyOf, type FormBody, ticked, typed } from '../cases/form-reading.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { agencyItem, roleItem } from './present-account.ts'

/**
 * GET and POST /admin/users/new: a system administrator adds a person who signs in with a password.
 * The person chooses it through a link emailed to them; the form asks for no password.
 */

const TEXT_FIELDS = ['email', 'displayName', 'team', 'agency'] as const

function typedForm(body: FormBody): { values: Record<string, string>; roles: string[] } {
  const values: Record<string, string> = {}
  for (const name of TEXT_FIELDS) values[name] = typed(body, name)
  return { values, roles: ticked(body, 'roles') }
}

export async function newUserPage(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  const formPage = async (request: FastifyRequest, reply: FastifyReply, errors: readonly FormError[]) => {
    const choices = newUserChoices(actorFor(request))
    const typedIn = typedForm(bodyOf(request.body))
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/admin/new-user.njk', {
      pageTitle: 'Add a user',
      values: typedIn.values,
      checkedRoles: typedIn.roles,
      roleItems: choices.roles.map(roleItem),
      agencyItems: [{ value: '', text: 'Not recorded' }, ...choices.agencies.map(agencyItem)],
      linkDays: choices.linkDays,
      errors: errorMap,
      errorList,
    })
  }
  const shownAgain: FormPageRenderer = (request, reply, errors) => formPage(request, reply, errors)

  app.get('/admin/users/new', (request, reply) => formPage(request, reply, []))

  app.post('/admin/users/new', { config: { formPage: shownAgain } }, async (request, reply) => {
    const typedIn = typedForm(bodyOf(request.body))
    const made = await createUser(
      deps,
      actorFor(request),
      {
        email: typedIn.values.email,
        displayName: typedIn.values.displayName,
        roles: typedIn.roles,
        team: typedIn.values.team,
        agency: typedIn.values.agency,
      },
      { publicUrl: web.config.publicUrl },
    )
    return reply.redirect(`/admin/users/${made.userId}?done=created`, 303)
  })
}
