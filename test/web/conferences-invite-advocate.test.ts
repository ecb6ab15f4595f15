import { beforeAll, describe, expect, test } from 'vitest'
import { type MadeCase, makeCase, makeConference } from '../support/factories.ts'
import { type TestPerson, useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * An administrator invites an advocate with an account (the advocate role) to a conference from the
 * invitation page, as the children's advocate; the advocate then finds the conference on their own
 * pages. London's procedure; today is Friday 1 May 2026.
 */
const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

let admin: TestPerson
let advocate: TestPerson
let family: MadeCase

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  advocate = await service.makeStaff('advocate', { name: 'Robin Speaks-Up', agency: 'advocacy' })
  const worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  family = await makeCase(service.deps.db, {
    familyName: 'Marlowe',
    children: [{ firstName: 'Ivy', dob: '2013-04-20' }],
    adults: [{ firstName: 'Jess', role: 'parent' }],
    socialWorkerId: worker.userId,
  })
})

const optionsOf = (page: ReturnType<typeof html>) =>
  page.querySelectorAll('#invitee option').map((option) => ({
    value: option.getAttribute('value') ?? '',
    text: textOf(option),
  }))

describe('inviting an advocate from the invitation page', () => {
  test('the advocate is listed among those who can be invited; invited as the advocate, they see the conference on their pages', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-13' })
    const browser = await service.signInAs(admin)
    const form = html((await browser.get(`/conferences/${conference.id}/invitations/new`)).body)
    const listed = optionsOf(form).filter((option) => option.text.includes('Robin Speaks-Up'))
    expect(listed).toEqual([{ value: `user:${advocate.userId}`, text: 'Robin Speaks-Up (advocate)' }])

    const sent = await browser.post(`/conferences/${conference.id}/invitations/new`, {
      invitee: `user:${advocate.userId}`,
      role: 'advocate',
      sentVia: 'email',
      reason: '',
    })
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe(`/conferences/${conference.id}/invitations?done=invited`)
    const stored = await service.deps.db
      .selectFrom('invitations')
      .innerJoin('professionals', 'professionals.id', 'invitations.professional_id')
      .select(['invitations.role', 'professionals.user_id'])
      .where('invitations.conference_id', '=', conference.id)
      .execute()
    expect(stored).toEqual([{ role: 'advocate', user_id: advocate.userId }])

    // Once invited, the advocate is listed once, by their professional record, and not again.
    const again = html((await browser.get(`/conferences/${conference.id}/invitations/new`)).body)
    expect(optionsOf(again).filter((option) => option.text.includes('Robin Speaks-Up'))).toHaveLength(1)
    expect(optionsOf(again).some((option) => option.value === `user:${advocate.userId}`)).toBe(false)

    const theAdvocate = await service.signInAs(advocate)
    const home = await theAdvocate.get('/family')
    expect(home.statusCode).toBe(200)
    const links = html(home.body)
      .querySelectorAll('a')
      .map((link) => link.getAttribute('href'))
    expect(links).toContain(`/family/meetings/${conference.id}`)
    const meeting = await theAdvocate.get(`/family/meetings/${conference.id}`)
    expect(meeting.statusCode).toBe(200)
    expect(textOf(html(meeting.body).querySelector('.govuk-caption-l'))).toBe('About Ivy')
  })

  test('an advocate is invited only as an advocate: another role is refused, naming the field, and nothing is written', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-15' })
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/${conference.id}/invitations/new`)
    const refused = await browser.post(`/conferences/${conference.id}/invitations/new`, {
      invitee: `user:${advocate.userId}`,
      role: 'professional',
      sentVia: 'email',
      reason: '',
    })
    expect(refused.statusCode).toBe(400)
    const summary = html(refused.body).querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain('Robin Speaks-Up is an advocate: invite them as an advocate')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#role')
    const stored = await service.deps.db
      .selectFrom('invitations')
      .select('id')
      .where('conference_id', '=', conference.id)
      .execute()
    expect(stored).toEqual([])
  })

  test('the advocate cannot invite themselves or anyone: the invitation page refuses them', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-14' })
    const theAdvocate = await service.signInAs(advocate)
    expect((await theAdvocate.get(`/conferences/${conference.id}/invitations/new`)).statusCode).toBe(403)
  })
})
