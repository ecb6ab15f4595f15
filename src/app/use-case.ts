import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import { appendAudit } from '../db/audit.repository.ts'
import type { JsonInput } from '../db/jsonb.ts'
import type { Database } from '../db/schema.ts'
import type { Issue } from '../domain/issues.ts'
import { parseInput } from '../domain/parse-input.ts'
import type { Profile } from '../domain/procedure/profile.ts'
import type { ProcedureLibrary } from '../procedure-library.ts'
import { type Actor, actorLabel, hasRole, type Role } from './actor.ts'
import { Forbidden, ValidationFailed } from './errors.ts'

/** What every use-case is given: the database, the council's procedure and calendar, and the clock. */
export interface AppDeps {
  db: Kysely<Database>
  library: ProcedureLibrary
  /** The council's procedure profile id (CONVENE_PROFILE). */
  profileId: string
  /** Now; tests pass a fixed clock. */
  clock: () => Date
}

export type Trx = Transaction<Database>

export function councilProfile(deps: AppDeps): Profile {
  const profile = deps.library.profiles.get(deps.profileId)
  if (!profile) throw new Error(`the configured procedure ${deps.profileId} is not loaded`)
  return profile
}

/** Refuses unless the actor holds one of the roles. */
export function requireRole(actor: Actor, roles: readonly Role[], doing: string): void {
  if (!hasRole(actor, ...roles))
    throw new Forbidden(`Only a ${roles.join(' or ').replaceAll('_', ' ')} can ${doing}.`)
}

/** Checks a use-case's input: the value, or ValidationFailed naming every bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = parseInput(schema, input)
  if (!parsed.ok) throw new ValidationFailed(parsed.issues)
  return parsed.value
}

/** Throws ValidationFailed when a rule of the procedure or the record refuses the input. */
export function refuseIf(issues: Issue[]): void {
  if (issues.length > 0) throw new ValidationFailed(issues)
}

export interface AuditOf {
  action: string
  subject: { type: string; id: string | null }
  caseId?: string | null
  before?: JsonInput
  after?: JsonInput
}

/** Writes the audit record of a change, inside the change's transaction. */
export async function audit(trx: Trx, actor: Actor, entry: AuditOf): Promise<void> {
  await appendAudit(trx, {
    actor: { userId: actor.userId, label: actorLabel(actor) },
    action: entry.action,
    subject: entry.subject,
    caseId: entry.caseId ?? null,
    ...(entry.before !== undefined ? { before: entry.before } : {}),
    ...(entry.after !== undefined ? { after: entry.after } : {}),
    fromAddress: actor.fromAddress ?? null,
  })
}

/**
 * Runs a use-case's writes in one transaction: everything it writes, its audit record and its outbox
 * messages are kept together or not at all. Inside, use only `trx`.
 */
export function inTransaction<T>(deps: AppDeps, work: (trx: Trx) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(work)
}
