import type { OidcConfig } from '../../config.ts'
import { appendAudit } from '../../db/audit.repository.ts'
import { findUserForIdentityProvider, upsertIdentityProviderUser } from '../../db/user.repository.ts'
import type { Actor } from '../actor.ts'
import { Forbidden } from '../errors.ts'
import { type AppDeps, inTransaction } from '../use-case.ts'
import type { SessionPolicy } from './session-policy.ts'
import { actorOf } from './sign-in.ts'
import { type StartedSession, startSession } from './start-session.ts'

/** What the identity provider's ID token says of the person, already verified by the client. */
export interface IdentityClaims {
  issuer: string
  subject: string
  email?: unknown
  name?: unknown
  givenName?: unknown
  familyName?: unknown
  /** The groups claim, as the provider sent it (a list, or one string). */
  groups?: unknown
}

export const NO_ROLE =
  'Your council account is not in any group that gives a role in Convene. Ask your system administrator to add you to one.'

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/** The Convene roles the person's groups give, in the order the configuration lists them. */
export function rolesFromGroups(groups: unknown, roleOfGroup: Record<string, string>): string[] {
  const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(/[,\s]+/) : []
  const held = new Set(list.filter((group): group is string => typeof group === 'string'))
  const roles: string[] = []
  for (const [group, role] of Object.entries(roleOfGroup))
    if (held.has(group) && !roles.includes(role)) roles.push(role)
  return roles
}

async function refuse(
  deps: AppDeps,
  claims: IdentityClaims,
  reason: string,
  fromAddress?: string,
): Promise<never> {
  await inTransaction(deps, (trx) =>
    appendAudit(trx, {
      actor: {
        userId: null,
        label: `identity provider sign-in as ${String(text(claims.email) ?? claims.subject).slice(0, 200)}`,
      },
      action: 'sign_in.refused',
      subject: { type: 'user', id: null },
      after: { via: 'identity_provider', reason, subject: claims.subject },
      fromAddress: fromAddress ?? null,
    }),
  )
  throw new Forbidden(
    reason === 'no role' ? NO_ROLE : 'This account cannot sign in to Convene. Ask your system administrator.',
  )
}

/**
 * Signs in a person the council's identity provider has vouched for. Their roles come from their
 * groups there, every time (so removing someone from a group removes the role); a new person gets
 * an account; a person already known by email is linked. The identity provider does its own second
 * factor, so the session opens at once.
 */
export async function signInWithIdentityProvider(
  deps: AppDeps,
  policy: SessionPolicy,
  oidc: Pick<OidcConfig, 'roleOfGroup'>,
  claims: IdentityClaims,
  fromAddress?: string,
): Promise<StartedSession & { actor: Actor }> {
  const email = text(claims.email)?.toLowerCase()
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) return refuse(deps, claims, 'no email address', fromAddress)
  const roles = rolesFromGroups(claims.groups, oidc.roleOfGroup)
  if (roles.length === 0) return refuse(deps, claims, 'no role', fromAddress)
  const externalSubject = `${claims.issuer}|${claims.subject}`
  const found = await findUserForIdentityProvider(deps.db, externalSubject, email)
  if (found?.user.demo || found?.user.disabled)
    return refuse(deps, claims, 'demo or disabled account', fromAddress)
  if (found?.externalSubject && found.externalSubject !== externalSubject)
    return refuse(deps, claims, 'email belongs to another identity', fromAddress)
  const displayName =
    text(claims.name) ??
    ([text(claims.givenName), text(claims.familyName)].filter(Boolean).join(' ') || email)
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const userId = await upsertIdentityProviderUser(trx, {
      ...(found ? { id: found.user.id } : {}),
      externalSubject,
      email,
      displayName,
      roles,
    })
    const before = found
      ? { roles: found.user.roles, email: found.user.email, displayName: found.user.displayName }
      : undefined
    const after = { roles, email, displayName }
    if (!found || JSON.stringify(before) !== JSON.stringify(after))
      await appendAudit(trx, {
        actor: { userId: null, label: 'council identity provider' },
        action: found ? 'user.updated_from_identity_provider' : 'user.created_from_identity_provider',
        subject: { type: 'user', id: userId },
        ...(before ? { before } : {}),
        after,
        fromAddress: fromAddress ?? null,
      })
    const user = {
      id: userId,
      email,
      displayName,
      roles,
      agency: found?.user.agency ?? null,
      team: found?.user.team ?? null,
      demo: false,
      disabled: false,
      hasSecondFactor: found?.user.hasSecondFactor ?? false,
    }
    const started = await startSession(trx, policy, user, { now, secondFactor: 'done', fromAddress })
    return { ...started, actor: actorOf(user, fromAddress) }
  })
}
