import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { requireSignIn } from '../../plugins/auth.ts'
import { configurationPage } from './configuration-page.ts'
import { newUserPage } from './new-user-page.ts'
import { userPages } from './users-pages.ts'

/**
 * The system administrator's pages: people's accounts and roles (/admin/users), and the council's
 * configuration, read only (/admin/configuration). Who may see them is decided by the use-cases.
 */
export async function adminRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  await newUserPage(app, deps, web)
  await userPages(app, deps, web)
  await configurationPage(app, deps, web)
}
