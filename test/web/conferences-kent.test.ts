import { describe, expect, test } from 'vitest'
import { countRows, makeConference } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** Kent and Medway's procedure allows one observer at a conference (P-OBSERVER, Kent §4). */
const service = useServiceApp({ profileId: 'kent_medway', now: '2026-05-01T09:00:00Z' })

describe('observers under kent_medway', () => {
  test('a second observer is refused with a message naming the limit and the first observer; nothing is written', async () => {
    const conference = await makeConference(service.deps.db, { date: '2026-05-12' })
    const browser = await service.signInAs(await service.makeStaff('conference_administrator'))
    const page = html((await browser.get(`/conferences/${conference.id}/observers`)).body)
    expect(textOf(page.querySelector('[data-qa="observer-limit"]'))).toContain('At most 1 observer')
    const first = await browser.post(`/conferences/${conference.id}/observers`, {
      name: 'Dr Rae Field',
      agency: 'Named doctor (fictional)',
      purpose: 'Training in conference practice',
    })
    expect(first.statusCode).toBe(303)
    html((await browser.follow(first)).body)

    const before = await countRows(service.deps.db, ['observers', 'audit_log'])
    const second = await browser.post(`/conferences/${conference.id}/observers`, {
      name: 'Lee Student',
      agency: 'University (fictional)',
      purpose: 'Placement',
    })
    expect(second.statusCode).toBe(400)
    const refused = html(second.body)
    const summary = refused.querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain('The procedure allows one observer at a conference (Kent §4)')
    expect(textOf(summary)).toContain('Dr Rae Field')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#name')
    expect(refused.querySelector('#name')?.getAttribute('value')).toBe('Lee Student')
    expect(await countRows(service.deps.db, ['observers', 'audit_log'])).toEqual(before)
  })
})
