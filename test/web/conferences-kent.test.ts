import { describe, expect, test } from 'vitest'
import { countRows, makeCase, makeConference, makeProfessional } from '../support/factories.ts'
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

describe('replies and who attends under kent_medway', () => {
  async function invitedFamily() {
    const db = service.deps.db
    const socialWorker = await service.makeStaff('social_worker')
    const chair = await service.makeStaff('chair')
    const family = await makeCase(db, {
      familyName: 'Okoro',
      socialWorkerId: socialWorker.userId,
      children: [{ firstName: 'Tia', dob: '2017-06-01' }],
      adults: [{ firstName: 'Ayo', role: 'parent' }],
    })
    const conference = await makeConference(db, {
      caseId: family.id,
      date: '2026-05-14',
      chairId: chair.userId,
    })
    const school = await makeProfessional(db, { agency: 'school', name: 'Mr Eli Grant' })
    const admin = await service.makeStaff('conference_administrator')
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/${conference.id}/invitations`)
    const sent = await browser.post(`/conferences/${conference.id}/invitations`, {
      invitees: [`person:${family.adults[0]!.id}:parent`, `professional:${school.id}:professional`],
      sentVia: 'post',
    })
    expect(sent.statusCode).toBe(303)
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'person_id', 'professional_id'])
      .where('conference_id', '=', conference.id)
      .execute()
    const parent = rows.find((row) => row.person_id !== null)!.id
    const professional = rows.find((row) => row.professional_id !== null)!.id
    return { conference, family, browser, parent, professional, socialWorker, chair }
  }

  test('an agency that cannot attend sends its report and a named substitute (P-AGENCY-ABSENT)', async () => {
    const { conference, browser, professional } = await invitedFamily()
    const form = html((await browser.get(`/conferences/${conference.id}/invitations/${professional}`)).body)
    expect(textOf(form.querySelector('h1'))).toBe('Reply from Mr Eli Grant')
    expect(form.querySelector('[data-qa="agency-absent-rule"]')?.getAttribute('data-rule')).toBe(
      'P-AGENCY-ABSENT',
    )
    const unnamed = await browser.post(`/conferences/${conference.id}/invitations/${professional}`, {
      response: 'report_and_substitute',
    })
    expect(unnamed.statusCode).toBe(400)
    const summary = html(unnamed.body).querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain('Name the colleague who will attend instead')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#substituteName')
    const named = await browser.post(`/conferences/${conference.id}/invitations/${professional}`, {
      response: 'report_and_substitute',
      substituteName: 'Ms Dee Marsh',
    })
    expect(named.statusCode).toBe(303)
    const list = html((await browser.follow(named)).body)
    expect(textOf(list.querySelector(`[data-invitation-id="${professional}"]`))).toContain(
      'Substitute: Ms Dee Marsh',
    )
  })

  test('a parent who will not attend: an advocate in their place needs the chair’s agreement and written confirmation (P-PARENT-ABSENT)', async () => {
    const { conference, browser, parent } = await invitedFamily()
    const path = `/conferences/${conference.id}/invitations/${parent}/not-attending`
    const form = html((await browser.get(path)).body)
    expect(textOf(form.querySelector('[data-qa="representatives"]'))).toContain('advocate or supporter')
    const refused = await browser.post(path, {
      viewsRoutes: ['in_writing'],
      'representative-role': 'advocate',
      'representative-name': 'Kim Voice',
    })
    expect(refused.statusCode).toBe(400)
    const links = html(refused.body)
      .querySelectorAll('.govuk-error-summary a')
      .map((a) => a.getAttribute('href'))
    expect(links).toEqual(['#representative-chairAgreed', '#representative-writtenParentalConfirmation'])
    const recorded = await browser.post(path, {
      viewsRoutes: ['in_writing', 'meeting_with_chair'],
      'representative-role': 'advocate',
      'representative-name': 'Kim Voice',
      'representative-chairAgreed': 'yes',
      'representative-writtenParentalConfirmation': 'yes',
    })
    expect(recorded.statusCode).toBe(303)
    const list = html((await browser.follow(recorded)).body)
    expect(textOf(list.querySelector(`[data-invitation-id="${parent}"]`))).toContain('Kim Voice (advocate)')
  })

  test('the children’s page shows the age presumption; the social worker records the child’s wishes', async () => {
    const { conference, family, socialWorker } = await invitedFamily()
    const worker = await service.signInAs(socialWorker)
    const page = html((await worker.get(`/conferences/${conference.id}/children`)).body)
    const tia = family.children[0]!.id
    expect(textOf(page.querySelector(`[data-child-id="${tia}"]`))).toContain('Kent §8.2')
    const recorded = await worker.post(`/conferences/${conference.id}/children/${tia}`, {
      wish: 'attend_part',
      viewsHeardBy: 'Meets the chair before the conference',
    })
    expect(recorded.statusCode).toBe(303)
    const after = html((await worker.follow(recorded)).body)
    expect(textOf(after.querySelector(`[data-child-id="${tia}"]`))).toContain('To attend part of it')
  })

  test('an observer’s consents are recorded one by one until they may observe', async () => {
    const { conference, chair: named } = await invitedFamily()
    const chair = await service.signInAs(named)
    await chair.get(`/conferences/${conference.id}/observers`)
    await chair.post(`/conferences/${conference.id}/observers`, {
      name: 'Dr Sol Webb',
      agency: 'Designated nurse (fictional)',
      purpose: 'Quality assurance',
    })
    const observerId = (
      await service.deps.db
        .selectFrom('observers')
        .select('id')
        .where('conference_id', '=', conference.id)
        .executeTakeFirstOrThrow()
    ).id
    const page = html((await chair.get(`/conferences/${conference.id}/observers`)).body)
    expect(page.querySelector('[data-qa="consent-form"]')).not.toBeNull()
    const action = `/conferences/${conference.id}/observers/${observerId}/consents`
    const late = await chair.post(action, {
      consent: 'family',
      answer: 'given',
      'on-day': '14',
      'on-month': '5',
      'on-year': '2026',
      by: 'Ayo Okoro (mother)',
    })
    expect(late.statusCode).toBe(400)
    expect(html(late.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#on-day')
    for (const consent of ['family', 'chair'])
      expect(
        (
          await chair.post(action, {
            consent,
            answer: 'given',
            'on-day': '30',
            'on-month': '4',
            'on-year': '2026',
            by: consent === 'chair' ? 'The chair' : 'Ayo Okoro (mother)',
          })
        ).statusCode,
      ).toBe(303)
    const done = html((await chair.get(`/conferences/${conference.id}/observers`)).body)
    expect(textOf(done.querySelector('[data-qa="observer"]'))).toContain('May observe')
  })
})
