import argon2 from 'argon2'
import { appendAudit } from '../../db/audit.repository.ts'
import { findConference } from '../../db/conference.repository.ts'
import {
  findPartnerLink,
  linkProfessionalToUser,
  type PartnerLinkTarget,
  usePartnerLink,
} from '../../db/partner-link.repository.ts'
import { setPasswordHash } from '../../db/password-reset.repository.ts'
import { findUserById, findUserForSignIn, type User } from '../../db/user.repository.ts'
import { insertLocalAccount } from '../../db/user-account.repository.ts'
import { AGENCIES } from '../../domain/deadlines/facts.ts'
import { type Actor, actorLabel } from '../actor.ts'
import { newPasswordInput } from '../auth/reset-password.ts'
import type { SessionPolicy } from '../auth/session-policy.ts'
import { needsSecondFactor } from '../auth/sign-in-rules.ts'
import { type StartedSession, startSession } from '../auth/start-session.ts'
import { Conflict, ValidationFailed } from '../errors.ts'
import { type AppDeps, inTransaction, type Trx, validate } from '../use-case.ts'
import { looksLikeToken, partnerLinkIdOf } from './partner-link.ts'

/**
 * Following a partner's one-time link. A good link (known, unused, unexpired, for a conference not
 * cancelled) lets its practitioner set up an account limited to the conferences they are invited
 * to, or join the invitation to the account they have; the link is spent in the same transaction.
 * Every refusal (unknown, used, expired, or opened while signed in as someone else) is written to
 * the audit log in a transaction of its own, so the record survives the refusal.
 */

export type LinkRefusalReason =
  | 'unknown'
  | 'used'
  | 'expired'
  | 'conference_cancelled'
  | 'someone_else_signed_in'
  | 'account_not_partner'
  | 'account_disabled'

const REFUSAL_WORDS: Record<LinkRefusalReason, string> = {
  unknown:
    'This link is not right. Check you copied the whole link from the email, or ask the conference administrator for a new one.',
  used: 'This link has been used already: each link works once. Sign in to see your conferences, or ask the conference administrator for a new link.',
  expired: 'This link has expired. Ask the conference administrator for a new one.',
  conference_cancelled: 'The conference this link was for has been cancelled.',
  someone_else_signed_in:
    'This link was sent to someone else. Sign out first if the link is yours, then open it again.',
  account_not_partner:
    'The email address this link was sent to belongs to an account that is not a partner practitioner’s. Ask the conference administrator.',
  account_disabled:
    'The account for the email address this link was sent to is disabled. Ask your system administrator.',
}

/** A refused link; the refusal has been recorded. */
export class PartnerLinkRefused extends Conflict {
  constructor(readonly reason: LinkRefusalReason) {
    super(REFUSAL_WORDS[reason])
    this.name = 'PartnerLinkRefused'
  }
}

/** Who followed the link: the person signed in, if anyone, and where from. */
export interface LinkFollower {
  signedIn: Actor | null
  fromAddress?: string | undefined
}

/** What the link's page shows and which way it goes. */
export interface PartnerLinkView {
  name: string
  email: string
  conference: { id: string; kind: string; date: string; startTime: string | null }
  expiresAt: Date
  /**
   * new_account: choose a password for a new account; existing_account: the practitioner has an
   * account, so the invitation joins it and they sign in; signed_in: joins the account signed in now.
   */
  next: 'new_account' | 'existing_account' | 'signed_in'
}

async function recordRefusal(
  deps: AppDeps,
  reason: LinkRefusalReason,
  target: PartnerLinkTarget | undefined,
  follower: LinkFollower,
): Promise<PartnerLinkRefused> {
  await inTransaction(deps, (trx) =>
    appendAudit(trx, {
      actor: follower.signedIn
        ? { userId: follower.signedIn.userId, label: actorLabel(follower.signedIn) }
        : { userId: null, label: 'someone following a partner link' },
      action: 'partner_link.refused',
      subject: { type: 'invitation', id: target?.link.invitationId ?? null },
      caseId: target?.caseId ?? null,
      after: {
        reason,
        conferenceId: target?.conferenceId ?? null,
        professionalId: target?.professional.id ?? null,
      },
      fromAddress: follower.fromAddress ?? null,
    }),
  )
  return new PartnerLinkRefused(reason)
}

type Route =
  | { next: 'new_account' }
  | { next: 'existing_account'; user: User }
  | { next: 'signed_in'; user: User }

/** Where a good link goes, or why it is refused, from the link and who follows it. */
async function routeOf(
  db: AppDeps['db'] | Trx,
  target: PartnerLinkTarget | undefined,
  follower: LinkFollower,
  now: Date,
): Promise<Route | LinkRefusalReason> {
  if (!target) return 'unknown'
  if (target.link.usedAt) return 'used'
  if (target.link.expiresAt <= now) return 'expired'
  if (target.conferenceStatus === 'cancelled') return 'conference_cancelled'
  const { professional } = target
  const email = professional.email?.toLowerCase() ?? null
  const accountId =
    professional.userId ?? (email ? ((await findUserForSignIn(db, email))?.user.id ?? null) : null) ?? null
  const account = accountId ? await findUserById(db, accountId) : undefined
  if (follower.signedIn) {
    if (!account || account.id !== follower.signedIn.userId) return 'someone_else_signed_in'
  }
  if (!account) return email ? { next: 'new_account' } : 'unknown'
  if (account.disabled) return 'account_disabled'
  if (!account.roles.includes('partner_practitioner')) return 'account_not_partner'
  return follower.signedIn
    ? { next: 'signed_in', user: account }
    : { next: 'existing_account', user: account }
}

async function findTarget(db: AppDeps['db'] | Trx, token: string) {
  return looksLikeToken(token) ? findPartnerLink(db, partnerLinkIdOf(token)) : undefined
}

/**
 * What a link leads to, for its page, without spending it (a mail scanner that opens the link
 * spends nothing). Throws PartnerLinkRefused, recorded, when the link cannot be used.
 */
export async function checkPartnerLink(
  deps: AppDeps,
  token: string,
  follower: LinkFollower,
): Promise<PartnerLinkView> {
  const target = await findTarget(deps.db, token)
  const route = await routeOf(deps.db, target, follower, deps.clock())
  if (typeof route === 'string' || !target)
    throw await recordRefusal(deps, route as LinkRefusalReason, target, follower)
  const conference = await findConference(deps.db, target.conferenceId)
  return {
    name: target.professional.name,
    email: target.professional.email ?? '',
    conference: {
      id: target.conferenceId,
      kind: conference?.kind ?? 'initial',
      date: conference?.date ?? '',
      startTime: conference?.startTime ?? null,
    },
    expiresAt: target.link.expiresAt,
    next: route.next,
  }
}

export type PartnerLinkOutcome =
  /** A new account: signed in now, with the second factor to set up next where it is needed. */
  | { outcome: 'new_account'; conferenceId: string; session: StartedSession }
  /** The invitation joined the practitioner's account; they sign in to see it. */
  | { outcome: 'sign_in'; conferenceId: string; email: string }
  /** The invitation joined the account signed in now. */
  | { outcome: 'added'; conferenceId: string }

const passwordProblem = (password: string, email: string): boolean =>
  password.toLowerCase().includes(email.split('@')[0]?.toLowerCase() ?? '\u0000')

/**
 * Uses a link: for a practitioner with no account, makes one (a partner practitioner of the
 * professional's agency, with the password they chose, passing the second factor as staff do) and
 * signs them in; otherwise joins the invitation's professional record to their account. The link is
 * spent, the record linked (professionals.user_id) and the audit record written in one transaction.
 */
export async function usePartnerLinkToJoin(
  deps: AppDeps,
  policy: SessionPolicy,
  token: string,
  input: unknown,
  follower: LinkFollower,
): Promise<PartnerLinkOutcome> {
  const now = deps.clock()
  const before = await routeOf(deps.db, await findTarget(deps.db, token), follower, now)
  let hash: string | null = null
  if (typeof before !== 'string' && before.next === 'new_account') {
    const target = await findTarget(deps.db, token)
    const email = target?.professional.email?.toLowerCase() ?? ''
    const value = validate(newPasswordInput, input)
    if (passwordProblem(value.password, email))
      throw new ValidationFailed([
        { field: 'password', message: 'Password must not contain your email address' },
      ])
    hash = await argon2.hash(value.password, { type: argon2.argon2id })
  }
  let refusal: { reason: LinkRefusalReason; target: PartnerLinkTarget | undefined } | undefined
  try {
    return await inTransaction(deps, async (trx) => {
      const target = await findTarget(trx, token)
      const route = await routeOf(trx, target, follower, now)
      if (typeof route === 'string' || !target) {
        refusal = { reason: route as LinkRefusalReason, target }
        throw new PartnerLinkRefused(route as LinkRefusalReason)
      }
      const { professional } = target
      let user: User
      let session: StartedSession | null = null
      if (route.next === 'new_account') {
        if (hash === null)
          throw new Conflict('The link’s account changed while it was being used: open it again.')
        const email = (professional.email ?? '').toLowerCase()
        const account = {
          email,
          displayName: professional.name,
          roles: ['partner_practitioner'],
          team: null,
          agency: (AGENCIES as readonly string[]).includes(professional.agency) ? professional.agency : null,
        }
        const userId = await insertLocalAccount(trx, account)
        await setPasswordHash(trx, userId, hash)
        user = (await findUserById(trx, userId)) as User
        await appendAudit(trx, {
          actor: { userId, label: `${professional.name} (partner practitioner)` },
          action: 'user.created',
          subject: { type: 'user', id: userId },
          after: { ...account, through: 'partner_link', invitationId: target.link.invitationId },
          fromAddress: follower.fromAddress ?? null,
        })
      } else user = route.user
      if (!(await usePartnerLink(trx, target.link.id, { at: now, userId: user.id }))) {
        refusal = { reason: 'used', target }
        throw new PartnerLinkRefused('used')
      }
      if (professional.userId === null) await linkProfessionalToUser(trx, professional.id, user.id)
      await appendAudit(trx, {
        actor: { userId: user.id, label: `${user.displayName} (partner practitioner)` },
        action: 'partner_link.used',
        subject: { type: 'invitation', id: target.link.invitationId },
        caseId: target.caseId,
        after: {
          conferenceId: target.conferenceId,
          professionalId: professional.id,
          userId: user.id,
          account: route.next,
        },
        fromAddress: follower.fromAddress ?? null,
      })
      if (route.next === 'new_account') {
        session = await startSession(trx, policy, user, {
          now,
          secondFactor: needsSecondFactor(user, policy) ? 'set_up_needed' : 'done',
          fromAddress: follower.fromAddress,
        })
        return { outcome: 'new_account', conferenceId: target.conferenceId, session }
      }
      if (route.next === 'signed_in') return { outcome: 'added', conferenceId: target.conferenceId }
      return { outcome: 'sign_in', conferenceId: target.conferenceId, email: user.email }
    })
  } catch (error) {
    if (error instanceof PartnerLinkRefused && refusal)
      throw await recordRefusal(deps, refusal.reason, refusal.target, follower)
    if ((error as { code?: unknown } | null)?.code === '23505')
      throw new Conflict(
        'An account with this email address was made at the same moment: open the link again.',
      )
    throw error
  }
}
