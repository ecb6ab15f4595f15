import type { Issue } from '../issues.ts'

/**
 * Which family account a person of a case may have, from their role in the case. Pure.
 *
 * - A parent or carer, or any adult who holds parental responsibility for a child of the case:
 *   parent_carer.
 * - A child of the case: child_young_person, once they have been invited to one of the case's
 *   conferences. Whether a child takes part is decided for each conference from their age and
 *   understanding (the procedure's P-CHILD-AGE presumption and the chair's decision, recorded before a
 *   child is invited), so the invitation is what shows this child is old enough to read their papers.
 * - Anyone else (an unborn baby, a supporter, a relative without parental responsibility, an advocate
 *   recorded on the case) has no family account: an advocate signs in through their own organisation.
 */

export type FamilyAccountRole = 'parent_carer' | 'child_young_person'

export interface FamilyAccountFacts {
  role: string
  holdsParentalResponsibility: boolean
  /** Invited, as a child, to one of the case's conferences. */
  invitedAsChild: boolean
}

export function familyAccountRole(
  person: FamilyAccountFacts,
  field = 'personId',
): { role: FamilyAccountRole } | { refused: Issue } {
  if (person.role === 'child')
    return person.invitedAsChild
      ? { role: 'child_young_person' }
      : {
          refused: {
            field,
            message:
              'A child gets their own account once they are invited to one of their conferences: the chair decides first whether the child takes part, by their age and understanding',
          },
        }
  if (person.role === 'unborn')
    return { refused: { field, message: 'An unborn baby cannot have an account' } }
  if (person.role === 'parent' || person.role === 'carer' || person.holdsParentalResponsibility)
    return { role: 'parent_carer' }
  return {
    refused: {
      field,
      message:
        'Only parents, carers, adults with parental responsibility and the children of the case can have a family account',
    },
  }
}
