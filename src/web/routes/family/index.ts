import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { sessionPolicyOf } from '../../../app/auth/session-policy.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { requireSignIn } from '../../plugins/auth.ts'
import { TooManyRequests } from '../../problem.ts'
import { familyPages } from './family-pages.ts'
import { joinPages } from './join-pages.ts'
import { staffPages } from './staff-pages.ts'
import { viewsPages } from './views-pages.ts'

/**
 * Family accounts: the link that opens a family member's account (public, limited per address like
 * sign-in), the family's own pages under /family, and the staff's pages that invite a family member
 * and read the views they sent.
 */
export async function familyRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(context.max, Math.ceil(context.ttl / 1000)),
  })
  joinPages(app, deps, sessionPolicyOf(web.config), {
    rateLimit: { max: web.config.signInRateLimitPerMinute, timeWindow: 60_000 },
  })
  await app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSignIn)
    familyPages(signedIn, deps)
    staffPages(signedIn, deps, web)
  })
  await app.register(async (sending) => viewsPages(sending, deps, web))
}
