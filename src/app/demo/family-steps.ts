import { appendAudit } from '../../db/audit.repository.ts'
import { findPerson } from '../../db/case.repository.ts'
import { linkPersonToAccount } from '../../db/family.repository.ts'
import type { IsoDate } from '../../domain/calendar/iso-date.ts'
import { actorLabel } from '../actor.ts'
import { inTransaction } from '../use-case.ts'
import type { DemoActor, DemoContext } from './demo-context.ts'

/**
 * A demo family member's own account linked to their record in the case, as following the emailed
 * invitation does for a real family (src/app/family/family-account-link.ts). The demo accounts exist
 * already, marked demo with the demo password, so the demo links them directly, with the audit record.
 */
export async function linkDemoFamilyAccount(
  ctx: DemoContext,
  input: { personId: string; account: DemoActor; on: IsoDate },
): Promise<void> {
  const deps = ctx.calendar.at(input.on, '18:30')
  await inTransaction(deps, async (trx) => {
    const person = await findPerson(trx, input.personId)
    if (!person) throw new Error(`the demo person ${input.personId} is not there`)
    if (!(await linkPersonToAccount(trx, person.id, input.account.userId)))
      throw new Error(`${person.firstName} ${person.lastName} has an account already`)
    await appendAudit(trx, {
      actor: { userId: input.account.userId, label: actorLabel(input.account) },
      action: 'family_account.opened',
      subject: { type: 'user', id: input.account.userId },
      caseId: person.caseId,
      after: { personId: person.id, role: input.account.roles[0] ?? null, demo: true },
    })
  })
}
