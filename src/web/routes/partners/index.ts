import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { partnerLinkRoutes } from './link-pages.ts'
import { partnerPageRoutes } from './partner-pages.ts'

/**
 * Partner agencies' practitioners: the page their one-time link opens (no sign-in: the link is the
 * proof), and their own pages once signed in, each in a scope of its own.
 */
export async function partnerRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  await app.register(async (scope) => partnerLinkRoutes(scope, deps, web))
  await app.register(async (scope) => partnerPageRoutes(scope, deps, web))
}
