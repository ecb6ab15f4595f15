import { z } from 'zod'
import { emailInUse, insertLocalAccount } from '../../db/user-account.repository.ts'
import { AGENCIES } from '../../domain/deadlines/facts.ts'
import { type Actor, ROLES, type Role } from '../actor.ts'
import { NEW_ACCOUNT_LINK_DAYS, sendNewAccountLink } from '../auth/reset-password.ts'
import { hasControlCharacter } from '../cases/input-fields.ts'
import { ValidationFailed } from '../errors.ts'
import { type AppDeps, audit, inTransaction, validate } from '../use-case.ts'
import { requireSystemAdministrator } from './account-change.ts'

const blankAsMissing = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

/** A field left out is refused with the same words as one left blank. */
const missingAsBlank = (value: unknown): unknown => (value === undefined || value === null ? '' : value)

/** One or more roles, each known; kept in the order of ROLES, each once. */
export const rolesInput = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value === undefined ? [] : value),
  z
    .array(z.string(), { error: 'Select at least one role' })
    .min(1, { error: 'Select at least one role' })
    .refine((roles) => roles.every((role) => (ROLES as readonly string[]).includes(role)), {
      error: 'Select roles from the list',
    })
    .transform((roles): Role[] => ROLES.filter((role) => roles.includes(role))),
)

const createInput = z.strictObject({
  email: z.preprocess(
    missingAsBlank,
    z
      .string({ error: 'Enter their email address' })
      .trim()
      .toLowerCase()
      .min(1, { error: 'Enter their email address', abort: true })
      .max(320, { error: 'Email address must be 320 characters or fewer' })
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
        error: 'Enter an email address in the correct format, like name@example.org',
      })
      .refine((email) => !hasControlCharacter(email), {
        error: 'Enter an email address in the correct format, like name@example.org',
      }),
  ),
  displayName: z.preprocess(
    missingAsBlank,
    z
      .string({ error: 'Enter their full name' })
      .trim()
      .min(1, { error: 'Enter their full name', abort: true })
      .max(200, { error: 'Full name must be 200 characters or fewer' })
      .refine((name) => !hasControlCharacter(name), {
        error: 'Full name must not contain control characters',
      }),
  ),
  roles: rolesInput,
  team: z.preprocess(
    blankAsMissing,
    z
      .string()
      .trim()
      .max(200, { error: 'Team must be 200 characters or fewer' })
      .refine((team) => !hasControlCharacter(team), { error: 'Team must not contain control characters' })
      .optional(),
  ),
  agency: z.preprocess(
    blankAsMissing,
    z.enum(AGENCIES, { error: 'Select an agency from the list' }).optional(),
  ),
})

export type CreateUserInput = z.input<typeof createInput>

export interface NewUserChoices {
  roles: readonly Role[]
  agencies: readonly string[]
  /** How many days the emailed link to choose a password works. */
  linkDays: number
}

/** What the form for a new account offers; only a system administrator may see it. */
export function newUserChoices(actor: Actor): NewUserChoices {
  requireSystemAdministrator(actor, 'make accounts')
  return { roles: ROLES, agencies: AGENCIES, linkDays: NEW_ACCOUNT_LINK_DAYS }
}

const EMAIL_TAKEN = 'An account with this email address already exists'

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505'
}

/**
 * Makes an account that signs in with a password: it has none yet, so a link to choose one is
 * emailed to the person (sendNewAccountLink), in the same transaction as the account and its audit
 * record. Staff set up their second factor when they first sign in.
 */
export async function createUser(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { publicUrl: string },
): Promise<{ userId: string; messageId: string }> {
  requireSystemAdministrator(actor, 'make accounts')
  const value = validate(createInput, input)
  const now = deps.clock()
  try {
    return await inTransaction(deps, async (trx) => {
      if (await emailInUse(trx, value.email))
        throw new ValidationFailed([{ field: 'email', message: EMAIL_TAKEN }])
      const account = {
        email: value.email,
        displayName: value.displayName,
        roles: value.roles,
        team: value.team ?? null,
        agency: value.agency ?? null,
      }
      const userId = await insertLocalAccount(trx, account)
      const link = await sendNewAccountLink(
        trx,
        { userId, email: account.email, displayName: account.displayName },
        { publicUrl: options.publicUrl, now },
      )
      await audit(trx, actor, {
        action: 'user.created',
        subject: { type: 'user', id: userId },
        after: { ...account, linkExpiresAt: link.expiresAt, messageId: link.messageId },
      })
      return { userId, messageId: link.messageId }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationFailed([{ field: 'email', message: EMAIL_TAKEN }])
    throw error
  }
}
