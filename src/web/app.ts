import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify'
import type { Logger } from 'pino'
import { sessionPolicyOf } from '../app/auth/session-policy.ts'
import type { AppDeps } from '../app/use-case.ts'
import type { Config } from '../config.ts'
import type { ProcedureLibrary } from '../procedure-library.ts'
import { deadlinesApi } from './api/v1/deadlines.ts'
import { registerOpenApi } from './api/v1/openapi.ts'
import { createLogger, SafeLogController } from './logging.ts'
import { registerAuth } from './plugins/auth.ts'
import { registerErrorHandling } from './plugins/errors.ts'
import { registerSecurityHeaders } from './plugins/security.ts'
import { registerStaticAssets } from './plugins/static-assets.ts'
import { registerViews } from './plugins/views.ts'
import { accessRoutes } from './routes/access/index.ts'
import { adminRoutes } from './routes/admin/index.ts'
import { caseRoutes } from './routes/cases/index.ts'
import { conferenceRoutes } from './routes/conferences/index.ts'
import { deadlineRoutes } from './routes/deadlines/index.ts'
import { disclosureRoutes } from './routes/disclosure/index.ts'
import { familyRoutes } from './routes/family/index.ts'
import { fileRoutes } from './routes/files/index.ts'
import { meetingRoutes } from './routes/meeting/index.ts'
import { myCasesRoutes } from './routes/my-cases/index.ts'
import { outboxRoutes } from './routes/outbox/index.ts'
import { pageRoutes } from './routes/pages.ts'
import { partnerRoutes } from './routes/partners/index.ts'
import { reportRoutes } from './routes/reports/index.ts'
import { signInRoutes } from './routes/sign-in/index.ts'

export interface WebDeps {
  config: Config
  library: ProcedureLibrary
  /** The log to write to; by default one at config.logLevel on standard output. */
  logger?: Logger
  /**
   * The database and use-cases behind the signed-in service. Without them the app serves only what
   * needs no database: the start page, the deadline calculator and the deadlines API.
   */
  app?: AppDeps
  /** Told of each route as it is added: the access matrix test reads the route table through it. */
  onRoute?: (route: RouteOptions) => void
}

/** The parts of the app that need the database: sign-in and the pages of the service. */
export type ServiceRoutes = (app: FastifyInstance, deps: AppDeps, web: WebDeps) => Promise<void>

/** The service's pages, each feature a plugin under routes/. */
const SERVICE_ROUTES: readonly ServiceRoutes[] = [
  meetingRoutes,
  caseRoutes,
  conferenceRoutes,
  myCasesRoutes,
  reportRoutes,
  outboxRoutes,
  adminRoutes,
  accessRoutes,
  partnerRoutes,
  fileRoutes,
  familyRoutes,
  disclosureRoutes,
]

/**
 * The web application: pages, the JSON API and the health check, ready for `listen` or `inject`.
 * It never listens itself (src/server.ts does).
 */
export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const logger = deps.logger ?? createLogger(deps.config)
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: deps.config.trustProxy,
    // Requests are logged by route pattern: a URL's query string can hold dates of birth.
    logController: new SafeLogController(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }) as unknown as FastifyInstance
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute)

  registerErrorHandling(app)
  await registerSecurityHeaders(app)
  await registerViews(app, { councilName: deps.config.councilName })
  await registerStaticAssets(app)
  await registerOpenApi(app)

  const service = deps.app
  if (service)
    await registerAuth(app, service, sessionPolicyOf(deps.config), deps.config.oidc?.buttonText ?? null)

  await app.register(async (scope) => pageRoutes(scope, deps))
  await app.register(async (scope) => deadlineRoutes(scope, deps))
  await app.register(async (scope) => deadlinesApi(scope, deps))
  if (service) {
    const policy = sessionPolicyOf(deps.config)
    await app.register(async (scope) =>
      signInRoutes(scope, service, policy, {
        perMinute: deps.config.signInRateLimitPerMinute,
        publicUrl: deps.config.publicUrl,
        oidc: deps.config.oidc,
      }),
    )
    for (const routes of SERVICE_ROUTES) await app.register(async (scope) => routes(scope, service, deps))
  }
  return app
}
