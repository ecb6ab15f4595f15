import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { PROJECT_ROOT } from '../../procedure-library.ts'
import { BUILD_DIR } from '../assets/build-assets.ts'

const GOVUK_ASSETS_DIR = join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets')

/** GOV.UK Frontend's images at /assets/, and Convene's built stylesheet and scripts at /build/. */
export async function registerStaticAssets(app: FastifyInstance): Promise<void> {
  mkdirSync(BUILD_DIR, { recursive: true })
  await app.register(fastifyStatic, { root: GOVUK_ASSETS_DIR, prefix: '/assets/', index: false })
  await app.register(fastifyStatic, {
    root: BUILD_DIR,
    prefix: '/build/',
    index: false,
    decorateReply: false,
  })
  app.get('/favicon.ico', { logLevel: 'silent' }, async (_request, reply) => reply.code(204).send())
}
