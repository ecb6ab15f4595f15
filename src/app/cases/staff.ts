import type { Kysely } from 'kysely'
import { findStaffMember, type StaffMember } from '../../db/case.repository.ts'
import type { Database } from '../../db/schema.ts'
import type { Issue } from '../../domain/issues.ts'
import { ROLE_NAMES, type Role } from '../actor.ts'

/**
 * The member of staff named in a field, who must be an active user holding one of `roles`; or the
 * issue naming the field.
 */
export async function staffInRole(
  db: Kysely<Database>,
  userId: string,
  roles: readonly Role[],
  field: string,
): Promise<{ staff: StaffMember; issues: [] } | { staff: undefined; issues: Issue[] }> {
  const staff = await findStaffMember(db, userId)
  const wanted = roles.map((role) => `a ${ROLE_NAMES[role]}`).join(' or ')
  if (!staff?.active)
    return { staff: undefined, issues: [{ field, message: `no active user has this id; choose ${wanted}` }] }
  if (!staff.roles.some((role) => (roles as readonly string[]).includes(role)))
    return { staff: undefined, issues: [{ field, message: `${staff.name} is not ${wanted}` }] }
  return { staff, issues: [] }
}
