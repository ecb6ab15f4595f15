import { addProfessional } from '../partners/add-professional.ts'
import type { DemoContext } from './demo-context.ts'
import { DEMO_EMAIL_DOMAIN } from './demo-users.ts'

/**
 * A practitioner from a partner agency in the demo's directory with no account yet, so the partner's
 * journey can be tried: the demo administrator invites them by email to an open conference, the
 * invitation (in Messages, /admin/outbox) carries their one-time link, and opening it sets up their
 * account. Fictional, as everything in the demo.
 */
export const DEMO_PRACTITIONER = {
  name: 'Robin Keyworker (demo)',
  agency: 'early_help',
  roleTitle: 'Early help key worker (fictional)',
  email: `early.help@${DEMO_EMAIL_DOMAIN}`,
} as const

export async function addDemoPractitioners(ctx: DemoContext): Promise<void> {
  await addProfessional(ctx.deps, ctx.cast.admin, DEMO_PRACTITIONER)
}
