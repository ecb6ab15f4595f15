import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFound } from '../../../app/errors.ts'
import { familyViewsForStaff } from '../../../app/family/family-views-for-staff.ts'
import { familyAccountsOfCase, inviteFamilyMember } from '../../../app/family/invite-family-member.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormPageRenderer } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews } from '../cases/form-errors.ts'
import { bodyOf, typed } from '../cases/form-reading.ts'
import type { FormError } from '../deadlines/form-fields.ts'

/**
 * The staff's side of family accounts: GET /cases/:caseId/family-accounts lists the family and who
 * has their own account; GET and POST /cases/:caseId/family-accounts/:personId invites one person
 * by email; GET /conferences/:conferenceId/family-views shows the views the family sent.
 */

const ACCOUNT_ROLE_WORDS: Record<string, string> = {
  parent_carer: 'Parent or carer',
  child_young_person: 'Young person',
}

const STATE_WORDS: Record<string, string> = {
  has_account: 'Has their own account',
  invited: 'Invited',
  invitation_expired: 'Invitation expired',
  none: 'No account',
}

type PersonParams = { caseId: string; personId: string }

export function staffPages(app: FastifyInstance, deps: AppDeps, web: WebDeps): void {
  app.get<{ Params: { caseId: string } }>('/cases/:caseId/family-accounts', async (request, reply) => {
    const accounts = await familyAccountsOfCase(deps, actorFor(request), { caseId: request.params.caseId })
    const query = request.query as Record<string, string | undefined>
    const invitedName = accounts.people.find((person) => person.personId === query.invited)?.name ?? null
    return renderPage(request, reply, 'pages/family/staff-accounts.njk', {
      pageTitle: `Family members’ own accounts: ${accounts.familyName} family`,
      accounts,
      invitedName,
      rows: accounts.people.map((person) => ({
        ...person,
        accountRoleWords: person.accountRole ? ACCOUNT_ROLE_WORDS[person.accountRole] : null,
        stateWords: STATE_WORDS[person.state],
        latestWords: person.latest
          ? person.state === 'has_account'
            ? ''
            : `Sent to ${person.latest.email} on ${momentOnPage(person.latest.createdAt)}; ${person.state === 'invited' ? 'works until' : 'expired'} ${momentOnPage(person.latest.expiresAt)}`
          : '',
        inviteHref:
          person.accountRole && person.state !== 'has_account'
            ? `/cases/${accounts.caseId}/family-accounts/${person.personId}`
            : null,
      })),
    })
  })

  const invitePage = async (request: FastifyRequest, reply: FastifyReply, errors: readonly FormError[]) => {
    const { caseId, personId } = request.params as PersonParams
    const accounts = await familyAccountsOfCase(deps, actorFor(request), { caseId })
    const person = accounts.people.find((one) => one.personId === personId)
    if (!person?.accountRole || person.state === 'has_account') throw new NotFound('The person')
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/family/staff-invite.njk', {
      pageTitle: `Invite ${person.name} to their own account`,
      accounts,
      person,
      accountRoleWords: ACCOUNT_ROLE_WORDS[person.accountRole],
      values: {
        email:
          request.method === 'POST' ? typed(bodyOf(request.body), 'email') : (person.emailOnRecord ?? ''),
      },
      errors: errorMap,
      errorList,
    })
  }
  const shownAgain: FormPageRenderer = (request, reply, errors) => invitePage(request, reply, errors)

  app.get<{ Params: PersonParams }>('/cases/:caseId/family-accounts/:personId', (request, reply) =>
    invitePage(request, reply, []),
  )

  app.post<{ Params: PersonParams }>(
    '/cases/:caseId/family-accounts/:personId',
    { config: { formPage: shownAgain } },
    async (request, reply) => {
      const { caseId, personId } = request.params
      await inviteFamilyMember(
        deps,
        actorFor(request),
        { caseId, personId, email: typed(bodyOf(request.body), 'email') },
        { publicUrl: web.config.publicUrl },
      )
      return reply.redirect(`/cases/${caseId}/family-accounts?invited=${personId}`, 303)
    },
  )

  app.get<{ Params: { conferenceId: string } }>(
    '/conferences/:conferenceId/family-views',
    async (request, reply) => {
      const shown = await familyViewsForStaff(deps, actorFor(request), {
        conferenceId: request.params.conferenceId,
      })
      return renderPage(request, reply, 'pages/family/staff-views.njk', {
        pageTitle: `The family’s views for the conference on ${dateOnPage(shown.date)}`,
        shown,
        when: dateOnPage(shown.date),
        views: shown.views.map((views) => ({
          ...views,
          sentAt: momentOnPage(views.sentAt),
          paragraphs: (views.text ?? '')
            .split(/\n\s*\n/)
            .map((paragraph) => paragraph.trim())
            .filter(Boolean),
        })),
      })
    },
  )
}
