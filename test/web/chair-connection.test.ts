import { beforeEach, describe, expect, test } from 'vitest'
import { recordAttendance } from '../../src/app/meeting/record-attendance.ts'
import { recordDecision } from '../../src/app/meeting/record-decision.ts'
import { makeCase, makeConference, type TestUser } from '../support/factories.ts'
import { childInNeedDecision, DURING_MEETING, planDecision, QUORATE } from '../support/meeting-fixtures.ts'
import { useServiceApp, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * The chair's declared personal connection with the family, under Kent's procedure (§13: discussed
 * with the chair's manager, and if the chair stays, declared at the start and minuted), driven as a
 * browser would: the form and its refusals, the meeting record's opening row, and finalising refused
 * until the manager has decided.
 */

const service = useServiceApp({ profileId: 'kent_medway', now: DURING_MEETING })
const db = () => service.deps.db

let chair: TestUser
let worker: TestUser
let browser: WebSession
let conferenceId: string
let meeting: string

/** The Rivers siblings' conference, quorate and each child decided: ready to finalise but for the chair's declaration. */
beforeEach(async () => {
  chair = await service.makeStaff('chair', { name: 'Pat Morgan' })
  worker = await service.makeStaff('social_worker', { name: 'Sam Okafor' })
  const family = await makeCase(db(), {
    familyName: 'Rivers',
    socialWorkerId: worker.userId,
    children: [
      { firstName: 'Ada', dob: '2019-02-11' },
      { firstName: 'Ben', dob: '2022-09-30' },
    ],
  })
  const [ada, ben] = family.children
  const conference = await makeConference(db(), { caseId: family.id, chairId: chair.userId })
  conferenceId = conference.id
  meeting = `/conferences/${conferenceId}/meeting`
  await recordAttendance(service.deps, chair, { conferenceId, attendees: QUORATE })
  await recordDecision(service.deps, chair, planDecision(conferenceId, ada!.id))
  await recordDecision(service.deps, chair, childInNeedDecision(conferenceId, ben!.id))
  browser = await service.signInAs(chair)
})

const declarations = () =>
  db().selectFrom('chair_connections').selectAll().where('conference_id', '=', conferenceId).execute()

const errorLinks = (body: string) =>
  html(body)
    .querySelectorAll('[data-qa="error-summary"] a')
    .map((link) => ({ href: link.getAttribute('href'), text: textOf(link) }))

describe('the chair’s declared connection with the family [rule:CH-INDEPENDENCE@kent_medway]', () => {
  test('recorded on its page, shown first in the meeting record, and finalising waits for the manager’s decision', async () => {
    const form = html((await browser.get(`${meeting}/connection`)).body)
    expect(textOf(form.querySelector('h1'))).toBe('The chair’s declared connection with the family')
    expect(textOf(form.querySelector('[data-qa="minuting"]'))).toBe(
      'The procedure asks that a chair who stays declares the connection at the start of the conference, and that it is minuted (CH-INDEPENDENCE, Kent §13).',
    )

    const blank = await browser.post(`${meeting}/connection`, { connection: '', decision: '' })
    expect(blank.statusCode).toBe(400)
    expect(errorLinks(blank.body).map((link) => link.href)).toEqual(['#connection', '#decision'])
    expect(errorLinks(blank.body)[1]?.text).toBe('Select what was decided about the connection')
    expect(await declarations()).toEqual([])

    const undiscussedStays = await browser.post(`${meeting}/connection`, {
      connection: 'Knows the mother from a parents’ group (fictional).',
      decision: 'chair_stays',
    })
    expect(undiscussedStays.statusCode).toBe(400)
    expect(errorLinks(undiscussedStays.body)[0]?.href).toBe('#discussedWith')
    expect(textOf(html(undiscussedStays.body).querySelector('#connection'))).toBe(
      'Knows the mother from a parents’ group (fictional).',
    )

    const declared = await browser.post(`${meeting}/connection`, {
      connection: 'Knows the mother from a parents’ group (fictional).',
      decision: 'not_yet_decided',
    })
    expect(declared.statusCode).toBe(303)
    expect(declared.headers.location).toBe(`${meeting}/connection?saved=connection`)

    const check = html((await browser.get(`${meeting}/check-answers`)).body)
    const rows = check.querySelectorAll('[data-qa="summary-meeting"] .govuk-summary-list__row')
    expect(rows[0]?.getAttribute('id')).toBe('chairConnection')
    expect(textOf(rows[0])).toContain('Pat Morgan declared a personal connection with the family')
    const missing = check.querySelectorAll('[data-qa="missing"] a')
    expect(missing.map((link) => link.getAttribute('href'))).toContain(`${meeting}/connection`)
    const refused = await browser.post(`${meeting}/finalise`, {})
    expect(refused.statusCode).toBe(400)
    expect(
      errorLinks(refused.body)
        .map((link) => link.text)
        .join(' '),
    ).toContain('has not been discussed with their manager (CH-INDEPENDENCE, Kent §13)')
    const overview = html((await browser.get(meeting)).body)
    expect(textOf(overview.querySelector('[data-qa="meeting-steps"]'))).toContain('To discuss and decide')

    const decided = await browser.post(`${meeting}/connection`, {
      connection: 'Knows the mother from a parents’ group (fictional).',
      discussedWith: 'Alex Senior, Head of Service',
      'discussedOn-day': '6',
      'discussedOn-month': '5',
      'discussedOn-year': '2026',
      decision: 'chair_stays',
    })
    expect(decided.statusCode).toBe(303)
    expect((await browser.post(`${meeting}/finalise`, {})).statusCode).toBe(303)
    const record = html((await browser.get(`${meeting}/check-answers`)).body)
    expect(textOf(record.querySelector('h1'))).toBe('The meeting record')
    const minuted = textOf(record.querySelector('[data-qa="summary-connection"]'))
    expect(minuted).toContain('Discussed with Alex Senior, Head of Service on Wednesday 6 May 2026.')
    expect(minuted).toContain('Decision: The chair stays, and declares the connection.')
    expect(minuted).toContain('minuted (CH-INDEPENDENCE, Kent §13)')
  })

  test('a social worker cannot see or record it', async () => {
    const session = await service.signInAs(worker)
    expect((await session.get(`${meeting}/connection`)).statusCode).toBe(403)
    const posted = await session.post(`${meeting}/connection`, {
      connection: 'Knows the family.',
      decision: 'not_yet_decided',
    })
    expect(posted.statusCode).toBe(403)
    expect(await declarations()).toEqual([])
  })
})
