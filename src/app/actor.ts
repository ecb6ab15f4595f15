/** The roles of the people who use Convene. */
export const ROLES = [
  'conference_administrator',
  'chair',
  'social_worker',
  'team_manager',
  'partner_practitioner',
  'parent_carer',
  'child_young_person',
  'advocate',
  'performance_analyst',
  'system_administrator',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  conference_administrator: 'conference administrator',
  chair: 'chair',
  social_worker: 'social worker',
  team_manager: 'team manager',
  partner_practitioner: 'partner practitioner',
  parent_carer: 'parent or carer',
  child_young_person: 'child or young person',
  advocate: 'advocate',
  performance_analyst: 'performance analyst',
  system_administrator: 'system administrator',
}

/** The signed-in person behind an action. Every use-case is given one. */
export interface Actor {
  userId: string
  name: string
  roles: readonly Role[]
  /** The address the request came from, for the audit record. */
  fromAddress?: string
}

export function actorLabel(actor: Actor): string {
  const roles = actor.roles.map((role) => ROLE_NAMES[role]).join(', ')
  return roles ? `${actor.name} (${roles})` : actor.name
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role))
}
