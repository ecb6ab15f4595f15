import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { requireSignIn } from '../../plugins/auth.ts'
import { disclosurePages } from './disclosure-pages.ts'
import { enquiryRoutes } from './enquiry-pages.ts'
import { subjectAccessRoutes } from './subject-access-pages.ts'

/**
 * What Convene says about a child to people outside the case: enquiries about whether a child is
 * on a plan (/enquiries), disclosures of conference records to third parties
 * (/cases/:caseId/disclosures) and subject access requests (/subject-access).
 */
export async function disclosureRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  enquiryRoutes(app, deps)
  disclosurePages(app, deps)
  subjectAccessRoutes(app, deps)
}
