import { describe, expect, test } from 'vitest'
import { makeCase, makeConference } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** York's procedure has the chair agree the invitation list before it goes (P-MEMBERSHIP). */
const service = useServiceApp({ profileId: 'york', now: '2026-05-01T09:00:00Z' })

describe('the chair’s agreement of the list under york', () => {
  test('invitations wait for the chair to agree the list, then go to those on it', async () => {
    const db = service.deps.db
    const family = await makeCase(db, { familyName: 'Hale', adults: [{ firstName: 'Rin', role: 'parent' }] })
    const chairUser = await service.makeStaff('chair')
    const conference = await makeConference(db, {
      caseId: family.id,
      date: '2026-05-12',
      chairId: chairUser.userId,
    })
    const parent = `person:${family.adults[0]!.id}`

    const admin = await service.signInAs(await service.makeStaff('conference_administrator'))
    const before = html((await admin.get(`/conferences/${conference.id}/invitations`)).body)
    expect(before.querySelector('[data-qa="list-not-agreed"]')).not.toBeNull()
    expect(before.querySelector('[data-qa="agree-form"]')).toBeNull()
    const task = html((await admin.get(`/conferences/${conference.id}`)).body)
    expect(textOf(task.querySelector('.convene-task-invite .govuk-task-list__status'))).toBe(
      'Cannot start yet',
    )
    await admin.get(`/conferences/${conference.id}/invitations`)
    const refused = await admin.post(`/conferences/${conference.id}/invitations`, {
      invitees: [`${parent}:parent`],
      sentVia: 'post',
    })
    expect(refused.statusCode).toBe(400)
    const summary = html(refused.body).querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain('The chair agrees the invitation list before invitations are sent')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#invitees')

    const chair = await service.signInAs(chairUser)
    const chairPage = html((await chair.get(`/conferences/${conference.id}/invitations`)).body)
    expect(chairPage.querySelector(`[data-qa="agree-form"] input[value="${parent}"]`)).not.toBeNull()
    const agreed = await chair.post(`/conferences/${conference.id}/invitations/agree`, { agreed: [parent] })
    expect(agreed.statusCode).toBe(303)

    await admin.get(`/conferences/${conference.id}/invitations`)
    const sent = await admin.post(`/conferences/${conference.id}/invitations`, {
      invitees: [`${parent}:parent`],
      sentVia: 'post',
    })
    expect(sent.statusCode).toBe(303)
    const after = html((await admin.follow(sent)).body)
    expect(after.querySelector('[data-qa="list-agreed"]')).not.toBeNull()
    expect(textOf(after.querySelector('[data-qa="invitation"]'))).toContain('Rin Hale')
  })
})
