import type { FastifyInstance } from 'fastify'
import { councilConfiguration } from '../../../app/admin/council-configuration.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { RuleStatus } from '../../../domain/procedure/profile.ts'
import type { WebDeps } from '../../app.ts'
import { dateOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'

/**
 * GET /admin/configuration: what the service runs with, for the system administrator to check. It is
 * read only; the settings the service starts with change it.
 */

const STATUS_TAGS: Record<RuleStatus, { text: string; classes: string }> = {
  specified: { text: 'Specified', classes: 'govuk-tag--green' },
  ambiguous: { text: 'Ambiguous', classes: 'govuk-tag--yellow' },
  silent: { text: 'Silent', classes: 'govuk-tag--grey' },
}

/** 'england-and-wales' as "England and Wales". */
const regionName = (region: string) =>
  region
    .split('-')
    .map((word) => (word === 'and' ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ')

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

export async function configurationPage(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  app.get('/admin/configuration', async (request, reply) => {
    const view = councilConfiguration(deps, actorFor(request), web.config)
    const { counts } = view.procedure
    const years = view.bankHolidays.years
    return renderPage(request, reply, 'pages/admin/configuration.njk', {
      pageTitle: 'Configuration',
      view,
      ruleCounts: `${plural(view.procedure.rules.length, 'rule')}: ${counts.specified} specified, ${counts.ambiguous} ambiguous, ${counts.silent} silent`,
      rules: view.procedure.rules.map((rule) => ({ ...rule, tag: STATUS_TAGS[rule.status] })),
      bankHolidays: view.bankHolidays.through
        ? `${regionName(view.bankHolidays.region)}, known through ${dateOnPage(view.bankHolidays.through)} (${years.length === 1 ? years[0] : `${years[0]} to ${years[years.length - 1]}`}). Working days after that cannot be counted until the next years are imported.`
        : 'None loaded: working days cannot be counted.',
      closures: view.closures.map((period) =>
        period.from === period.to
          ? dateOnPage(period.from)
          : `${dateOnPage(period.from)} to ${dateOnPage(period.to)} (${plural(period.days, 'day')})`,
      ),
      sessions: `A session ends after ${plural(view.sessions.idleMinutes, 'minute')} without activity, and ${plural(view.sessions.absoluteHours, 'hour')} after signing in however active.`,
    })
  })
}
