import { z } from 'zod'
import { setAccountRoles } from '../../db/user-account.repository.ts'
import type { Actor, Role } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { ValidationFailed } from '../errors.ts'
import { type AppDeps, audit, validate } from '../use-case.ts'
import { changeAccount, requireSystemAdministrator } from './account-change.ts'
import { rolesInput } from './create-user.ts'

const rolesChange = z.strictObject({ userId: recordId, roles: rolesInput })

/**
 * Gives an account the roles chosen, at least one. Not for people who sign in through the council's
 * identity provider (their groups there give their roles), and a system administrator keeps their
 * own system administrator role, so there is always one.
 */
export async function changeUserRoles(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<{ roles: Role[] }> {
  requireSystemAdministrator(actor, 'change people’s roles')
  const { userId, roles } = validate(rolesChange, input)
  if (userId === actor.userId && !roles.includes('system_administrator'))
    throw new ValidationFailed([
      {
        field: 'roles',
        message: 'You cannot remove your own system administrator role. Another system administrator can.',
      },
    ])
  return changeAccount(deps, actor, userId, 'changeRoles', async (trx, account) => {
    await setAccountRoles(trx, userId, roles)
    await audit(trx, actor, {
      action: 'user.roles_changed',
      subject: { type: 'user', id: userId },
      before: { roles: account.roles },
      after: { roles },
    })
    return { roles }
  })
}
