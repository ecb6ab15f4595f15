import { randomBytes } from 'node:crypto'
import { generate } from 'otplib'
import { beforeAll, describe, expect, test } from 'vitest'
import { countRows, makeCase, makeConference, makeProfessional } from '../support/factories.ts'
import { sampleExe, samplePdf } from '../support/sample-files.ts'
import { type TestPerson, useServiceApp, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/** London's procedure; today is 1 May 2026; files may be at most 4 KB here. */
const UPLOAD_LIMIT = 4096
const service = useServiceApp({ config: { uploadLimitBytes: UPLOAD_LIMIT } })

let admin: TestPerson
let worker: TestPerson

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  worker = await service.makeStaff('social_worker')
})

/** A family's case and conference on 12 May 2026. */
async function conference(familyName = 'Brook') {
  const made = await makeCase(service.deps.db, {
    familyName,
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
    adults: [{ firstName: 'Lou', role: 'parent' }],
  })
  const booked = await makeConference(service.deps.db, {
    caseId: made.id,
    date: '2026-05-12',
    start: '10:00',
  })
  return { caseId: made.id, conferenceId: booked.id }
}

/** A partner with an account and a second factor, invited to the conference through their professional record. */
async function invitedPartner(conferenceId: string, agency = 'school'): Promise<TestPerson> {
  const partner = await service.makeStaff('partner_practitioner', { agency, name: `Ms Ada Head ${agency}` })
  const professional = await makeProfessional(service.deps.db, {
    agency,
    name: partner.name,
    userId: partner.userId,
  })
  await service.deps.db
    .insertInto('invitations')
    .values({ conference_id: conferenceId, professional_id: professional.id, role: 'professional', agency })
    .execute()
  return partner
}

/**
 * The admin adds a practitioner with no account to the directory and invites them by email, through
 * the pages; the token of their link.
 */
async function inviteByEmail(conferenceId: string): Promise<{ token: string; email: string }> {
  const email = `${randomBytes(4).toString('hex')}@school.example.org`
  const browser = await service.signInAs(admin)
  const invitePage = html((await browser.get(`/conferences/${conferenceId}/invitations/new`)).body)
  const addHref = invitePage.querySelector('[data-qa="add-practitioner"]')?.getAttribute('href') as string
  expect(addHref).toBe(`/practitioners/new?conference=${conferenceId}`)
  await browser.get(addHref)
  const added = await browser.post(addHref, {
    name: 'Mx Rowan Teacher',
    agency: 'school',
    roleTitle: 'Designated safeguarding lead',
    email,
    phone: '',
  })
  expect(added.statusCode).toBe(303)
  expect(added.headers.location).toBe(`/conferences/${conferenceId}/invitations/new?agency=school`)
  const professional = await service.deps.db
    .selectFrom('professionals')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  await browser.follow(added)
  const sent = await browser.post(`/conferences/${conferenceId}/invitations/new`, {
    invitee: `professional:${professional.id}`,
    role: 'professional',
    sentVia: 'email',
  })
  expect(sent.statusCode).toBe(303)
  const message = await service.deps.db
    .selectFrom('outbox')
    .select('body_text')
    .where('to_address', '=', email)
    .executeTakeFirstOrThrow()
  const found = message.body_text.match(/(http\S+)\/partner\/link\/([A-Za-z0-9_-]{43})/)
  expect(found?.[1]).toBe('http://localhost:3000')
  return { token: found?.[2] as string, email }
}

/** A multipart form as a browser sends it, with the session's cookies and CSRF token. */
async function upload(
  session: WebSession,
  url: string,
  file: { name: string; type: string; bytes: Uint8Array } | null,
  options: { csrf?: boolean } = {},
) {
  const boundary = `----convene${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  const add = (text: string) => parts.push(Buffer.from(text))
  if (options.csrf !== false && session.csrfToken)
    add(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrfToken}\r\n`)
  if (file) {
    add(
      `--${boundary}\r\nContent-Disposition: form-data; name="reportFile"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    )
    parts.push(Buffer.from(file.bytes))
    add('\r\n')
  }
  add(`--${boundary}--\r\n`)
  return service.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  })
}

async function auditCount(action: string): Promise<number> {
  const rows = await service.deps.db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', action)
    .execute()
  return rows.length
}

describe('following a partner link', () => {
  test('sets up an account with a password and a sign-in code, and opens the conference', async () => {
    const { conferenceId } = await conference()
    const { token, email } = await inviteByEmail(conferenceId)
    const browser = service.anonymous()
    const opened = await browser.get(`/partner/link/${token}`)
    expect(opened.statusCode).toBe(200)
    const page = html(opened.body)
    expect(textOf(page.querySelector('h1'))).toBe('Set up your account')
    expect(textOf(page.querySelector('[data-qa="link-details"]'))).toContain(email)

    const weak = await browser.post(`/partner/link/${token}`, { password: 'short', confirmPassword: 'short' })
    expect(weak.statusCode).toBe(400)
    expect(html(weak.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#password')

    const made = await browser.post(`/partner/link/${token}`, {
      password: 'a long and unrelated passphrase',
      confirmPassword: 'a long and unrelated passphrase',
    })
    expect(made.statusCode).toBe(303)
    const next = `/partner/conferences/${conferenceId}`
    expect(made.headers.location).toBe(`/sign-in/set-up?next=${encodeURIComponent(next)}`)
    const setUp = await browser.follow(made)
    expect(setUp.statusCode).toBe(200)
    const secret = textOf(html(setUp.body).querySelector('[data-qa="secret"]')).replaceAll(' ', '')
    const code = await generate({
      secret,
      epoch: Math.floor(new Date('2026-05-01T09:00:00Z').getTime() / 1000),
    })
    const done = await browser.post('/sign-in/set-up', { code, next })
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe(next)
    const landed = await browser.follow(done)
    expect(landed.statusCode).toBe(200)
    expect(textOf(html(landed.body).querySelector('h1'))).toBe(
      'Initial child protection conference on 12 May 2026',
    )
    const home = await browser.get('/partner')
    expect(html(home.body).querySelectorAll('[data-qa="partner-conference"]')).toHaveLength(1)
  })

  test('a reused link, an expired link and an unknown link get a plain page, and each is recorded', async () => {
    const { conferenceId } = await conference()
    const used = await inviteByEmail(conferenceId)
    const first = service.anonymous()
    await first.get(`/partner/link/${used.token}`)
    await first.post(`/partner/link/${used.token}`, {
      password: 'a long and unrelated passphrase',
      confirmPassword: 'a long and unrelated passphrase',
    })
    const before = await auditCount('partner_link.refused')
    const again = await service.anonymous().get(`/partner/link/${used.token}`)
    expect(again.statusCode).toBe(410)
    expect(textOf(html(again.body).querySelector('h1'))).toBe('This link has been used already')

    const late = await inviteByEmail(conferenceId)
    service.setNow('2026-05-16T09:00:00Z')
    try {
      const expired = await service.anonymous().get(`/partner/link/${late.token}`)
      expect(expired.statusCode).toBe(410)
      expect(textOf(html(expired.body).querySelector('h1'))).toBe('This link has expired')
    } finally {
      service.setNow('2026-05-01T09:00:00Z')
    }
    const unknown = await service.anonymous().get(`/partner/link/${'x'.repeat(43)}`)
    expect(unknown.statusCode).toBe(404)
    expect(textOf(html(unknown.body).querySelector('h1'))).toBe('This link is not right')
    expect(await auditCount('partner_link.refused')).toBe(before + 3)
  })

  test('a partner of one conference, signed in, opening a link for another conference is refused and recorded', async () => {
    const mine = await conference()
    const partner = await invitedPartner(mine.conferenceId)
    const other = await conference('Reid')
    const { token } = await inviteByEmail(other.conferenceId)
    const browser = await service.signInAs(partner)
    const before = await auditCount('partner_link.refused')
    const opened = await browser.get(`/partner/link/${token}`)
    expect(opened.statusCode).toBe(403)
    expect(textOf(html(opened.body).querySelector('h1'))).toBe('This link is for someone else')
    expect(await auditCount('partner_link.refused')).toBe(before + 1)
    const page = await browser.get(`/partner/conferences/${other.conferenceId}`)
    expect(page.statusCode).toBe(403)
  })
})

describe('the partner’s pages', () => {
  test('only partners have them: staff are refused, and nobody signed out gets past sign-in', async () => {
    const { conferenceId } = await conference()
    const staff = await service.signInAs(worker)
    expect((await staff.get('/partner')).statusCode).toBe(403)
    expect((await staff.get(`/partner/conferences/${conferenceId}`)).statusCode).toBe(403)
    const signedOut = await service.anonymous().get('/partner')
    expect(signedOut.statusCode).toBe(303)
    expect(signedOut.headers.location).toBe('/sign-in?next=%2Fpartner')
  })

  test('the partner replies to the invitation', async () => {
    const { conferenceId } = await conference()
    const partner = await invitedPartner(conferenceId)
    const browser = await service.signInAs(partner)
    await browser.get(`/partner/conferences/${conferenceId}`)
    const blank = await browser.post(`/partner/conferences/${conferenceId}/reply`, {})
    expect(blank.statusCode).toBe(400)
    expect(html(blank.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#response')
    const noColleague = await browser.post(`/partner/conferences/${conferenceId}/reply`, {
      response: 'report_and_substitute',
    })
    expect(noColleague.statusCode).toBe(400)
    const replied = await browser.post(`/partner/conferences/${conferenceId}/reply`, {
      response: 'attending_remotely',
    })
    expect(replied.statusCode).toBe(303)
    const invitation = await service.deps.db
      .selectFrom('invitations')
      .innerJoin('professionals', 'professionals.id', 'invitations.professional_id')
      .select('invitations.response')
      .where('professionals.user_id', '=', partner.userId)
      .executeTakeFirstOrThrow()
    expect(invitation.response).toBe('attending_remotely')
    const page = html((await browser.follow(replied)).body)
    expect(textOf(page.querySelector('[data-qa="reply-tag"]'))).toBe('Attending remotely')
  })

  test('starting the written report opens the report form in the procedure’s sections', async () => {
    const { conferenceId } = await conference()
    const partner = await invitedPartner(conferenceId)
    const browser = await service.signInAs(partner)
    await browser.get(`/partner/conferences/${conferenceId}`)
    const started = await browser.post(`/partner/conferences/${conferenceId}/report`, {})
    expect(started.statusCode).toBe(303)
    expect(started.headers.location).toMatch(/^\/reports\/[0-9a-f-]{36}$/)
    const form = await browser.follow(started)
    expect(form.statusCode).toBe(200)
  })
})

describe('sending the report as a file', () => {
  let partner: TestPerson
  let other: TestPerson
  let conferenceId: string
  let browser: WebSession

  beforeAll(async () => {
    ;({ conferenceId } = await conference())
    partner = await invitedPartner(conferenceId)
    other = await invitedPartner(conferenceId, 'police')
  })

  const stored = () => countRows(service.deps.db, ['stored_files', 'reports'])

  test('a program renamed .pdf is refused by its content, the error links to the field, and nothing is kept', async () => {
    browser = await service.signInAs(partner)
    await browser.get(`/partner/conferences/${conferenceId}`)
    const before = await stored()
    const response = await upload(browser, `/partner/conferences/${conferenceId}/report-file`, {
      name: 'report.pdf',
      type: 'application/pdf',
      bytes: sampleExe(),
    })
    expect(response.statusCode).toBe(400)
    const page = html(response.body)
    const link = page.querySelector('.govuk-error-summary a')
    expect(link?.getAttribute('href')).toBe('#reportFile')
    expect(textOf(link)).toBe('The report file must be a PDF or Word (.docx) document')
    expect(page.querySelector('#reportFile')).not.toBeNull()
    expect(await stored()).toEqual(before)
  })

  test('a file over the limit, or none, is refused naming the field', async () => {
    await browser.get(`/partner/conferences/${conferenceId}`)
    const big = new Uint8Array(UPLOAD_LIMIT * 3)
    big.set(samplePdf())
    const before = await stored()
    const tooBig = await upload(browser, `/partner/conferences/${conferenceId}/report-file`, {
      name: 'report.pdf',
      type: 'application/pdf',
      bytes: big,
    })
    expect(tooBig.statusCode).toBe(400)
    expect(textOf(html(tooBig.body).querySelector('.govuk-error-summary a'))).toBe(
      'The report file must be 4 KB or smaller',
    )
    const none = await upload(browser, `/partner/conferences/${conferenceId}/report-file`, null)
    expect(none.statusCode).toBe(400)
    expect(textOf(html(none.body).querySelector('.govuk-error-summary a'))).toBe('Select the report file')
    expect(await stored()).toEqual(before)
  })

  test('without the form’s CSRF token, or signed out, the upload is refused before anything is kept', async () => {
    const before = await stored()
    const signedOut = await upload(service.anonymous(), `/partner/conferences/${conferenceId}/report-file`, {
      name: 'report.pdf',
      type: 'application/pdf',
      bytes: samplePdf(),
    })
    expect([303, 401]).toContain(signedOut.statusCode)
    const response = await upload(
      browser,
      `/partner/conferences/${conferenceId}/report-file`,
      { name: 'report.pdf', type: 'application/pdf', bytes: samplePdf() },
      { csrf: false },
    )
    expect(response.statusCode).toBe(403)
    expect(await stored()).toEqual(before)
  })

  test('a PDF named .docx is kept as a PDF and served as one, as a download, only to those who may read it', async () => {
    await browser.get(`/partner/conferences/${conferenceId}`)
    const response = await upload(browser, `/partner/conferences/${conferenceId}/report-file`, {
      name: 'Schöol report.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: samplePdf(),
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/partner/conferences/${conferenceId}?sent=1#report`)
    const page = html((await browser.get(`/partner/conferences/${conferenceId}`)).body)
    expect(textOf(page.querySelector('[data-qa="report-sent"]'))).toContain('You sent your report on')
    const href = page.querySelector('[data-qa="report-file-link"]')?.getAttribute('href') as string
    expect(href).toMatch(/^\/files\/[0-9a-f-]{36}$/)

    const download = await browser.get(href)
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Sch_ol report.pdf"; filename*=UTF-8''${encodeURIComponent('Schöol report.pdf')}`,
    )
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    expect(download.headers['cache-control']).toBe('no-store')
    expect(Buffer.from(download.rawPayload).equals(Buffer.from(samplePdf()))).toBe(true)

    const staff = await service.signInAs(worker)
    expect((await staff.get(href)).statusCode).toBe(200)
    const report = await service.deps.db
      .selectFrom('reports')
      .select('id')
      .where('file_id', '=', href.slice('/files/'.length))
      .executeTakeFirstOrThrow()
    const reportPage = html((await staff.get(`/reports/${report.id}`)).body)
    expect(reportPage.querySelector('[data-qa="report-file-link"]')?.getAttribute('href')).toBe(href)
    const colleague = await service.signInAs(other)
    expect((await colleague.get(href)).statusCode).toBe(403)
    expect((await service.anonymous().get(href)).statusCode).toBe(303)
  })

  test('a report sent is not sent again', async () => {
    await browser.get(`/partner/conferences/${conferenceId}`)
    const page = html((await browser.get(`/partner/conferences/${conferenceId}`)).body)
    expect(page.querySelector('[data-qa="report-file-form"]')).toBeNull()
    const again = await upload(browser, `/partner/conferences/${conferenceId}/report-file`, {
      name: 'report.pdf',
      type: 'application/pdf',
      bytes: samplePdf(),
    })
    expect(again.statusCode).toBe(409)
  })
})

describe('adding a practitioner to the directory', () => {
  test('only the conference administrator may; a bad form names each field; an email address is on record once', async () => {
    const staff = await service.signInAs(worker)
    expect((await staff.get('/practitioners/new')).statusCode).toBe(403)
    const browser = await service.signInAs(admin)
    await browser.get('/practitioners/new')
    const before = await countRows(service.deps.db, ['professionals'])
    const blank = await browser.post('/practitioners/new', { name: '', agency: '', email: 'not an address' })
    expect(blank.statusCode).toBe(400)
    expect(
      html(blank.body)
        .querySelectorAll('.govuk-error-summary a')
        .map((link) => link.getAttribute('href')),
    ).toEqual(['#name', '#agency', '#email'])
    const email = `${randomBytes(4).toString('hex')}@police.example.org`
    const fields = { name: 'DS Kit Rowe', agency: 'police', email }
    expect((await browser.post('/practitioners/new', fields)).statusCode).toBe(303)
    await browser.get('/practitioners/new')
    const twice = await browser.post('/practitioners/new', { ...fields, email: email.toUpperCase() })
    expect(twice.statusCode).toBe(400)
    expect(textOf(html(twice.body).querySelector('.govuk-error-summary a'))).toBe(
      'A practitioner with this email address is on record already',
    )
    expect(await countRows(service.deps.db, ['professionals'])).toEqual({
      professionals: (before.professionals ?? 0) + 1,
    })
  })
})

describe('the invitation page sends the link', () => {
  test('the administrator’s invitation of a partner by email carries a link to the service’s own address', async () => {
    const { conferenceId } = await conference()
    const { token } = await inviteByEmail(conferenceId)
    expect(token).toHaveLength(43)
  })
})
