import { createHash, randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { insertStoredFile } from '../../src/db/stored-file.repository.ts'
import { makeCase, makeConference } from '../support/factories.ts'
import {
  BEFORE_MEETING,
  buildMarkedFamily,
  holdMarkedConference,
  type MarkedFamily,
  MEETING_TIME,
  SCENARIO_PROFILE,
} from '../support/family-scenario.ts'
import { samplePdf } from '../support/sample-files.ts'
import { TEST_PASSWORD, type TestPerson, useServiceApp, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * The family's pages through the real app: staff invite a family member, the emailed link opens
 * their account (once, until it expires), and the family reads their meeting, the reports shared
 * with them, sends their views (written or as a file), reads the decision letter and who has looked
 * at their record; another family's case is refused and recorded.
 */

const service = useServiceApp({ profileId: SCENARIO_PROFILE, now: BEFORE_MEETING })
const db = () => service.deps.db

let admin: TestPerson
let chair: TestPerson
let socialWorker: TestPerson
let advocate: TestPerson
let family: MarkedFamily

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  chair = await service.makeStaff('chair')
  socialWorker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  advocate = await service.makeStaff('advocate')
  family = await buildMarkedFamily(service.deps, { admin, chair, socialWorker }, advocate.userId)
}, 120_000)

/** A family member's account as the sign-in pages see it. */
const familyLogin = (email: string) => ({ userId: '', name: '', roles: [], email })

async function join(link: string): Promise<WebSession> {
  const browser = service.anonymous()
  await browser.get(link)
  const opened = await browser.post(link, { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD })
  expect(opened.statusCode).toBe(303)
  return browser
}

async function accessRefusals(caseId: string): Promise<number> {
  const rows = await db()
    .selectFrom('access_log')
    .select('seq')
    .where('case_id', '=', caseId)
    .where('action', '=', 'case.access_refused')
    .execute()
  return rows.length
}

/** A multipart form as a browser sends it, with the session's cookies and CSRF token. */
async function postMultipart(
  session: WebSession,
  url: string,
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Uint8Array } | null,
) {
  const boundary = `----convene${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  const add = (text: string) => parts.push(Buffer.from(text))
  for (const [name, value] of Object.entries({ _csrf: session.csrfToken ?? '', ...fields }))
    add(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  add(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.name ?? ''}"\r\nContent-Type: ${file?.type ?? 'application/octet-stream'}\r\n\r\n`,
  )
  if (file) parts.push(Buffer.from(file.bytes))
  add(`\r\n--${boundary}--\r\n`)
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

describe('staff invite a family member to their own account', () => {
  test('the allocated social worker sees the family and who can have an account, and sends an invitation by email', async () => {
    const made = await makeCase(db(), {
      familyName: 'Pemberton',
      socialWorkerId: socialWorker.userId,
      adults: [{ firstName: 'Jo' }],
    })
    await makeConference(db(), { caseId: made.id, chairId: chair.userId })
    const staff = await service.signInAs(socialWorker)
    const list = await staff.get(`/cases/${made.id}/family-accounts`)
    expect(list.statusCode).toBe(200)
    const page = html(list.body)
    expect(textOf(page.querySelector('h1'))).toBe('Family members’ own accounts')
    const jo = page.querySelector(`[data-person="${made.adults[0]?.id}"]`)
    expect(textOf(jo)).toContain('Parent or carer')
    expect(textOf(jo?.querySelector('[data-qa="account-state"]'))).toBe('No account')
    const child = page.querySelector(`[data-person="${made.children[0]?.id}"]`)
    expect(textOf(child)).toContain('once they are invited to one of their conferences')
    expect(child?.querySelector('[data-qa="invite-link"]')).toBeNull()

    const form = await staff.get(`/cases/${made.id}/family-accounts/${made.adults[0]?.id}`)
    expect(textOf(html(form.body).querySelector('h1'))).toBe('Invite Jo Pemberton to their own account')
    const wrong = await staff.post(`/cases/${made.id}/family-accounts/${made.adults[0]?.id}`, {
      email: 'not an email',
    })
    expect(wrong.statusCode).toBe(400)
    const summary = html(wrong.body).querySelector('.govuk-error-summary a')
    expect(summary?.getAttribute('href')).toBe('#email')
    expect(textOf(summary)).toBe('Enter an email address in the correct format, like name@example.org')

    const sent = await staff.post(`/cases/${made.id}/family-accounts/${made.adults[0]?.id}`, {
      email: 'Jo.Pemberton@Family.example.org',
    })
    expect(sent.statusCode).toBe(303)
    const after = html((await staff.follow(sent)).body)
    expect(textOf(after.querySelector('[data-qa="invited"]'))).toContain(
      'Jo Pemberton has been sent an invitation',
    )
    const message = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'jo.pemberton@family.example.org')
      .executeTakeFirstOrThrow()
    expect(message.kind).toBe('family_account_invitation')
    expect(message.body_text).toMatch(/http:\/\/localhost:3000\/family\/join\/[A-Za-z0-9_-]{43}\n/)
    expect(message.body_text).toContain('Sam Social, your social worker, has set up a way for you')
  })

  test('a team manager and a social worker who is not allocated are refused, and the refusal recorded', async () => {
    const other = await service.makeStaff('social_worker')
    const manager = await service.makeStaff('team_manager')
    const before = await accessRefusals(family.caseId)
    const refused = await (await service.signInAs(other)).get(`/cases/${family.caseId}/family-accounts`)
    expect(refused.statusCode).toBe(403)
    expect(await accessRefusals(family.caseId)).toBe(before + 1)
    const managerRefused = await (await service.signInAs(manager)).get(
      `/cases/${family.caseId}/family-accounts`,
    )
    expect(managerRefused.statusCode).toBe(403)
  })
})

describe('the emailed link opens the account once', () => {
  test('choosing a password: a mistake is shown on the form; then the account opens, signed in, with no authenticator app', async () => {
    const browser = service.anonymous()
    const page = await browser.get(family.links.dana)
    expect(page.statusCode).toBe(200)
    expect(textOf(html(page.body).querySelector('h1'))).toBe('Choose your password')
    expect(textOf(html(page.body).querySelector('[data-qa="email"]'))).toBe(family.emails.dana)
    const mismatch = await browser.post(family.links.dana, {
      password: TEST_PASSWORD,
      confirmPassword: 'something else entirely',
    })
    expect(mismatch.statusCode).toBe(400)
    expect(html(mismatch.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe(
      '#confirmPassword',
    )
    const opened = await browser.post(family.links.dana, {
      password: TEST_PASSWORD,
      confirmPassword: TEST_PASSWORD,
    })
    expect(opened.statusCode).toBe(303)
    const home = html((await browser.follow(opened)).body)
    expect(textOf(home.querySelector('h1'))).toBe('Your meetings')
    expect(textOf(home.querySelector('[data-qa="welcome"]'))).toContain('Your account is ready')
    const person = await db()
      .selectFrom('people')
      .innerJoin('users', 'users.id', 'people.user_id')
      .select(['users.roles', 'users.email', 'users.totp_secret'])
      .where('people.id', '=', family.dana)
      .executeTakeFirstOrThrow()
    expect(person).toEqual({ roles: ['parent_carer'], email: family.emails.dana, totp_secret: null })

    const reused = await service.anonymous().get(family.links.dana)
    expect(reused.statusCode).toBe(409)
    expect(textOf(html(reused.body).querySelector('[data-qa="page-heading"] + p'))).toContain(
      'This link has been used already',
    )
    const recorded = await db()
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'family_account.link_refused')
      .where('subject_id', '=', family.dana)
      .execute()
    expect(recorded.map((row) => (row.after as { reason: string }).reason)).toContain('link used')
  })

  test('an expired link is refused and recorded; a made-up one is not found', async () => {
    service.setNow('2026-05-04T09:00:01Z')
    try {
      const expired = await service.anonymous().get(family.links.marcus)
      expect(expired.statusCode).toBe(409)
      expect(expired.body).toContain('This link has expired. Ask your social worker to send you a new one.')
      const made = await service.anonymous().get(`/family/join/${'x'.repeat(43)}`)
      expect(made.statusCode).toBe(404)
    } finally {
      service.setNow(BEFORE_MEETING)
    }
    const reasons = await db()
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'family_account.link_refused')
      .execute()
    expect(reasons.map((row) => (row.after as { reason: string }).reason)).toEqual(
      expect.arrayContaining(['link expired', 'unknown link']),
    )
  })
})

describe('a family member’s pages', () => {
  let kai: WebSession
  let marcus: WebSession

  beforeAll(async () => {
    kai = await join(family.links.kai)
    marcus = await join(family.links.marcus)
  })

  test('the meeting: when and where, who will be there in general terms, help, in plain words without jargon', async () => {
    const response = await kai.get(`/family/meetings/${family.conferenceId}`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(textOf(page.querySelector('h1'))).toBe('Child protection conference')
    expect(textOf(page.querySelector('.govuk-caption-l'))).toBe('About you and Mia')
    expect(textOf(page.querySelector('[data-qa="when-where"]'))).toContain('12 May 2026 from 10:00 to 12:00')
    const who = textOf(page.querySelector('[data-qa="who"]'))
    expect(who).toContain('a chair, who leads the meeting')
    expect(who).toContain('your school')
    expect(who).not.toContain('Skyler Teacher')
    expect(textOf(page.querySelector('[data-qa="help"]'))).toContain('advocate')
    expect(textOf(page.querySelector('[data-qa="reports"]'))).toContain('You have been given 2 reports')
    const words = textOf(page.querySelector('main'))
    for (const jargon of ['ICPC', 'RCPC', 's47', 'section 47', 'T-RPT', 'Kent §'])
      expect(words).not.toContain(jargon)
  })

  test('a parent excluded from part of the meeting is told so, and gets only the report the chair allowed', async () => {
    const page = html((await marcus.get(`/family/meetings/${family.conferenceId}`)).body)
    expect(textOf(page.querySelector('[data-qa="excluded"]'))).toContain(
      'The chair has decided that you will not be at part of this meeting',
    )
    expect(textOf(page.querySelector('[data-qa="reports"]'))).toContain('You have been given 1 report')
    const school = await marcus.get(`/family/reports/${family.schoolReportId}`)
    expect(school.statusCode).toBe(404)
  })

  test('a report: only the parts not withheld, with plain headings, and the same parts in its download', async () => {
    const response = await kai.get(`/family/reports/${family.socialWorkReportId}`)
    const page = html(response.body)
    expect(textOf(page.querySelector('h1'))).toBe('Report from the social worker')
    const headings = page.querySelectorAll('[data-qa="report-parts"] h2').map(textOf)
    expect(headings.length).toBeGreaterThan(5)
    expect(headings.join(' ')).not.toMatch(/section 47/i)
    const download = await kai.get(`/family/reports/${family.socialWorkReportId}/download`)
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="report-2026-05-12\.txt"$/)
    expect(download.headers['cache-control']).toBe('no-store')
    for (const heading of headings) expect(download.body).toContain(heading)
  })

  test('a report sent as a file: the file reaches a reader only when no part of the report is withheld from them', async () => {
    const pdf = samplePdf('The school’s report as sent (fictional)')
    const stored = await db()
      .transaction()
      .execute((trx) =>
        insertStoredFile(trx, {
          bytes: pdf,
          mediaType: 'application/pdf',
          sha256: createHash('sha256').update(pdf).digest('hex'),
          originalName: 'school report.pdf',
          uploadedBy: null,
          caseId: family.caseId,
          conferenceId: family.conferenceId,
        }),
      )
    await db()
      .updateTable('reports')
      .set({ file_id: stored.id })
      .where('id', '=', family.schoolReportId)
      .execute()
    try {
      const dana = await service.signInAs(familyLogin(family.emails.dana))
      const page = html((await dana.get(`/family/reports/${family.schoolReportId}`)).body)
      expect(page.querySelector('[data-qa="report-file"]')?.getAttribute('href')).toBe(
        `/family/reports/${family.schoolReportId}/file`,
      )
      const file = await dana.get(`/family/reports/${family.schoolReportId}/file`)
      expect(file.statusCode).toBe(200)
      expect(file.headers['content-type']).toBe('application/pdf')
      const forKai = html((await kai.get(`/family/reports/${family.schoolReportId}`)).body)
      expect(forKai.querySelector('[data-qa="report-file"]')).toBeNull()
      expect((await kai.get(`/family/reports/${family.schoolReportId}/file`)).statusCode).toBe(404)
      expect((await kai.get(`/files/${stored.id}`)).statusCode).toBe(403)
    } finally {
      await db()
        .updateTable('reports')
        .set({ file_id: null })
        .where('id', '=', family.schoolReportId)
        .execute()
    }
  })

  test('[rule:P-PARENT-ABSENT@kent_medway] sending views: written, or as a file; an empty form names the field; the staff are told and read them', async () => {
    const form = await kai.get(`/family/meetings/${family.conferenceId}/views`)
    expect(textOf(html(form.body).querySelector('h1'))).toBe('Send your views')
    const empty = await postMultipart(
      kai,
      `/family/meetings/${family.conferenceId}/views`,
      { text: '  ' },
      null,
    )
    expect(empty.statusCode).toBe(400)
    const summary = html(empty.body).querySelector('.govuk-error-summary a')
    expect(summary?.getAttribute('href')).toBe('#text')
    expect(textOf(summary)).toBe('Write your views, or choose a file to send')

    await kai.get(`/family/meetings/${family.conferenceId}/views`)
    const written = await postMultipart(
      kai,
      `/family/meetings/${family.conferenceId}/views`,
      { text: 'I want to stay at my school.' },
      null,
    )
    expect(written.statusCode).toBe(303)
    await kai.get(`/family/meetings/${family.conferenceId}/views`)
    const withFile = await postMultipart(
      kai,
      `/family/meetings/${family.conferenceId}/views`,
      { text: '' },
      {
        name: 'my letter.pdf',
        type: 'application/pdf',
        bytes: samplePdf('Kai’s letter (fictional)'),
      },
    )
    expect(withFile.statusCode).toBe(303)
    const meeting = html((await kai.get(withFile.headers.location as string)).body)
    expect(textOf(meeting.querySelector('[data-qa="views-sent"]'))).toContain('Your views have been sent')

    const views = await db()
      .selectFrom('family_views')
      .select(['text', 'file_id', 'person_id'])
      .where('conference_id', '=', family.conferenceId)
      .orderBy('sent_at')
      .execute()
    expect(views.map((row) => [row.person_id, row.text, row.file_id !== null])).toEqual([
      [family.kai, 'I want to stay at my school.', false],
      [family.kai, null, true],
    ])
    const notices = await db()
      .selectFrom('outbox')
      .select(['to_address', 'body_text'])
      .where('kind', '=', 'family_views')
      .execute()
    expect(notices).toHaveLength(4)
    expect([...new Set(notices.map((notice) => notice.to_address))].sort()).toEqual(
      [chair.email, socialWorker.email].sort(),
    )
    expect(notices.every((notice) => !notice.body_text.includes('stay at my school'))).toBe(true)

    const staff = await service.signInAs(socialWorker)
    const read = html((await staff.get(`/conferences/${family.conferenceId}/family-views`)).body)
    expect(read.querySelectorAll('[data-qa="views"]').map(textOf).join(' ')).toContain(
      'I want to stay at my school.',
    )
    const fileLink = read.querySelector('[data-qa="views-file"]')?.getAttribute('href') as string
    const file = await staff.get(fileLink)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
  })

  test('another family’s meeting and record are refused, and each refusal recorded', async () => {
    const other = await makeCase(db(), { familyName: 'Elsewhere', socialWorkerId: socialWorker.userId })
    const conference = await makeConference(db(), { caseId: other.id, chairId: chair.userId })
    const before = await accessRefusals(other.id)
    for (const url of [
      `/family/meetings/${conference.id}`,
      `/family/meetings/${conference.id}/reports`,
      `/family/meetings/${conference.id}/decision`,
      `/family/record/${other.id}/who-looked`,
    ]) {
      const refused = await kai.get(url)
      expect(refused.statusCode, url).toBe(403)
      expect(refused.body).not.toContain('Elsewhere')
    }
    expect(await accessRefusals(other.id)).toBe(before + 4)
  })

  test('the staff’s case page is not a family member’s: it shows every person of the case with their details, where the family’s pages show only what may reach them', async () => {
    expect((await kai.get(`/cases/${family.caseId}`)).statusCode).toBe(403)
  })

  test('the staff’s page of the family’s views is not a family member’s, and the family’s pages are not staff’s', async () => {
    expect((await kai.get(`/conferences/${family.conferenceId}/family-views`)).statusCode).toBe(403)
    const staff = await service.signInAs(socialWorker)
    expect((await staff.get('/family')).statusCode).toBe(403)
    expect((await staff.get(`/family/meetings/${family.conferenceId}`)).statusCode).toBe(403)
  })
})

describe('after the meeting', () => {
  let dana: WebSession
  let kai: WebSession
  let marcus: WebSession

  beforeAll(async () => {
    service.setNow(MEETING_TIME)
    await holdMarkedConference(service.deps, chair, family)
    dana = await service.signInAs(familyLogin(family.emails.dana))
    kai = await service.signInAs(familyLogin(family.emails.kai))
    marcus = await service.signInAs(familyLogin(family.emails.marcus))
  })

  test('[rule:C-DECISION-LETTER@kent_medway] [rule:CMP-ROUTE@kent_medway] the decision letter in plain words for each child: what was decided, the category, what will happen, who and by when, the next meetings, how to complain', async () => {
    const response = await dana.get(`/family/meetings/${family.conferenceId}/decision`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(textOf(page.querySelector('h1'))).toBe('What was decided')
    const [kaiLetter, miaLetter] = page.querySelectorAll('[data-qa="child-decision"]')
    expect(textOf(kaiLetter?.querySelector('[data-qa="decided"]'))).toBe(
      'Kai will have a child protection plan. This is a plan to keep Kai safe. Everyone in the plan has jobs to do.',
    )
    expect(textOf(kaiLetter?.querySelector('[data-qa="category"]'))).toBe(
      'The plan is because of neglect. This means the worry is that basic needs are not being met, like food, warmth, clean clothes, safety or going to the doctor or dentist.',
    )
    const action = kaiLetter?.querySelector('[data-qa="actions"] tbody tr')
    expect(action?.querySelectorAll('td').map(textOf)).toEqual([
      expect.stringContaining('visit Kai at home every week'),
      'Sam Social',
      '30 June 2026',
    ])
    expect(textOf(kaiLetter?.querySelector('[data-qa="next-step"]'))).toBe(
      'The people working with your family (the core group) will meet by 12 May 2026.',
    )
    expect(textOf(miaLetter?.querySelector('[data-qa="decided"]'))).toBe(
      'Mia does not need a child protection plan. Mia will have a child in need plan instead. This means your family will get help and support.',
    )
    const complaints = textOf(page.querySelector('[data-qa="complaints"]'))
    expect(complaints).toContain('Talk to your social worker or to the chair first.')
    expect(complaints).toContain(
      'The council has a separate procedure for complaints and appeals about what a meeting decided or how it was run.',
    )
    // The profile's plain words, not the rule as the procedure words it: no abbreviations, no section numbers.
    expect(complaints).not.toMatch(/\bLA |\bCSC\b|\bICPC\b|\bIRO\b|§|\d+\.\d+|not in this procedure document/)
    expect(textOf(page.querySelector('main'))).not.toMatch(/ICPC|RCPC|s47/)

    const download = await dana.get(`/family/meetings/${family.conferenceId}/decision/download`)
    expect(download.headers['content-disposition']).toBe('attachment; filename="decision-2026-05-12.txt"')
    expect(download.body).toContain('Kai will have a child protection plan.')
    expect(download.body).toContain('The plan is because of neglect.')
  })

  test('a young person reads the letter about themselves only; a parent the chair did not allow it is told to ask', async () => {
    const page = html((await kai.get(`/family/meetings/${family.conferenceId}/decision`)).body)
    const letters = page.querySelectorAll('[data-qa="child-decision"]')
    expect(letters.map((letter) => letter.getAttribute('data-child'))).toEqual([family.kai])
    expect(textOf(letters[0]?.querySelector('[data-qa="decided"]'))).toMatch(
      /^You will have a child protection plan/,
    )
    const refused = html((await marcus.get(`/family/meetings/${family.conferenceId}/decision`)).body)
    expect(refused.querySelectorAll('[data-qa="child-decision"]')).toHaveLength(0)
    expect(textOf(refused.querySelector('[data-qa="not-allowed"]'))).toContain(
      'Your social worker will tell you',
    )
  })

  test('views cannot be sent once the meeting is finalised', async () => {
    const page = html((await dana.get(`/family/meetings/${family.conferenceId}/views`)).body)
    expect(page.querySelector('[data-qa="views-closed"]')).not.toBeNull()
  })

  test('who has looked at the record: role, organisation and day; the reader’s own reads as “you”; no other family member’s', async () => {
    await (await service.signInAs(socialWorker)).get(`/cases/${family.caseId}`)
    const page = html((await dana.get(`/family/record/${family.caseId}/who-looked`)).body)
    expect(textOf(page.querySelector('h1'))).toBe('Who has looked at your family’s record')
    const rows = page
      .querySelectorAll('[data-qa="read"]')
      .map((row) => row.querySelectorAll('td').map(textOf))
    // The access log keeps the moment of each read as the database wrote it.
    expect(rows).toContainEqual([
      expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4}$/),
      'Your social worker',
      "Children's social care",
      'the family’s record',
    ])
    expect(rows.some((row) => row[1] === 'You')).toBe(true)
    expect(rows.every((row) => !row[1]?.includes('Sam Social'))).toBe(true)
    const kaiAccount = await db()
      .selectFrom('people')
      .select('user_id')
      .where('id', '=', family.kai)
      .executeTakeFirstOrThrow()
    const kaiReads = await db()
      .selectFrom('access_log')
      .select('seq')
      .where('actor_user_id', '=', kaiAccount.user_id)
      .execute()
    expect(kaiReads.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(
      (await db().selectFrom('access_log').select('seq').where('case_id', '=', family.caseId).execute())
        .length,
    )
  })
})
