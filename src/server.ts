import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { AppDeps } from './app/use-case.ts'
import { type Config, ConfigInvalid, loadConfig } from './config.ts'
import { databaseTargetFor } from './db/connect.ts'
import { openMigratedDatabase } from './db/migrate.ts'
import { startLogSealer } from './jobs/log-sealer.ts'
import { startOutboxDelivery } from './jobs/outbox-delivery.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from './procedure-library.ts'
import { buildApp } from './web/app.ts'
import { ensureAssets } from './web/assets/build-assets.ts'
import { createLogger } from './web/logging.ts'

/** The council's procedure must be one of the profiles loaded: otherwise start-up stops and says which exist. */
export function checkCouncilProfile(config: Config, library: ProcedureLibrary): void {
  if (library.profiles.has(config.profile)) return
  const loaded = [...library.profiles.keys()].join(', ')
  throw new ConfigInvalid([
    {
      field: 'CONVENE_PROFILE',
      message: `"${config.profile}" is not a procedure here. The procedures loaded are: ${loaded}. Set CONVENE_PROFILE to one of them, or add the council's own profile as ${config.dataDir}/profiles/${config.profile}.yaml`,
    },
  ])
}

/**
 * Demo mode loads the fictional council's demo data into the embedded database the first time the
 * service starts on it; a PostgreSQL server gets it only from `convene demo load`.
 */
async function loadDemoOnFirstStart(
  deps: AppDeps,
  kind: 'embedded' | 'server',
  logger: Logger,
): Promise<void> {
  if (kind !== 'embedded') return
  const { loadDemoData } = await import('./app/demo/load-demo-data.ts')
  const loaded = await loadDemoData(deps)
  logger.info({ demo: loaded }, 'demo data')
}

export interface RunningServer {
  app: FastifyInstance
  url: string
  close(): Promise<void>
}

/**
 * Starts the service: reads the configuration, loads and checks the procedures, opens the database
 * and brings it up to date, loads the demo data on first start in demo mode, builds the stylesheet
 * if it is missing, listens, and closes cleanly on SIGINT or SIGTERM.
 */
export async function startServer(
  env: Record<string, string | undefined> = process.env,
  options: { handleSignals?: boolean } = {},
): Promise<RunningServer> {
  const config = loadConfig(env)
  const library = loadProcedureLibrary({ dataDir: config.dataDir, closureDays: config.closureDays })
  checkCouncilProfile(config, library)
  const logger = createLogger(config)
  const built = ensureAssets()
  if (built)
    logger.info({ dir: built.dir, files: built.files.map((file) => file.name) }, 'built the stylesheet')

  const { opened, applied } = await openMigratedDatabase(databaseTargetFor(config))
  if (applied.length > 0)
    logger.info({ migrations: applied, database: opened.location }, 'migrated the database')
  const deps: AppDeps = { db: opened.db, library, profileId: config.profile, clock: () => new Date() }
  let app: FastifyInstance
  try {
    if (config.demo) await loadDemoOnFirstStart(deps, opened.kind, logger)
    app = await buildApp({ config, library, logger, app: deps })
    const jobs = [startLogSealer(deps, logger), startOutboxDelivery(deps, config.dataDir, logger)]
    app.addHook('onClose', async () => {
      for (const job of jobs) await job.stop()
      await opened.close()
    })
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await opened.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`
  logger.info(
    {
      url,
      profile: config.profile,
      procedures: [...library.profiles.keys()],
      holidaysThrough: library.calendar.holidaysThrough,
      database: opened.location,
      demo: config.demo,
    },
    'Convene is ready',
  )

  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= app.close().then(() => logger.info('Convene has stopped'))
    return closing
  }
  if (options.handleSignals ?? true)
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        logger.info({ signal }, 'stopping')
        // A second signal while closing stops at once.
        process.once(signal, () => process.exit(1))
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      })
  return { app, url, close }
}
