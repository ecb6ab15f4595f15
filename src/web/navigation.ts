import type { Role } from '../app/actor.ts'

export interface NavigationItem {
  href: string
  text: string
}

/** The pages each role's work starts from, in the order they are shown. */
const ROLE_PAGES: Record<Role, NavigationItem[]> = {
  conference_administrator: [
    { href: '/conferences', text: 'Conferences' },
    { href: '/cases', text: 'Cases' },
    { href: '/enquiries/new', text: 'Enquiries' },
    { href: '/admin/outbox', text: 'Messages' },
  ],
  chair: [
    { href: '/chair', text: 'My conferences' },
    { href: '/cases', text: 'Cases' },
  ],
  social_worker: [
    { href: '/my-cases', text: 'My cases' },
    { href: '/cases', text: 'Cases' },
  ],
  team_manager: [
    { href: '/my-cases', text: 'Team cases' },
    { href: '/cases', text: 'Cases' },
    { href: '/enquiries/new', text: 'Enquiries' },
    { href: '/subject-access', text: 'Subject access' },
    { href: '/access/break-glass', text: 'Break-glass reviews' },
  ],
  system_administrator: [
    { href: '/admin/users', text: 'Users' },
    { href: '/admin/configuration', text: 'Configuration' },
    { href: '/enquiries/designated-manager', text: 'Designated manager' },
    { href: '/admin/outbox', text: 'Messages' },
  ],
  partner_practitioner: [{ href: '/partner', text: 'My conferences' }],
  parent_carer: [{ href: '/family', text: 'Your meetings' }],
  child_young_person: [{ href: '/family', text: 'Your meetings' }],
  advocate: [{ href: '/family', text: 'Meetings' }],
  performance_analyst: [],
}

/** Family members and advocates: the calculator of professional deadlines is not part of their pages. */
const WITHOUT_CALCULATOR: readonly Role[] = ['parent_carer', 'child_young_person', 'advocate']

/** The signed-in person's navigation: their roles' pages once each, then the calculator for professionals. */
export function navigationFor(roles: readonly Role[]): NavigationItem[] {
  const seen = new Set<string>()
  const items: NavigationItem[] = []
  for (const role of roles)
    for (const item of ROLE_PAGES[role])
      if (!seen.has(item.href)) {
        seen.add(item.href)
        items.push(item)
      }
  if (!roles.every((role) => WITHOUT_CALCULATOR.includes(role)))
    items.push({ href: '/deadlines', text: 'Deadline calculator' })
  return items
}

/** Where a person lands after signing in: the first page of their work, or their account page. */
export function homeFor(roles: readonly Role[]): string {
  for (const role of roles) {
    const first = ROLE_PAGES[role][0]
    if (first) return first.href
  }
  return '/account'
}

/** A `next` address after sign-in: only a path on this service, never another site. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
    return null
  if (next.length > 500 || next.startsWith('/sign-in') || next.startsWith('/sign-out')) return null
  return next
}
