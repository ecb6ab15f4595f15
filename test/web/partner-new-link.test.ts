import { beforeAll, describe, expect, test } from 'vitest'
import { makeCase, makeConference, makeProfessional } from '../support/factories.ts'
import { type TestPerson, useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * Sending a partner a new one-time link from the conference's invitations: the administrator sees a
 * button on the invitation of a practitioner who has no account yet (and on no other), sends it with
 * the form's token, and is told it went; the email carries a link that opens, and the audit log says
 * who sent it. Anyone else is refused, and nothing is sent.
 */

const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })
const db = () => service.deps.db

let admin: TestPerson
let chair: TestPerson
let worker: TestPerson

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  chair = await service.makeStaff('chair')
  worker = await service.makeStaff('social_worker')
})

/** A conference on 12 May 2026 with two practitioners invited: one with no account yet, one with an account. */
async function conferenceWithPartners() {
  const made = await makeCase(db(), {
    familyName: 'Brook',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
  })
  const conference = await makeConference(db(), {
    caseId: made.id,
    date: '2026-05-12',
    start: '10:00',
    chairId: chair.userId,
  })
  const invite = async (professionalId: string) =>
    (
      await db()
        .insertInto('invitations')
        .values({
          conference_id: conference.id,
          professional_id: professionalId,
          role: 'professional',
          agency: 'school',
          sent_via: 'email',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const newcomer = await makeProfessional(db(), { agency: 'school', name: 'Mx Rowan Teacher' })
  const partner = await service.makeStaff('partner_practitioner', { agency: 'school' })
  const withAccount = await makeProfessional(db(), {
    agency: 'school',
    name: partner.name,
    userId: partner.userId,
  })
  return {
    conferenceId: conference.id,
    page: `/conferences/${conference.id}/invitations`,
    newcomer: { ...newcomer, invitationId: await invite(newcomer.id) },
    withAccount: { invitationId: await invite(withAccount.id) },
  }
}

const linkMessages = (email: string) =>
  db()
    .selectFrom('outbox')
    .select(['kind', 'subject', 'body_text'])
    .where('to_address', '=', email)
    .where('kind', '=', 'partner_link')
    .execute()

describe('sending a partner a new link', () => {
  test('the administrator sees the button on the invitation of a practitioner with no account, and only there', async () => {
    const made = await conferenceWithPartners()
    const browser = await service.signInAs(admin)
    const page = html((await browser.get(made.page)).body)
    const forms = page.querySelectorAll('[data-qa="new-link-form"]')
    expect(forms.map((form) => form.getAttribute('action'))).toEqual([
      `${made.page}/${made.newcomer.invitationId}/new-link`,
    ])
    const row = page.querySelector(`[data-invitation-id="${made.newcomer.invitationId}"]`)
    expect(row?.querySelector('[data-qa="new-link-form"] input[name="_csrf"]')?.getAttribute('value')).toBe(
      browser.csrfToken,
    )
    expect(textOf(row?.querySelector('[data-qa="send-new-link"]'))).toBe(
      'Send a new link to Mx Rowan Teacher',
    )

    const chairPage = html((await (await service.signInAs(chair)).get(made.page)).body)
    expect(chairPage.querySelectorAll('[data-qa="invitation"]')).toHaveLength(2)
    expect(chairPage.querySelectorAll('[data-qa="new-link-form"]')).toHaveLength(0)
  })

  test('sending it emails a new link that opens, says so on the page, and is recorded', async () => {
    const made = await conferenceWithPartners()
    const browser = await service.signInAs(admin)
    await browser.get(made.page)
    const sent = await browser.post(`${made.page}/${made.newcomer.invitationId}/new-link`, {})
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe(`${made.page}?done=link`)
    const shown = html((await browser.follow(sent)).body)
    expect(textOf(shown.querySelector('[data-qa="done"]'))).toContain(
      'A new link has been emailed. It works once, for 14 days',
    )

    const messages = await linkMessages(made.newcomer.email as string)
    expect(messages).toHaveLength(1)
    const token = messages[0]?.body_text.match(/\/partner\/link\/([A-Za-z0-9_-]{43})/)?.[1]
    expect(token).toBeDefined()
    const opened = await service.anonymous().get(`/partner/link/${token}`)
    expect(opened.statusCode).toBe(200)
    expect(textOf(html(opened.body).querySelector('h1'))).toBe('Set up your account')

    const recorded = await db()
      .selectFrom('audit_log')
      .select(['actor_user_id', 'subject_id', 'after'])
      .where('action', '=', 'partner_link.sent')
      .where('subject_id', '=', made.newcomer.invitationId)
      .execute()
    expect(recorded).toEqual([
      {
        actor_user_id: admin.userId,
        subject_id: made.newcomer.invitationId,
        after: expect.objectContaining({ professionalId: made.newcomer.id }),
      },
    ])
  })

  test('without the form’s token, as anyone but the administrator, or for a partner with an account, nothing is sent', async () => {
    const made = await conferenceWithPartners()
    const url = `${made.page}/${made.newcomer.invitationId}/new-link`
    const admins = await service.signInAs(admin)
    await admins.get(made.page)
    expect((await admins.post(url, { _csrf: 'forged' })).statusCode).toBe(403)

    for (const person of [chair, worker]) {
      const browser = await service.signInAs(person)
      await browser.get(made.page)
      expect((await browser.post(url, {})).statusCode, person.roles.join()).toBe(403)
    }
    expect(await linkMessages(made.newcomer.email as string)).toEqual([])

    const refused = await admins.post(`${made.page}/${made.withAccount.invitationId}/new-link`, {})
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toContain('has an account already')
  })
})
