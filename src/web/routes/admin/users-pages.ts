import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { changeUserRoles } from '../../../app/admin/change-user-roles.ts'
import { disableUser, enableUser } from '../../../app/admin/disable-user.ts'
import { listUsers } from '../../../app/admin/list-users.ts'
import { resetSecondFactor } from '../../../app/admin/reset-second-factor.ts'
import { sendAccountLink } from '../../../app/admin/send-account-link.ts'
import { showUser } from '../../../app/admin/show-user.ts'
import { unlockUser } from '../../../app/admin/unlock-user.ts'
import { NEW_ACCOUNT_LINK_DAYS } from '../../../app/auth/reset-password.ts'
import { NotFound } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormPageRenderer } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews } from '../cases/form-errors.ts'
import { bodyOf, ticked, typed } from '../cases/form-reading.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { presentAccount, ROLE_ITEMS } from './present-account.ts'

/**
 * The system administrator's pages about people's accounts: GET /admin/users (a search form and the
 * table of accounts), GET /admin/users/:id (one account, its roles form and its actions), the pages
 * that confirm disabling an account or resetting a second factor, and the posts that make each change.
 * Each post redirects back to the account with a banner saying what was done; a refusal shows the
 * account again with the error summary.
 */

type Params = { Params: { id: string } }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The account an address names: an address with no account's id in it is a page that is not there. */
function userIdOf(request: FastifyRequest<Params>): string {
  if (!UUID.test(request.params.id)) throw new NotFound('The account')
  return request.params.id
}

/** What the banner on the account page says after each change. */
function doneText(done: string, email: string): string | null {
  switch (done) {
    case 'created':
      return `Account made. A link to choose a password has been emailed to ${email}; it works for ${NEW_ACCOUNT_LINK_DAYS} days.`
    case 'roles':
      return 'Roles changed. They apply from the next page the person opens.'
    case 'disabled':
      return 'Account disabled. Every session the person had open has ended, and they cannot sign in.'
    case 'enabled':
      return 'Account enabled. The person can sign in again.'
    case 'unlocked':
      return 'Account unlocked. The person can try to sign in again now.'
    case 'second-factor':
      return 'Second factor reset. Every session the person had open has ended; they set up a new second factor when they next sign in.'
    case 'link':
      return `A new link to choose a password has been emailed to ${email}; it works for ${NEW_ACCOUNT_LINK_DAYS} days.`
    default:
      return null
  }
}

/** A refusal's errors as the account page shows them: the roles form's on its checkboxes, any other at the top. */
function onAccountPage(errors: readonly FormError[]): FormError[] {
  return errors.map((error) => (error.name === 'roles' ? error : { ...error, href: '#main-content' }))
}

async function userPage(
  deps: AppDeps,
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  errors: readonly FormError[] = [],
  typedRoles?: string[],
): Promise<string> {
  const details = await showUser(deps, actorFor(request), { userId: userIdOf(request) })
  const account = presentAccount(details.account)
  const { errorMap, errorList } = errorViews(onAccountPage(errors))
  const done = (request.query as { done?: string }).done
  return renderPage(request, reply, 'pages/admin/user.njk', {
    pageTitle: `${details.account.displayName}: account`,
    account,
    openSessions: details.openSessions,
    changes: details.changes,
    isYou: details.isYou,
    roleItems: ROLE_ITEMS,
    checkedRoles: typedRoles ?? details.account.roles,
    done: errors.length === 0 && done ? doneText(done, details.account.email) : null,
    errors: errorMap,
    errorList,
  })
}

const CONFIRMATIONS = {
  disable: {
    title: (name: string) => `Disable ${name}’s account?`,
    what: [
      'They will not be able to sign in, and every session they have open ends at once.',
      'Their records, and what they wrote, stay as they are. You can enable the account again later.',
    ],
    button: 'Disable account',
  },
  'reset-second-factor': {
    title: (name: string) => `Reset ${name}’s second factor?`,
    what: [
      'Do this when they have lost the phone or app that gives their codes. Check who is asking before you do.',
      'Every session they have open ends at once. The next time they sign in, with their password, they set up a new second factor.',
    ],
    button: 'Reset second factor',
  },
} as const

export async function userPages(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, errors: readonly FormError[]) => {
    const query = bodyOf(request.query)
    const values = { search: typed(query, 'search'), role: typed(query, 'role') }
    const list =
      errors.length === 0
        ? await listUsers(deps, actorFor(request), {
            ...(values.search ? { search: values.search } : {}),
            ...(values.role ? { role: values.role } : {}),
          })
        : null
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/admin/users.njk', {
      pageTitle: 'Users',
      values,
      roleItems: [{ value: '', text: 'All roles' }, ...ROLE_ITEMS],
      searched: Boolean(values.search || values.role),
      accounts: list?.accounts.map(presentAccount) ?? [],
      truncated: list?.truncated ?? false,
      errors: errorMap,
      errorList,
    })
  }
  const listFormPage: FormPageRenderer = (request, reply, errors) => listPage(request, reply, errors)

  app.get('/admin/users', { config: { formPage: listFormPage } }, (request, reply) =>
    listPage(request, reply, []),
  )

  app.get<Params>('/admin/users/:id', (request, reply) => userPage(deps, request, reply))

  const accountFormPage: FormPageRenderer = (request, reply, errors) =>
    userPage(deps, request as FastifyRequest<Params>, reply, errors)
  const rolesFormPage: FormPageRenderer = (request, reply, errors) =>
    userPage(deps, request as FastifyRequest<Params>, reply, errors, ticked(bodyOf(request.body), 'roles'))

  app.post<Params>(
    '/admin/users/:id/roles',
    { config: { formPage: rolesFormPage } },
    async (request, reply) => {
      await changeUserRoles(deps, actorFor(request), {
        userId: userIdOf(request),
        roles: ticked(bodyOf(request.body), 'roles'),
      })
      return reply.redirect(`/admin/users/${request.params.id}?done=roles`, 303)
    },
  )

  for (const [action, confirmation] of Object.entries(CONFIRMATIONS))
    app.get<Params>(`/admin/users/:id/${action}`, async (request, reply) => {
      const details = await showUser(deps, actorFor(request), { userId: userIdOf(request) })
      return renderPage(request, reply, 'pages/admin/confirm.njk', {
        pageTitle: confirmation.title(details.account.displayName),
        title: confirmation.title(details.account.displayName),
        what: confirmation.what,
        button: confirmation.button,
        action: `/admin/users/${request.params.id}/${action}`,
        backHref: `/admin/users/${request.params.id}`,
        name: details.account.displayName,
      })
    })

  const changes: Record<
    string,
    { done: string; run: (request: FastifyRequest<Params>) => Promise<unknown> }
  > = {
    disable: {
      done: 'disabled',
      run: (request) => disableUser(deps, actorFor(request), { userId: userIdOf(request) }),
    },
    enable: {
      done: 'enabled',
      run: (request) => enableUser(deps, actorFor(request), { userId: userIdOf(request) }),
    },
    unlock: {
      done: 'unlocked',
      run: (request) => unlockUser(deps, actorFor(request), { userId: userIdOf(request) }),
    },
    'reset-second-factor': {
      done: 'second-factor',
      run: (request) => resetSecondFactor(deps, actorFor(request), { userId: userIdOf(request) }),
    },
    'send-link': {
      done: 'link',
      run: (request) =>
        sendAccountLink(
          deps,
          actorFor(request),
          { userId: userIdOf(request) },
          { publicUrl: web.config.publicUrl },
        ),
    },
  }
  for (const [action, change] of Object.entries(changes))
    app.post<Params>(
      `/admin/users/:id/${action}`,
      { config: { formPage: accountFormPage } },
      async (request, reply) => {
        await change.run(request)
        return reply.redirect(`/admin/users/${request.params.id}?done=${change.done}`, 303)
      },
    )
}
