import type { FastifyInstance } from 'fastify'
import { type Config, ConfigInvalid, loadConfig } from './config.ts'
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

export interface RunningServer {
  app: FastifyInstance
  url: string
  close(): Promise<void>
}

/**
 * Starts the service: reads the configuration, loads and checks the procedures, builds the
 * stylesheet if it is missing, listens, and closes cleanly on SIGINT or SIGTERM.
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

  const app = await buildApp({ config, library, logger })
  await app.listen({ host: config.host, port: config.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`
  logger.info(
    {
      url,
      profile: config.profile,
      procedures: [...library.profiles.keys()],
      holidaysThrough: library.calendar.holidaysThrough,
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
