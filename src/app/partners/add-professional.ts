import { z } from 'zod'
import {
  insertProfessional,
  type Professional,
  professionalEmailOnRecord,
} from '../../db/invitation.repository.ts'
import { AGENCIES } from '../../domain/deadlines/facts.ts'
import type { Actor } from '../actor.ts'
import { hasControlCharacter, optionalText } from '../cases/input-fields.ts'
import { ValidationFailed } from '../errors.ts'
import { type AppDeps, audit, inTransaction, requireRole, validate } from '../use-case.ts'

/** The agencies a partner's practitioner comes from: every agency but the council's own social care. */
export const PARTNER_AGENCIES = AGENCIES.filter((agency) => agency !== 'childrens_social_care')

const blankAsMissing = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const inputSchema = z.strictObject({
  name: z.preprocess(
    (value) => (value === undefined || value === null ? '' : value),
    z
      .string({ error: 'Enter their full name' })
      .trim()
      .min(1, { error: 'Enter their full name' })
      .max(200, { error: 'Full name must be 200 characters or fewer' })
      .refine((text) => !hasControlCharacter(text), {
        error: 'Full name must not contain control characters',
      }),
  ),
  agency: z.enum(PARTNER_AGENCIES, { error: 'Select their agency from the list' }),
  roleTitle: optionalText(200),
  email: z.preprocess(
    blankAsMissing,
    z
      .string({ error: 'Enter an email address in the correct format, like name@example.org' })
      .trim()
      .toLowerCase()
      .max(320, { error: 'Email address must be 320 characters or fewer' })
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
        error: 'Enter an email address in the correct format, like name@example.org',
      })
      .refine((text) => !hasControlCharacter(text), {
        error: 'Enter an email address in the correct format, like name@example.org',
      })
      .optional(),
  ),
  phone: z.preprocess(
    blankAsMissing,
    z
      .string({ error: 'Enter a phone number, like 01632 960 001' })
      .trim()
      .regex(/^[0-9+() -]{6,30}$/, { error: 'Enter a phone number, like 01632 960 001' })
      .optional(),
  ),
})

export type AddProfessionalInput = z.input<typeof inputSchema>

/** What the form for a new practitioner offers; only a conference administrator may see it. */
export function newProfessionalChoices(actor: Actor): { agencies: readonly string[] } {
  requireRole(actor, ['conference_administrator'], 'add a practitioner to the directory')
  return { agencies: PARTNER_AGENCIES }
}

/**
 * Adds a practitioner from a partner agency to the directory of professionals, so they can be
 * invited: with an email address, their invitation carries the one-time link to set up their account.
 * One record to an email address.
 */
export async function addProfessional(deps: AppDeps, actor: Actor, input: unknown): Promise<Professional> {
  requireRole(actor, ['conference_administrator'], 'add a practitioner to the directory')
  const value = validate(inputSchema, input)
  return inTransaction(deps, async (trx) => {
    if (value.email && (await professionalEmailOnRecord(trx, value.email)))
      throw new ValidationFailed([
        { field: 'email', message: 'A practitioner with this email address is on record already' },
      ])
    const professional = await insertProfessional(trx, {
      name: value.name,
      agency: value.agency,
      roleTitle: value.roleTitle ?? null,
      email: value.email ?? null,
      phone: value.phone ?? null,
    })
    await audit(trx, actor, {
      action: 'professional.added',
      subject: { type: 'professional', id: professional.id },
      after: {
        name: professional.name,
        agency: professional.agency,
        roleTitle: professional.roleTitle,
        email: professional.email,
        phone: professional.phone,
      },
    })
    return professional
  })
}
