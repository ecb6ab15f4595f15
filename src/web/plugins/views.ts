import { join } from 'node:path'
import view from '@fastify/view'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import nunjucks from 'nunjucks'
import { PROJECT_ROOT } from '../../procedure-library.ts'
import { navigationFor } from '../navigation.ts'

export const VIEWS_DIR = join(PROJECT_ROOT, 'src', 'web', 'views')
export const GOVUK_TEMPLATES_DIR = join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist')

/** Nunjucks with GOV.UK Frontend's macros; every page gets the council's name. */
export async function registerViews(app: FastifyInstance, context: { councilName: string }): Promise<void> {
  await app.register(view, {
    engine: { nunjucks },
    templates: [VIEWS_DIR, GOVUK_TEMPLATES_DIR],
    production: process.env.NODE_ENV !== 'development',
    defaultContext: { councilName: context.councilName, serviceName: 'Convene' },
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    },
  })
}

/**
 * Renders a page with what every page needs: the CSP nonce for its scripts, where it is, the CSRF
 * token for its forms, and who is signed in with their navigation.
 */
export function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  context: Record<string, unknown>,
): Promise<string> {
  const withExtras = reply as FastifyReply & {
    cspNonce?: { script?: string } | null
    generateCsrf?: () => string
  }
  const signedIn = request.signedIn
  return reply.type('text/html; charset=utf-8').viewAsync(template, {
    ...context,
    cspNonce: withExtras.cspNonce?.script,
    csrfToken: withExtras.generateCsrf ? withExtras.generateCsrf() : undefined,
    currentPath: request.url.split('?')[0],
    signedIn: signedIn ? { name: signedIn.user.displayName, roles: signedIn.actor.roles } : null,
    navigation: signedIn ? navigationFor(signedIn.actor.roles) : null,
  })
}
