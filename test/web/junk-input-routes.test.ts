import { describe, expect, test } from 'vitest'
import { ACCOUNT_FORMS } from './junk-input-account-forms.ts'
import { CASE_FORMS } from './junk-input-case-forms.ts'
import { CONFERENCE_FORMS } from './junk-input-conference-forms.ts'
import { DISCLOSURE_FORMS } from './junk-input-disclosure-forms.ts'
import { DECISION_FORMS, MEETING_FORMS } from './junk-input-meeting-forms.ts'
import { PARTNER_FORMS } from './junk-input-partner-forms.ts'
import { REPORT_FORMS } from './junk-input-report-forms.ts'
import { postRoutes } from './junk-input-support.ts'
import { useServiceApp } from './service-support.ts'

/**
 * Every POST route of the app has its junk test: a form entry (test/web/junk-input-*-forms.ts), or,
 * for the JSON API, test/web/junk-input-api.test.ts. A new route without one fails here, by name.
 */

const service = useServiceApp()

/** The routes of the JSON API, whose junk test builds JSON bodies instead of forms. */
const API_ROUTES = ['/api/v1/deadlines']

const ENTRIES = [
  ...CASE_FORMS,
  ...CONFERENCE_FORMS,
  ...MEETING_FORMS,
  ...DECISION_FORMS,
  ...ACCOUNT_FORMS,
  ...REPORT_FORMS,
  ...DISCLOSURE_FORMS,
  ...PARTNER_FORMS,
]

describe('the junk test covers the route table', () => {
  test('every POST route has a form entry or is the API’s', () => {
    const covered = new Set([...ENTRIES.map((entry) => entry.route), ...API_ROUTES])
    const missing = postRoutes(service.app).filter((route) => !covered.has(route))
    expect(missing, 'POST routes without a junk-input entry').toEqual([])
  })

  test('every entry is for a route the app has', () => {
    const routes = new Set(postRoutes(service.app))
    const stale = [...ENTRIES.map((entry) => entry.route), ...API_ROUTES].filter(
      (route) => !routes.has(route),
    )
    expect(stale, 'junk-input entries for routes the app does not have').toEqual([])
  })
})
