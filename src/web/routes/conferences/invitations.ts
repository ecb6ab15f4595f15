import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../../app/actor.ts'
import {
  type ConferencePreparation,
  conferencePreparation,
  type InvitationEntry,
} from '../../../app/conferences/conference-preparation.ts'
import { agreeInvitationList } from '../../../app/invitations/agree-invitation-list.ts'
import { inviteToConference, SENT_VIA } from '../../../app/invitations/invite-to-conference.ts'
import { RESPONSES, recordInvitationResponse } from '../../../app/invitations/record-invitation-response.ts'
import { recordParentNotAttending } from '../../../app/invitations/record-parent-not-attending.ts'
import { PARTNER_LINK_DAYS } from '../../../app/partners/partner-link.ts'
import { partnerLinkOffered, sendPartnerLink } from '../../../app/partners/send-partner-link.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import {
  activeStaffWithRoles,
  CHOICE_LIST_LIMIT,
  professionalsOnRecord,
} from '../../../db/directory.repository.ts'
import { VIEWS_ROUTE_WORDS } from '../../../domain/conference/attendance-rules.ts'
import type { InvitationProposal } from '../../../domain/conference/membership.ts'
import { ABSENT_PARENT_REPRESENTATIVES, VIEWS_ROUTES } from '../../../domain/procedure/rule-params.ts'
import { actorFor, signedInWith } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type FormError, type FormValues, readDate } from '../deadlines/form-fields.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import {
  attempt,
  bodyOf,
  type FieldLabels,
  field,
  fields,
  formView,
  given,
  keptValues,
} from './form-support.ts'
import {
  agencyWords,
  conferenceHeader,
  conferencePath,
  RESPONSE_TAGS,
  ROLE_WORDS,
  ruleNote,
  SENT_VIA_WORDS,
} from './present.ts'

/**
 * Who is invited (/conferences/:conferenceId/invitations): the procedure's default list (P-MEMBERSHIP)
 * with the chair's agreement where the procedure asks for it, the invitations sent and their replies;
 * inviting from the list or anyone else (…/invitations/new); recording a reply and needs
 * (…/invitations/:invitationId) and a parent who will not attend (…/invitations/:invitationId/not-attending);
 * a new one-time link for a partner practitioner whose first has expired or gone astray
 * (…/invitations/:invitationId/new-link).
 */

type Params = { conferenceId: string }
type InvitationParams = { conferenceId: string; invitationId: string }

const SENT_VIA_ITEMS = SENT_VIA.map((value) => ({ value, text: SENT_VIA_WORDS[value] }))

const PROPOSAL_STATUS: Record<string, { text: string; classes: string }> = {
  invited: { text: 'Invited', classes: 'govuk-tag--green' },
  invite: { text: 'To invite', classes: 'govuk-tag--blue' },
  decide: { text: 'Chair decides first', classes: 'govuk-tag--yellow' },
  not_invited: { text: 'Not invited', classes: 'govuk-tag--grey' },
}

/** A proposal's invitee as one form value: "person:<id>", "professional:<id>" or "user:<id>". */
function inviteeValue(proposal: InvitationProposal): string | null {
  const invitee = proposal.invitee
  if ('personId' in invitee) return `person:${invitee.personId}`
  if ('professionalId' in invitee) return `professional:${invitee.professionalId}`
  if ('userId' in invitee) return `user:${invitee.userId}`
  return null
}

/** A form value back into the use-case's invitee reference. */
function inviteeRef(value: string): Record<string, string> {
  const [kind, id = ''] = value.split(':')
  if (kind === 'person') return { personId: id }
  if (kind === 'professional') return { professionalId: id }
  if (kind === 'user') return { userId: id }
  return { personId: '' }
}

function invitationRow(invitation: InvitationEntry, preparation: ConferencePreparation, actor: Actor) {
  const id = preparation.conference.id
  const absence = invitation.details.absence
  return {
    id: invitation.id,
    name: invitation.name,
    role: ROLE_WORDS[invitation.role] ?? invitation.role,
    agency: agencyWords(invitation.agency),
    sent: `${SENT_VIA_WORDS[invitation.sentVia ?? ''] ?? ''}${invitation.sentAt ? `, ${dateInWords(invitation.sentAt.toISOString().slice(0, 10))}` : ''}`,
    reply: RESPONSE_TAGS[invitation.response],
    substitute: invitation.substituteName,
    notAttendingReason: invitation.details.notAttendingReason ?? null,
    absence: absence
      ? {
          routes: absence.viewsRoutes.map(
            (route) => VIEWS_ROUTE_WORDS[route as keyof typeof VIEWS_ROUTE_WORDS] ?? route,
          ),
          representative: absence.representative
            ? `${absence.representative.name} (${absence.representative.role})`
            : null,
        }
      : null,
    needs: [
      invitation.needs.interpreterLanguage ? `Interpreter for ${invitation.needs.interpreterLanguage}` : null,
      invitation.needs.advocate ? 'An advocate' : null,
      invitation.needs.supporter ? `Supporter: ${invitation.needs.supporter.name}` : null,
      invitation.needs.access ? `Access: ${invitation.needs.access}` : null,
    ].filter((need): need is string => need !== null),
    href: conferencePath(id, `invitations/${invitation.id}`),
    newLinkAction: partnerLinkOffered(actor, preparation.conference, invitation, invitation.professional)
      ? conferencePath(id, `invitations/${invitation.id}/new-link`)
      : null,
  }
}

function listView(preparation: ConferencePreparation, actor: Actor) {
  const { defaultList } = preparation
  const agreement = defaultList.chairAgreement
  return {
    header: conferenceHeader(preparation),
    membership: ruleNote(defaultList.membership),
    notes: defaultList.notes.map(ruleNote),
    chairAgreesList: defaultList.chairAgreesList,
    agreement: agreement
      ? { on: dateInWords(agreement.agreedAt.toISOString().slice(0, 10)), note: agreement.note }
      : null,
    proposals: defaultList.proposals.map((proposal, index) => {
      const value = inviteeValue(proposal)
      const state = proposal.invited ? 'invited' : proposal.status
      return {
        index,
        value: value ? `${value}:${proposal.role}` : null,
        agreeValue: value,
        name: proposal.name ?? `${agencyWords(proposal.agency)}: someone to choose`,
        role: ROLE_WORDS[proposal.role] ?? proposal.role,
        agency: agencyWords(proposal.agency),
        why: proposal.why,
        rule: proposal.rule,
        source: proposal.source ?? 'The procedure is silent',
        status: PROPOSAL_STATUS[state],
        canInvite: !proposal.invited && proposal.status === 'invite' && value !== null,
        chooseHref:
          value === null && proposal.agency
            ? `${conferencePath(preparation.conference.id, 'invitations/new')}?agency=${encodeURIComponent(proposal.agency)}`
            : null,
      }
    }),
    invitations: preparation.invitations.map((invitation) => invitationRow(invitation, preparation, actor)),
    counts: {
      interpreters: preparation.interpreters.length,
      observers: preparation.observers.length,
      exclusions: preparation.exclusions.length,
      children: preparation.children.length,
    },
    agencyAbsent: ruleNote(preparation.procedure.agencyAbsent),
    open: preparation.conference.status !== 'finalised' && preparation.conference.status !== 'cancelled',
  }
}

const LIST_LABELS: FieldLabels = {
  conferenceId: { label: 'The list', anchor: 'invitees' },
  invitees: { label: 'Invitees', anchor: 'invitees' },
  'invitees.personId': { label: 'Invitee', anchor: 'invitees' },
  'invitees.professionalId': { label: 'Invitee', anchor: 'invitees' },
  'invitees.userId': { label: 'Invitee', anchor: 'invitees' },
  'invitees.role': { label: 'Role', anchor: 'invitees' },
  'invitees.sentVia': { label: 'How it is sent', anchor: 'sentVia' },
  'invitees.reason': { label: 'Reason', anchor: 'invitees' },
  note: { label: 'Note' },
}

const AGREE_LABELS: FieldLabels = {
  conferenceId: { label: 'The list', anchor: 'agreed' },
  invitees: { label: 'The list', anchor: 'agreed' },
  'invitees.personId': { label: 'Invitee', anchor: 'agreed' },
  'invitees.professionalId': { label: 'Invitee', anchor: 'agreed' },
  'invitees.userId': { label: 'Invitee', anchor: 'agreed' },
  note: { label: 'Note' },
}

const ONE_LABELS: FieldLabels = {
  conferenceId: { label: 'The list', anchor: 'invitee' },
  invitees: { label: 'Invitee', anchor: 'invitee' },
  'invitees.personId': { label: 'Invitee', anchor: 'invitee' },
  'invitees.professionalId': { label: 'Invitee', anchor: 'invitee' },
  'invitees.userId': { label: 'Invitee', anchor: 'invitee' },
  'invitees.role': { label: 'Role', anchor: 'role' },
  'invitees.sentVia': { label: 'How it is sent', anchor: 'sentVia' },
  'invitees.reason': { label: 'Reason', anchor: 'reason' },
}

const REPLY_LABELS: FieldLabels = {
  response: { label: 'Reply' },
  substituteName: { label: 'Substitute’s name' },
  reason: { label: 'Reason' },
  'needs.interpreterLanguage': { label: 'Interpreter language' },
  'needs.advocate': { label: 'Advocate', anchor: 'needs-advocate' },
  'needs.supporter.name': { label: 'Supporter’s name' },
  'needs.supporter.relationship': { label: 'Supporter’s relationship' },
  'needs.access': { label: 'Access needs' },
}

const ABSENCE_LABELS: FieldLabels = {
  personId: { label: 'The parent', anchor: 'reason' },
  reason: { label: 'Reason' },
  viewsRoutes: { label: 'How their views reach the conference', anchor: 'viewsRoutes' },
  'viewsInWriting.receivedOn': { label: 'Date received', anchor: 'viewsInWriting-receivedOn-day' },
  'viewsInWriting.summary': { label: 'Summary' },
  representative: { label: 'Representative', anchor: 'representative-role' },
  'representative.role': { label: 'Who attends in their place' },
  'representative.name': { label: 'Their name' },
  'representative.chairAgreed': { label: 'The chair’s agreement', anchor: 'representative-chairAgreed' },
  'representative.writtenParentalConfirmation': {
    label: 'The parent’s written confirmation',
    anchor: 'representative-writtenParentalConfirmation',
  },
}

/** Errors shown at the input they link to: several of the use-case's fields share one input here. */
const byAnchor = (errors: FormError[]): FormError[] =>
  errors.map((error) => ({ ...error, name: error.href.slice(1) }))

const DONE: Record<string, string> = {
  invited: 'The invitations have been sent. Letters to post, hand over or read out are in the messages.',
  agreed: 'The chair’s agreement of the list has been recorded.',
  reply: 'The reply has been recorded.',
  absence: 'The parent’s arrangements for not attending have been recorded.',
  link: `A new link has been emailed. It works once, for ${PARTNER_LINK_DAYS} days; a link sent before still works until it expires.`,
}

/** `publicUrl`: the service's address, for the one-time links in partners' invitations. */
export function invitationRoutes(app: FastifyInstance, deps: AppDeps, links: { publicUrl: string }): void {
  const load = (request: FastifyRequest) =>
    conferencePreparation(deps, actorFor(request), {
      conferenceId: (request.params as Params).conferenceId,
    })

  const renderList = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    values: FormValues,
    errors: FormError[],
    chosen: string[],
  ) => {
    const form = formView(values, errors)
    const done = (request.query as { done?: string }).done
    return renderPage(request, reply, 'pages/conferences/invitations.njk', {
      pageTitle: 'Invitations',
      form,
      errorList: form.errorList,
      chosen,
      sentViaItems: SENT_VIA_ITEMS.map((item) => ({ ...item, checked: values.sentVia === item.value })),
      done: done ? (DONE[done] ?? null) : null,
      isChair: signedInWith(request, 'chair'),
      isAdministrator: signedInWith(request, 'conference_administrator'),
      ...listView(preparation, actorFor(request)),
    })
  }

  app.get('/conferences/:conferenceId/invitations', async (request, reply) =>
    renderList(request, reply, await load(request), { sentVia: '' }, [], []),
  )

  app.post('/conferences/:conferenceId/invitations', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const chosen = fields(body, 'invitees')
    const sentVia = field(body, 'sentVia')
    const errors: FormError[] = []
    if (chosen.length === 0)
      errors.push({ name: 'invitees', href: '#invitees', message: 'Choose at least one person to invite' })
    if (sentVia === '')
      errors.push({ name: 'sentVia', href: '#sentVia', message: 'Choose how the invitations are sent' })
    const sent =
      errors.length > 0
        ? { ok: false as const, errors }
        : await attempt(
            () =>
              inviteToConference(
                deps,
                actorFor(request),
                {
                  conferenceId,
                  invitees: chosen.map((value) => {
                    const [kind = '', id = '', role = ''] = value.split(':')
                    return { ...inviteeRef(`${kind}:${id}`), role, sentVia }
                  }),
                },
                links,
              ),
            LIST_LABELS,
            'invitees',
          )
    if (!sent.ok) {
      reply.code(400)
      return renderList(request, reply, await load(request), { sentVia }, byAnchor(sent.errors), chosen)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'invitations')}?done=invited`, 303)
  })

  app.post('/conferences/:conferenceId/invitations/:invitationId/new-link', async (request, reply) => {
    const { invitationId } = request.params as InvitationParams
    const sent = await sendPartnerLink(deps, actorFor(request), { invitationId }, links)
    return reply.redirect(`${conferencePath(sent.conferenceId, 'invitations')}?done=link`, 303)
  })

  app.post('/conferences/:conferenceId/invitations/agree', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const chosen = fields(body, 'agreed')
    const agreed = await attempt(
      () =>
        agreeInvitationList(deps, actorFor(request), {
          conferenceId,
          invitees: chosen.map(inviteeRef),
          note: given(body, 'note'),
        }),
      AGREE_LABELS,
      'agreed',
    )
    if (!agreed.ok) {
      reply.code(400)
      const errors = agreed.errors.map((error) => ({ ...error, name: 'agreed' }))
      return renderList(request, reply, await load(request), { note: field(body, 'note') }, errors, [])
    }
    return reply.redirect(`${conferencePath(conferenceId, 'invitations')}?done=agreed`, 303)
  })

  // Inviting one person: anyone of the case, staff, or a professional on record ------------------

  const renderOne = async (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    values: FormValues,
    errors: FormError[],
  ) => {
    const agency = (request.query as { agency?: string }).agency
    const form = formView(values, errors)
    const people = preparation.people
      .filter((person) => person.role !== 'unborn')
      .map((person) => ({
        value: `person:${person.id}`,
        text: `${person.firstName} ${person.lastName} (${person.role.replaceAll('_', ' ')})`,
      }))
    const staffIds = [preparation.case.socialWorkerId, preparation.case.teamManagerId].filter(
      (id): id is string => id !== null,
    )
    const staff = (
      await activeStaffWithRoles(deps.db, ['social_worker', 'team_manager'], { limit: CHOICE_LIST_LIMIT })
    )
      .filter((member) => staffIds.includes(member.id))
      .map((member) => ({ value: `user:${member.id}`, text: `${member.name} (children’s social care)` }))
    const onRecord = await professionalsOnRecord(deps.db, agency && agency !== 'health' ? { agency } : {})
    const professionals = onRecord.map((professional) => ({
      value: `professional:${professional.id}`,
      text: `${professional.name} (${agencyWords(professional.agency)}${professional.roleTitle ? `, ${professional.roleTitle}` : ''})`,
    }))
    // Advocates with an account, invited as the child's advocate through their account (the use-case
    // makes their professional record the first time); one listed above already is not listed twice.
    const listedAccounts = new Set(onRecord.flatMap((professional) => professional.userId ?? []))
    const advocates = (await activeStaffWithRoles(deps.db, ['advocate'], { limit: CHOICE_LIST_LIMIT }))
      .filter((advocate) => !listedAccounts.has(advocate.id))
      .map((advocate) => ({ value: `user:${advocate.id}`, text: `${advocate.name} (advocate)` }))
    const selected = (items: { value: string; text: string }[]) =>
      items.map((item) => ({ ...item, selected: values.invitee === item.value }))
    return renderPage(request, reply, 'pages/conferences/invite.njk', {
      pageTitle: 'Invite someone',
      form,
      errorList: form.errorList,
      header: conferenceHeader(preparation),
      agency: agency ? agencyWords(agency) : null,
      inviteeItems: [
        { value: '', text: 'Choose who to invite' },
        ...selected(people),
        ...selected(staff),
        ...selected(advocates),
        ...selected(professionals),
      ],
      roleItems: ['parent', 'carer', 'child', 'supporter', 'advocate', 'professional'].map((value) => ({
        value,
        text: ROLE_WORDS[value],
        checked: values.role === value,
      })),
      sentViaItems: SENT_VIA_ITEMS.map((item) => ({ ...item, checked: values.sentVia === item.value })),
      notes: preparation.defaultList.notes.map(ruleNote),
    })
  }

  app.get('/conferences/:conferenceId/invitations/new', async (request, reply) => {
    const agency = (request.query as { agency?: string }).agency
    return renderOne(request, reply, await load(request), { role: agency ? 'professional' : '' }, [])
  })

  app.post('/conferences/:conferenceId/invitations/new', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const values = keptValues(body, ['invitee', 'role', 'sentVia', 'reason'])
    const errors: FormError[] = []
    if (values.invitee === '')
      errors.push({ name: 'invitee', href: '#invitee', message: 'Choose who to invite' })
    if (values.role === '') errors.push({ name: 'role', href: '#role', message: 'Choose their role' })
    if (values.sentVia === '')
      errors.push({ name: 'sentVia', href: '#sentVia', message: 'Choose how the invitation is sent' })
    const sent =
      errors.length > 0
        ? { ok: false as const, errors }
        : await attempt(
            () =>
              inviteToConference(
                deps,
                actorFor(request),
                {
                  conferenceId,
                  invitees: [
                    {
                      ...inviteeRef(values.invitee ?? ''),
                      role: values.role,
                      sentVia: values.sentVia,
                      reason: given(body, 'reason'),
                    },
                  ],
                },
                links,
              ),
            ONE_LABELS,
            'invitee',
          )
    if (!sent.ok) {
      reply.code(400)
      return renderOne(request, reply, await load(request), values, byAnchor(sent.errors))
    }
    return reply.redirect(`${conferencePath(conferenceId, 'invitations')}?done=invited`, 303)
  })

  // A reply, and needs ---------------------------------------------------------------------------

  const invitationOf = (preparation: ConferencePreparation, invitationId: string) =>
    preparation.invitations.find((invitation) => invitation.id === invitationId)

  const renderReply = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    invitation: InvitationEntry,
    values: FormValues,
    errors: FormError[],
  ) => {
    const form = formView(values, errors)
    const professional = invitation.professionalId !== null
    const parent = invitation.role === 'parent' || invitation.role === 'carer'
    return renderPage(request, reply, 'pages/conferences/reply.njk', {
      pageTitle: `Reply from ${invitation.name}`,
      form,
      errorList: form.errorList,
      header: conferenceHeader(preparation),
      invitation: invitationRow(invitation, preparation, actorFor(request)),
      responseItems: RESPONSES.filter((value) => professional || value !== 'report_and_substitute').map(
        (value) => ({ value, text: RESPONSE_TAGS[value]?.text, checked: values.response === value }),
      ),
      professional,
      parent,
      agencyAbsent: ruleNote(preparation.procedure.agencyAbsent),
      parentAbsent: ruleNote(preparation.procedure.parentAbsence.note),
      notAttendingHref: conferencePath(
        preparation.conference.id,
        `invitations/${invitation.id}/not-attending`,
      ),
      backHref: conferencePath(preparation.conference.id, 'invitations'),
    })
  }

  const replyValues = (invitation: InvitationEntry): FormValues => ({
    response: invitation.response === 'awaiting' ? '' : invitation.response,
    substituteName: invitation.substituteName ?? '',
    reason: invitation.details.notAttendingReason ?? '',
    'needs-interpreterLanguage': invitation.needs.interpreterLanguage ?? '',
    'needs-advocate': invitation.needs.advocate ? 'yes' : '',
    'needs-supporter-name': invitation.needs.supporter?.name ?? '',
    'needs-supporter-relationship': invitation.needs.supporter?.relationship ?? '',
    'needs-access': invitation.needs.access ?? '',
  })

  app.get('/conferences/:conferenceId/invitations/:invitationId', async (request, reply) => {
    const { invitationId } = request.params as InvitationParams
    const preparation = await load(request)
    const invitation = invitationOf(preparation, invitationId)
    if (!invitation) return reply.callNotFound()
    return renderReply(request, reply, preparation, invitation, replyValues(invitation), [])
  })

  app.post('/conferences/:conferenceId/invitations/:invitationId', async (request, reply) => {
    const { conferenceId, invitationId } = request.params as InvitationParams
    const body = bodyOf(request)
    const values = keptValues(body, [
      'response',
      'substituteName',
      'reason',
      'needs-interpreterLanguage',
      'needs-advocate',
      'needs-supporter-name',
      'needs-supporter-relationship',
      'needs-access',
    ])
    const supporter = given(body, 'needs-supporter-name')
    const recorded =
      values.response === ''
        ? {
            ok: false as const,
            errors: [{ name: 'response', href: '#response', message: 'Choose the reply' }],
          }
        : await attempt(
            () =>
              recordInvitationResponse(deps, actorFor(request), {
                invitationId,
                response: values.response,
                substituteName:
                  values.response === 'report_and_substitute' ? given(body, 'substituteName') : undefined,
                reason: given(body, 'reason'),
                needs: {
                  interpreterLanguage: given(body, 'needs-interpreterLanguage'),
                  advocate: values['needs-advocate'] === 'yes',
                  ...(supporter
                    ? {
                        supporter: {
                          name: supporter,
                          relationship: given(body, 'needs-supporter-relationship'),
                        },
                      }
                    : {}),
                  access: given(body, 'needs-access'),
                },
              }),
            REPLY_LABELS,
            'response',
          )
    if (!recorded.ok) {
      const preparation = await load(request)
      const invitation = invitationOf(preparation, invitationId)
      if (!invitation) return reply.callNotFound()
      reply.code(400)
      return renderReply(request, reply, preparation, invitation, values, recorded.errors)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'invitations')}?done=reply`, 303)
  })

  // A parent who will not attend (P-PARENT-ABSENT) -------------------------------------------------

  const renderAbsence = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    invitation: InvitationEntry,
    values: FormValues,
    routes: string[],
    errors: FormError[],
  ) => {
    const form = formView(values, errors)
    const rules = preparation.procedure.parentAbsence
    return renderPage(request, reply, 'pages/conferences/not-attending.njk', {
      pageTitle: `${invitation.name} will not attend`,
      form,
      errorList: form.errorList,
      header: conferenceHeader(preparation),
      invitation: invitationRow(invitation, preparation, actorFor(request)),
      rule: ruleNote(rules.note),
      routeItems: VIEWS_ROUTES.map((value) => ({
        value,
        text: VIEWS_ROUTE_WORDS[value],
        checked: routes.includes(value),
        hint: rules.viewsRoutes.includes(value) ? { text: 'Named by the procedure' } : undefined,
      })),
      representativeItems: [
        { value: '', text: 'Nobody attends in their place' },
        ...ABSENT_PARENT_REPRESENTATIVES.map((value) => ({
          value,
          text: value.charAt(0).toUpperCase() + value.slice(1),
          selected: values['representative-role'] === value,
        })),
      ],
      representatives: rules.representatives,
      representativeNeeds: rules.representativeNeeds,
      backHref: conferencePath(preparation.conference.id, `invitations/${invitation.id}`),
      profileName: councilProfile(deps).name,
    })
  }

  const ABSENCE_TEXT = [
    'reason',
    'viewsInWriting-summary',
    'representative-role',
    'representative-name',
    'representative-chairAgreed',
    'representative-writtenParentalConfirmation',
  ] as const

  app.get('/conferences/:conferenceId/invitations/:invitationId/not-attending', async (request, reply) => {
    const { invitationId } = request.params as InvitationParams
    const preparation = await load(request)
    const invitation = invitationOf(preparation, invitationId)
    if (!invitation || invitation.personId === null) return reply.callNotFound()
    const absence = invitation.details.absence
    return renderAbsence(
      request,
      reply,
      preparation,
      invitation,
      {
        reason: absence?.reason ?? '',
        'representative-role': absence?.representative?.role ?? '',
        'representative-name': absence?.representative?.name ?? '',
      },
      absence?.viewsRoutes ?? [],
      [],
    )
  })

  app.post('/conferences/:conferenceId/invitations/:invitationId/not-attending', async (request, reply) => {
    const { conferenceId, invitationId } = request.params as InvitationParams
    const body = bodyOf(request)
    const values = keptValues(body, ABSENCE_TEXT)
    const routes = fields(body, 'viewsRoutes')
    const received = readDate(body, 'viewsInWriting-receivedOn', 'The date received', values)
    const preparation = await load(request)
    const invitation = invitationOf(preparation, invitationId)
    if (!invitation || invitation.personId === null) return reply.callNotFound()
    const personId = invitation.personId
    const representativeRole = given(body, 'representative-role')
    const recorded = received.error
      ? { ok: false as const, errors: [received.error] }
      : await attempt(
          () =>
            recordParentNotAttending(deps, actorFor(request), {
              conferenceId,
              personId,
              reason: given(body, 'reason'),
              viewsRoutes: routes,
              ...(received.value
                ? {
                    viewsInWriting: {
                      receivedOn: received.value,
                      summary: given(body, 'viewsInWriting-summary'),
                    },
                  }
                : {}),
              ...(representativeRole
                ? {
                    representative: {
                      role: representativeRole,
                      name: given(body, 'representative-name'),
                      chairAgreed: values['representative-chairAgreed'] === 'yes',
                      writtenParentalConfirmation:
                        values['representative-writtenParentalConfirmation'] === 'yes',
                    },
                  }
                : {}),
            }),
          ABSENCE_LABELS,
          'reason',
        )
    if (!recorded.ok) {
      reply.code(400)
      return renderAbsence(request, reply, preparation, invitation, values, routes, recorded.errors)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'invitations')}?done=absence`, 303)
  })
}
