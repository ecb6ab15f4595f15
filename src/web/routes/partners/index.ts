import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { partnerLinkRoutes } from './link-pages.ts'
import { partnerPageRoutes } from './partner-pages.ts'
import { practitionerRoutes } from './practitioner-pages.ts'

/**
 * Partner agencies' practitioners: the page their one-time link opens (no sign-in: the link is the
 * proof), their own pages once signed in, and the administrator's page that adds one to the
 * directory; each in a scope of its own.
 */
export async function partnerRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  await app.register(async (scope) => partnerLinkRoutes(scope, deps, web))
  await app.register(async (scope) => partnerPageRoutes(scope, deps, web))
  await app.register(async (scope) => practitionerRoutes(scope, deps))
}
