import { describe, expect, test } from 'vitest'
import type { Actor } from '../../../src/app/actor.ts'
import {
  type CouncilSettings,
  closurePeriods,
  councilConfiguration,
} from '../../../src/app/admin/council-configuration.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import { testLibrary } from '../../support/factories.ts'

/** The configuration view reads the settings and the loaded procedure library only: no database. */

const admin: Actor = {
  userId: '11111111-1111-4111-8111-111111111111',
  name: 'Sol Sysadmin',
  roles: ['system_administrator'],
}
const chair: Actor = { userId: '22222222-2222-4222-8222-222222222222', name: 'Quill Chair', roles: ['chair'] }
const CLIENT_SECRET = 'the-client-secret-that-must-never-be-shown'

const deps = (profileId: string): AppDeps => ({
  db: undefined as unknown as AppDeps['db'],
  library: testLibrary(),
  profileId,
  clock: () => new Date('2026-05-01T09:00:00Z'),
})

const settings: CouncilSettings = {
  councilName: 'Testshire County Council',
  closureDays: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-04-06'].map((date) => ({
    date,
    title: 'Council closure day',
  })),
  demo: false,
  sessionIdleMinutes: 45,
  sessionAbsoluteHours: 10,
  oidc: {
    issuer: 'https://login.testshire.example.gov.uk',
    clientId: 'convene-testshire',
    clientSecret: CLIENT_SECRET,
    groupsClaim: 'groups',
    roleOfGroup: { 'CP-Chairs': 'chair', 'Convene-Admins': 'system_administrator' },
    buttonText: 'Sign in with your Testshire account',
  },
  publicUrl: 'https://convene.testshire.example.gov.uk',
}

describe('councilConfiguration', () => {
  test('names the procedure in use with every rule, its status and citation, and the reading where ambiguous', () => {
    const view = councilConfiguration(deps('london'), admin, settings)
    const profile = testLibrary().profiles.get('london')!
    expect(view.procedure).toMatchObject({ id: 'london', name: profile.name, document: profile.document })
    expect(view.procedure.rules.map((rule) => rule.id)).toEqual(Object.keys(profile.rules))
    expect(view.procedure.rules.find((rule) => rule.id === 'T-ICPC-DUE')).toMatchObject({
      title: 'Initial conference deadline',
      status: 'specified',
      source: 'London 8.1.7',
      reading: null,
    })
    expect(view.procedure.rules.find((rule) => rule.id === 'T-PB-REVIEW')).toMatchObject({
      status: 'ambiguous',
      source: 'London 8.14.12; 8.14.14',
      reading: expect.stringContaining('whichever is earlier'),
    })
    expect(view.procedure.rules.find((rule) => rule.id === 'T-PARENT-REQ-CHAIR')).toMatchObject({
      status: 'silent',
      source: null,
    })
    const { specified, ambiguous, silent } = view.procedure.counts
    expect(specified + ambiguous + silent).toBe(view.procedure.rules.length)
    expect(ambiguous).toBeGreaterThan(0)
  })

  test('follows the configured profile', () => {
    const view = councilConfiguration(deps('kent_medway'), admin, settings)
    expect(view.procedure.id).toBe('kent_medway')
    expect(view.procedure.rules.every((rule) => rule.status === 'silent' || rule.source)).toBe(true)
  })

  test('gives closure days as periods, the calendar’s reach, demo mode, sessions and the public address', () => {
    const view = councilConfiguration(deps('london'), admin, settings)
    expect(view.councilName).toBe('Testshire County Council')
    expect(view.closures).toEqual([
      { from: '2026-12-29', to: '2026-12-31', days: 3 },
      { from: '2027-04-06', to: '2027-04-06', days: 1 },
    ])
    expect(view.bankHolidays.through).toBe(testLibrary().calendar.holidaysThrough)
    expect(view.bankHolidays.through).toMatch(/^\d{4}-12-\d{2}$/)
    expect(view.demo).toBe(false)
    expect(view.sessions).toEqual({ idleMinutes: 45, absoluteHours: 10 })
    expect(view.publicUrl).toBe('https://convene.testshire.example.gov.uk')
  })

  test('shows the identity provider and its groups, never its client secret', () => {
    const view = councilConfiguration(deps('london'), admin, settings)
    expect(view.identityProvider).toEqual({
      issuer: 'https://login.testshire.example.gov.uk',
      clientId: 'convene-testshire',
      groupsClaim: 'groups',
      groups: [
        { group: 'CP-Chairs', role: 'chair', roleName: 'chair' },
        { group: 'Convene-Admins', role: 'system_administrator', roleName: 'system administrator' },
      ],
    })
    expect(JSON.stringify(view)).not.toContain(CLIENT_SECRET)
    const { oidc: _, ...withoutProvider } = settings
    expect(councilConfiguration(deps('london'), admin, withoutProvider).identityProvider).toBeNull()
  })

  test('is only for a system administrator', () => {
    expect(() => councilConfiguration(deps('london'), chair, settings)).toThrow(Forbidden)
  })
})

describe('closurePeriods', () => {
  test('joins consecutive dates, in date order, once each', () => {
    expect(closurePeriods(['2026-12-31', '2026-12-30', '2026-12-30', '2027-01-01', '2026-08-28'])).toEqual([
      { from: '2026-08-28', to: '2026-08-28', days: 1 },
      { from: '2026-12-30', to: '2027-01-01', days: 3 },
    ])
    expect(closurePeriods([])).toEqual([])
  })
})
