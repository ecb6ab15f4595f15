import { z } from 'zod'
import { activeStaffWithRoles, type StaffChoice } from '../../db/directory.repository.ts'
import {
  currentDesignatedManager,
  type DesignatedManager,
  designatedManagerHistory,
  nameDesignatedManager,
} from '../../db/enquiry.repository.ts'
import { type EnquiryProcedure, enquiryProcedure } from '../../domain/disclosure/enquiry-rules.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { staffInRole } from '../cases/staff.ts'
import { Conflict } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'

/**
 * The designated manager: the experienced manager the council names to oversee enquiries about
 * children, who is alerted to a second enquiry where the procedure says so (London 8.16.15, 8.16.19:
 * the government department is told who it is and of every change, so the history is kept). A team
 * manager holds the role; a system administrator names them.
 */

const NAMERS = ['system_administrator'] as const

export interface DesignatedManagerPage {
  current: DesignatedManager | null
  history: DesignatedManager[]
  choices: StaffChoice[]
  procedure: EnquiryProcedure
}

export async function designatedManagerPage(deps: AppDeps, actor: Actor): Promise<DesignatedManagerPage> {
  requireRole(actor, NAMERS, 'name the designated manager')
  return {
    current: (await currentDesignatedManager(deps.db)) ?? null,
    history: await designatedManagerHistory(deps.db),
    choices: await activeStaffWithRoles(deps.db, ['team_manager'], { limit: 500 }),
    procedure: enquiryProcedure(councilProfile(deps)),
  }
}

export async function nameTheDesignatedManager(deps: AppDeps, actor: Actor, input: unknown): Promise<void> {
  requireRole(actor, NAMERS, 'name the designated manager')
  const { userId } = validate(z.strictObject({ userId: recordId }), input)
  const chosen = await staffInRole(deps.db, userId, ['team_manager'], 'userId')
  refuseIf(chosen.issues)
  await inTransaction(deps, async (trx) => {
    const before = await currentDesignatedManager(trx)
    if (before?.userId === userId) throw new Conflict(`${before.name} is already the designated manager.`)
    await nameDesignatedManager(trx, { userId, namedBy: actor.userId, at: deps.clock() })
    await audit(trx, actor, {
      action: 'enquiries.designated_manager_named',
      subject: { type: 'user', id: userId },
      before: before ? { userId: before.userId, name: before.name } : null,
      after: { userId, name: chosen.staff?.name ?? null },
    })
  })
}
