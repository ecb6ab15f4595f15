import { beforeEach, describe, expect, test } from 'vitest'
import { requestExclusion } from '../../src/app/invitations/request-exclusion.ts'
import { finaliseConference } from '../../src/app/meeting/finalise-conference.ts'
import { recordAttendance } from '../../src/app/meeting/record-attendance.ts'
import { recordDecision } from '../../src/app/meeting/record-decision.ts'
import { makeCase, makeConference, type TestUser } from '../support/factories.ts'
import {
  childInNeedDecision,
  DURING_MEETING,
  INQUORATE,
  planDecision,
  QUORATE,
  snapshot,
} from '../support/meeting-fixtures.ts'
import { useServiceApp, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * The chair's meeting pages, driven as a browser would: a meeting about two siblings from the
 * opening checklist to finalising, each refusal shown on the form with nothing written, the chair's
 * role, and a finalised decision that the pages will not change.
 */

const service = useServiceApp({ profileId: 'london', now: DURING_MEETING })
const db = () => service.deps.db

interface Siblings {
  chair: TestUser
  socialWorker: TestUser
  browser: WebSession
  conferenceId: string
  ada: string
  ben: string
  cara: string
  mother: string
  meeting: string
}

let the: Siblings

/** A conference about Ada and Ben Rivers (their sister Cara is not a subject), chaired by the signed-in chair. */
async function siblings(): Promise<Siblings> {
  const chair = await service.makeStaff('chair', { name: 'Pat Morgan' })
  const socialWorker = await service.makeStaff('social_worker', { name: 'Sam Okafor' })
  const family = await makeCase(db(), {
    familyName: 'Rivers',
    socialWorkerId: socialWorker.userId,
    children: [
      { firstName: 'Ada', dob: '2019-02-11' },
      { firstName: 'Ben', dob: '2022-09-30' },
      {
        firstName: 'Cara',
        dob: '2007-06-01',
        subject: false,
        notSubjectReason: 'Lives with her grandmother',
      },
    ],
    adults: [{ firstName: 'Dana', role: 'parent' }],
  })
  const [ada, ben, cara] = family.children
  const conference = await makeConference(db(), {
    caseId: family.id,
    chairId: chair.userId,
    childIds: [ada!.id, ben!.id],
  })
  const browser = await service.signInAs(chair)
  return {
    chair,
    socialWorker,
    browser,
    conferenceId: conference.id,
    ada: ada!.id,
    ben: ben!.id,
    cara: cara!.id,
    mother: family.adults[0]!.id,
    meeting: `/conferences/${conference.id}/meeting`,
  }
}

beforeEach(async () => {
  the = await siblings()
})

const page = (body: string) => html(body)
const h1 = (body: string) => textOf(page(body).querySelector('h1'))
const errorLinks = (body: string) =>
  page(body)
    .querySelectorAll('[data-qa="error-summary"] a')
    .map((link) => ({ href: link.getAttribute('href'), text: textOf(link) }))

/** The form fields of one attendee as the attendance page sends them. */
function attendeeForm(attendee: (typeof QUORATE)[number]): Record<string, string> {
  return {
    'attendees-0-name': String(attendee.name),
    'attendees-0-role': attendee.role,
    'attendees-0-agency': attendee.agency ?? '',
    'attendees-0-capacity': String(attendee.capacity ?? ''),
    'attendees-0-inPerson': attendee.inPerson === false ? 'no' : 'yes',
    ...(attendee.directContactWithChild ? { 'attendees-0-directContactWithChild': 'yes' } : {}),
  }
}

/** Ada's decision as the decision page sends it: a plan for neglect, with its outline plan and dates. */
function adaPlanForm(overrides: Record<string, string | string[]> = {}) {
  return {
    _action: 'record',
    'threshold-met': 'yes',
    'threshold-limb': 'both',
    'professionalViews-0-name': 'Sam Okafor',
    'professionalViews-0-agency': 'childrens_social_care',
    'professionalViews-0-view': 'plan',
    'professionalViews-0-category': 'neglect',
    'professionalViews-1-name': 'DC Lee Hart',
    'professionalViews-1-agency': 'police',
    'professionalViews-1-view': 'plan',
    'professionalViews-1-category': 'neglect',
    'professionalViews-2-name': 'Jo Price',
    'professionalViews-2-agency': 'school',
    'professionalViews-2-view': 'no_plan',
    'professionalViews-2-reasons': 'Attendance has improved.',
    categories: 'neglect',
    'dissent-0-name': 'Jo Price',
    'dissent-0-agency': 'school',
    'dissent-0-reasons': 'Attendance has improved since March.',
    'parents-views': 'Mother accepts that Ada needs more help.',
    'outlinePlan-sections-outcomes': 'Ada is fed, clean and at school every day.',
    'outlinePlan-actions-0-action': 'Health visitor to visit weekly',
    'outlinePlan-actions-0-owner': 'Ama Boateng',
    'outlinePlan-actions-0-dueOn-day': '30',
    'outlinePlan-actions-0-dueOn-month': '6',
    'outlinePlan-actions-0-dueOn-year': '2026',
    leadSocialWorkerId: the.socialWorker.userId,
    'coreGroup-0-name': 'Sam Okafor',
    'coreGroup-0-agency': 'childrens_social_care',
    'coreGroup-0-role': 'lead social worker',
    'coreGroup-1-name': 'Dana Rivers',
    'coreGroup-1-role': 'mother',
    'firstCoreGroup-date-day': '20',
    'firstCoreGroup-date-month': '5',
    'firstCoreGroup-date-year': '2026',
    'firstReview-date-day': '4',
    'firstReview-date-month': '8',
    'firstReview-date-year': '2026',
    ...overrides,
  }
}

/** Ben's decision: no plan, but a child in need plan. */
const benNoPlanForm = {
  _action: 'record',
  'threshold-met': 'no',
  'professionalViews-0-name': 'Sam Okafor',
  'professionalViews-0-agency': 'childrens_social_care',
  'professionalViews-0-view': 'no_plan',
  'professionalViews-1-name': 'Ama Boateng',
  'professionalViews-1-agency': 'health_visiting',
  'professionalViews-1-view': 'no_plan',
  'parents-views': 'Mother agrees.',
  'noPlan-childInNeedPlan': 'yes',
  'noPlan-recommendations': 'Family support worker for three months.',
}

/** Posts a form from the page it is on, as a browser does: the page first (for its token), then the form. */
async function submit(
  browser: WebSession,
  pageUrl: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const shown = await browser.get(pageUrl)
  expect(shown.statusCode, pageUrl).toBe(200)
  return browser.post(action, fields)
}

const decisionUrl = (childId: string) => `${the.meeting}/children/${childId}/decision`

async function recordQuorateAttendance() {
  await recordAttendance(service.deps, the.chair, { conferenceId: the.conferenceId, attendees: QUORATE })
}

describe('the chair’s list', () => {
  test('shows the conferences the chair is named for, with the date, time, venue and children, linking to the meeting', async () => {
    const response = await the.browser.get('/chair')
    expect(response.statusCode).toBe(200)
    expect(h1(response.body)).toBe('Your conferences')
    const row = page(response.body).querySelector(
      `[data-qa="coming-up"] [data-conference="${the.conferenceId}"]`,
    )
    expect(textOf(row)).toContain('Tuesday 12 May 2026')
    expect(textOf(row)).toContain('10:00 to 12:00')
    expect(textOf(row)).toContain('Civic Centre, Room 2')
    expect(textOf(row)).toContain('Ada Rivers')
    expect(textOf(row)).toContain('Ben Rivers')
    expect(textOf(row)).not.toContain('Cara')
    expect(row?.querySelector('[data-qa="open-meeting"]')?.getAttribute('href')).toBe(the.meeting)
  })

  test('a conference held before today and not finalised is listed as awaiting finalising', async () => {
    const earlier = await makeConference(db(), {
      chairId: the.chair.userId,
      date: '2026-05-05',
      status: 'in_progress',
    })
    const response = await the.browser.get('/chair')
    const awaiting = page(response.body).querySelector('[data-qa="awaiting-finalising"]')
    expect(awaiting?.querySelector(`[data-conference="${earlier.id}"]`)).not.toBeNull()
    expect(awaiting?.querySelector(`[data-conference="${the.conferenceId}"]`)).toBeNull()
  })
})

describe('holding the meeting through the pages', () => {
  test('two siblings with different outcomes: attendance, quorum, decisions, check your answers, finalise; the dates show their rule and citation', async () => {
    const { browser, meeting } = the
    const overview = await browser.get(meeting)
    expect(overview.statusCode).toBe(200)
    expect(h1(overview.body)).toBe('Meeting about Ada Rivers and Ben Rivers')
    expect(textOf(page(overview.body).querySelector('[data-qa="other-children"]'))).toContain(
      'Cara Rivers: Lives with her grandmother',
    )

    const checklist = await submit(browser, `${meeting}/checklist`, `${meeting}/checklist`, {
      'item-purpose-done': 'yes',
      'item-confidentiality-done': 'yes',
      'item-confidentiality-note': 'Reminded everyone before the reports.',
    })
    expect(checklist.statusCode).toBe(303)

    for (const attendee of QUORATE) {
      const added = await submit(
        browser,
        `${meeting}/attendance`,
        `${meeting}/attendance`,
        attendeeForm(attendee),
      )
      expect(added.statusCode, String(attendee.name)).toBe(303)
    }
    const attendance = await browser.get(`${meeting}/attendance`)
    expect(page(attendance.body).querySelectorAll('[data-qa="attendee"]')).toHaveLength(QUORATE.length)
    expect(textOf(page(attendance.body).querySelector('[data-qa="quorum-verdict"]'))).toBe('Quorate')

    const checked = await submit(browser, `${meeting}/quorum`, `${meeting}/quorum`, {})
    expect(checked.statusCode).toBe(303)
    const quorum = await browser.follow(checked)
    expect(textOf(page(quorum.body).querySelector('[data-qa="last-checked"]'))).toContain(
      '12:00 on Tuesday 12 May 2026',
    )

    const notes = await submit(browser, `${meeting}/notes`, `${meeting}/notes`, {
      _action: 'save',
      'notes-concerns': 'Ada often arrives at school hungry.',
      'notes-strengths': 'Dana takes the children to every appointment.',
    })
    expect(notes.statusCode).toBe(303)

    const adaForm = await browser.get(decisionUrl(the.ada))
    expect(h1(adaForm.body)).toBe('Decision for Ada Rivers')
    const prefilled = page(adaForm.body)
    const prefilledNames = [0, 1, 2, 3, 4].map((row) =>
      prefilled.querySelector(`#professionalViews-${row}-name`)?.getAttribute('value'),
    )
    expect(prefilledNames).toEqual(['Ama Boateng', 'DC Lee Hart', 'Jo Price', 'Sam Okafor', undefined])
    expect(textOf(prefilled.querySelector('[data-qa="limit-first-core-group"]'))).toContain('T-CORE-FIRST')
    const ada = await browser.post(decisionUrl(the.ada), adaPlanForm())
    expect(ada.statusCode, ada.body).toBe(303)
    expect(ada.headers.location).toBe(`${meeting}?saved=decision`)

    const ben = await submit(browser, decisionUrl(the.ben), decisionUrl(the.ben), benNoPlanForm)
    expect(ben.statusCode, ben.body).toBe(303)

    const answers = await browser.get(`${meeting}/check-answers`)
    expect(h1(answers.body)).toBe('Check your answers')
    const shown = page(answers.body)
    const adaCard = shown.querySelector(`[data-child="${the.ada}"]`)
    const benCard = shown.querySelector(`[data-child="${the.ben}"]`)
    expect(textOf(adaCard?.querySelector('[data-qa="summary-outcome"]'))).toContain('A child protection plan')
    expect(textOf(adaCard?.querySelector('[data-qa="summary-categories"]'))).toContain('Neglect')
    expect(textOf(benCard?.querySelector('[data-qa="summary-outcome"]'))).toContain(
      'No child protection plan',
    )
    expect(textOf(benCard?.querySelector('[data-qa="summary-no-plan"]'))).toContain('A child in need plan')

    const london = service.deps.library.profiles.get('london')!
    const coreGroup = textOf(adaCard?.querySelector('[data-qa="summary-first-core-group"]'))
    expect(coreGroup).toContain('Wednesday 20 May 2026')
    expect(coreGroup).toContain('Rule T-CORE-FIRST')
    expect(coreGroup).toContain(`Source: ${london.rules['T-CORE-FIRST']!.source}`)
    const review = textOf(adaCard?.querySelector('[data-qa="summary-first-review"]'))
    expect(review).toContain('Tuesday 4 August 2026')
    expect(review).toContain('Rule T-RCPC-FIRST')
    expect(review).toContain(`Source: ${london.rules['T-RCPC-FIRST']!.source}`)
    const change = adaCard?.querySelector('[data-qa="summary-categories"] a')
    expect(change?.getAttribute('href')).toBe(`${decisionUrl(the.ada)}#categories`)

    const finalised = await browser.post(`${meeting}/finalise`, {})
    expect(finalised.statusCode, finalised.body).toBe(303)
    const record = await browser.follow(finalised)
    expect(h1(record.body)).toBe('The meeting record')
    expect(page(record.body).querySelector('[data-qa="finalise-form"]')).toBeNull()

    const stored = await db()
      .selectFrom('conferences')
      .select(['status', 'finalised_by'])
      .where('id', '=', the.conferenceId)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ status: 'finalised', finalised_by: the.chair.userId })
    const decisions = await db()
      .selectFrom('decisions')
      .select([
        'child_id',
        'plan',
        'categories',
        'child_in_need_plan',
        'first_core_group_on',
        'first_review_on',
        'finalised_at',
      ])
      .where('conference_id', '=', the.conferenceId)
      .orderBy('plan', 'desc')
      .execute()
    expect(decisions).toEqual([
      {
        child_id: the.ada,
        plan: true,
        categories: ['neglect'],
        child_in_need_plan: false,
        first_core_group_on: '2026-05-20',
        first_review_on: '2026-08-04',
        finalised_at: new Date(DURING_MEETING),
      },
      {
        child_id: the.ben,
        plan: false,
        categories: [],
        child_in_need_plan: true,
        first_core_group_on: null,
        first_review_on: null,
        finalised_at: new Date(DURING_MEETING),
      },
    ])
    const record2 = await db()
      .selectFrom('meeting_records')
      .select(['checklist', 'practice_model'])
      .where('conference_id', '=', the.conferenceId)
      .executeTakeFirstOrThrow()
    expect(Object.keys(record2.checklist as object).sort()).toEqual(['confidentiality', 'purpose'])
    expect(record2.practice_model).toMatchObject({
      concerns: { text: 'Ada often arrives at school hungry.' },
    })
  })
})

describe('every page of the meeting', () => {
  test('has one h1, unique ids, a label for every input, and a CSRF token in every form', async () => {
    await recordQuorateAttendance()
    await recordDecision(service.deps, the.chair, planDecision(the.conferenceId, the.ada))
    const pages = [
      '/chair',
      the.meeting,
      `${the.meeting}/checklist`,
      `${the.meeting}/attendance`,
      `${the.meeting}/quorum`,
      `${the.meeting}/notes`,
      `${the.meeting}/adjourn`,
      decisionUrl(the.ada),
      decisionUrl(the.ben),
      `${the.meeting}/check-answers`,
    ]
    for (const url of pages) {
      const response = await the.browser.get(url)
      expect(response.statusCode, url).toBe(200)
      const shown = page(response.body)
      expect(shown.querySelectorAll('h1'), url).toHaveLength(1)
      const ids = shown.querySelectorAll('[id]').map((element) => element.id)
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        url,
      ).toEqual([])
      for (const input of shown.querySelectorAll('main input, main select, main textarea')) {
        if (input.getAttribute('type') === 'hidden') continue
        expect(shown.querySelector(`label[for="${input.id}"]`), `${url} #${input.id}`).not.toBeNull()
      }
      for (const form of shown.querySelectorAll('main form'))
        expect(form.querySelector('input[name="_csrf"]'), url).not.toBeNull()
    }
  })
})

describe('refusals show the field and write nothing', () => {
  test('a decision for a child who is not a subject of the conference', async () => {
    await recordQuorateAttendance()
    const before = await snapshot(db(), the.conferenceId)
    const response = await submit(the.browser, decisionUrl(the.cara), decisionUrl(the.cara), adaPlanForm())
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual([
      {
        href: '#childId',
        text: 'Cara Rivers is not a subject of this conference: a decision is made only for its subject children',
      },
    ])
    expect(page(response.body).querySelector('#childId')).not.toBeNull()
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })

  test('a plan without a category; what was typed is shown again', async () => {
    await recordQuorateAttendance()
    const before = await snapshot(db(), the.conferenceId)
    const response = await submit(
      the.browser,
      decisionUrl(the.ada),
      decisionUrl(the.ada),
      adaPlanForm({ categories: [] }),
    )
    expect(response.statusCode).toBe(400)
    const links = errorLinks(response.body)
    expect(links.map((link) => link.href)).toEqual(['#categories'])
    expect(links[0]?.text).toMatch(
      /^A child protection plan needs a category of abuse or neglect: choose one \(London/,
    )
    const shown = page(response.body)
    expect(textOf(shown.querySelector('#parents-views'))).toBe('Mother accepts that Ada needs more help.')
    expect(
      shown
        .querySelector('#categories')
        ?.closest('.govuk-form-group')
        ?.classList.contains('govuk-form-group--error'),
    ).toBe(true)
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })

  test('two categories where the procedure does not allow more than one', async () => {
    await recordQuorateAttendance()
    const before = await snapshot(db(), the.conferenceId)
    const response = await submit(
      the.browser,
      decisionUrl(the.ada),
      decisionUrl(the.ada),
      adaPlanForm({ categories: ['neglect', 'emotional'] }),
    )
    expect(response.statusCode).toBe(400)
    const links = errorLinks(response.body)
    expect(links.map((link) => link.href)).toEqual(['#categories'])
    expect(links[0]?.text).toMatch(
      /^Choose one category, the primary presenting concern: this procedure does not provide for more than one/,
    )
    const ticked = page(response.body)
      .querySelectorAll('input[name="categories"]')
      .filter((box) => box.hasAttribute('checked'))
      .map((box) => box.getAttribute('value'))
    expect(ticked).toEqual(['emotional', 'neglect'])
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })

  test('finalising a meeting that is not quorate without the procedure’s conditions', async () => {
    await recordAttendance(service.deps, the.chair, { conferenceId: the.conferenceId, attendees: INQUORATE })
    await recordDecision(service.deps, the.chair, planDecision(the.conferenceId, the.ada))
    await recordDecision(service.deps, the.chair, childInNeedDecision(the.conferenceId, the.ben))
    const before = await snapshot(db(), the.conferenceId)
    const response = await submit(the.browser, `${the.meeting}/check-answers`, `${the.meeting}/finalise`, {})
    expect(response.statusCode).toBe(400)
    const links = errorLinks(response.body)
    expect(links.map((link) => link.href)).toEqual(['#quorum'])
    expect(links[0]?.text).toMatch(
      /^The meeting is not quorate .* and the chair has not confirmed the procedure's conditions for going ahead without a quorum/,
    )
    expect(page(response.body).querySelector('#quorum')).not.toBeNull()
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })

  test('a professional at the meeting without an agency', async () => {
    const before = await snapshot(db(), the.conferenceId)
    const response = await submit(the.browser, `${the.meeting}/attendance`, `${the.meeting}/attendance`, {
      ...attendeeForm(QUORATE[0]!),
      'attendees-0-agency': '',
    })
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual([
      {
        href: '#attendees-0-agency',
        text: 'Agency is required for a professional: the quorum counts agencies',
      },
    ])
    expect(page(response.body).querySelector('#attendees-0-name')?.getAttribute('value')).toBe('Sam Okafor')
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })
})

describe('who may use the meeting pages', () => {
  test('a social worker gets 403 on the chair’s list, the meeting and its forms; nothing is written', async () => {
    const worker = await service.signInAs(the.socialWorker)
    expect((await worker.get('/chair')).statusCode).toBe(403)
    expect((await worker.get(the.meeting)).statusCode).toBe(403)
    expect((await worker.get(decisionUrl(the.ada))).statusCode).toBe(403)
    await worker.get('/account')
    const before = await snapshot(db(), the.conferenceId)
    const posted = await worker.post(decisionUrl(the.ada), adaPlanForm())
    expect(posted.statusCode).toBe(403)
    expect(textOf(page(posted.body).querySelector('main'))).toContain('Only a chair can record the decision.')
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })
})

describe('after finalising', () => {
  async function finalised() {
    await recordQuorateAttendance()
    await recordDecision(service.deps, the.chair, planDecision(the.conferenceId, the.ada))
    await recordDecision(service.deps, the.chair, childInNeedDecision(the.conferenceId, the.ben))
    await finaliseConference(service.deps, the.chair, { conferenceId: the.conferenceId })
  }

  test('the decision page is read only, and posting to it changes nothing', async () => {
    await finalised()
    const shown = await the.browser.get(decisionUrl(the.ada))
    expect(shown.statusCode).toBe(200)
    expect(page(shown.body).querySelector('[data-qa="decision-form"]')).toBeNull()
    expect(page(shown.body).querySelector('[data-qa="decision-recorded"]')).not.toBeNull()
    const before = await snapshot(db(), the.conferenceId)
    const posted = await the.browser.post(decisionUrl(the.ada), adaPlanForm({ categories: 'physical' }))
    expect(posted.statusCode).toBe(409)
    expect(errorLinks(posted.body)).toEqual([
      { href: '#main-content', text: 'The conference is finalised, so you cannot record the decision.' },
    ])
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
  })

  test('a correction is a new version with who made it and why; the version it corrects is kept', async () => {
    await finalised()
    const form = await the.browser.get(`${the.meeting}/children/${the.ada}/correction`)
    expect(h1(form.body)).toBe('Correct the decision for Ada Rivers')
    const supersedesId =
      page(form.body).querySelector('input[name="supersedesId"]')?.getAttribute('value') ?? ''
    const refused = await the.browser.post(`${the.meeting}/children/${the.ada}/correction`, {
      ...adaPlanForm({
        categories: 'physical',
        'professionalViews-0-category': 'physical',
        'professionalViews-1-category': 'physical',
      }),
      supersedesId,
    })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body).map((link) => link.href)).toEqual(['#correctionReason'])
    const corrected = await the.browser.post(`${the.meeting}/children/${the.ada}/correction`, {
      ...adaPlanForm({
        categories: 'physical',
        'professionalViews-0-category': 'physical',
        'professionalViews-1-category': 'physical',
      }),
      supersedesId,
      correctionReason: 'The category was recorded wrongly: the conference agreed physical abuse.',
    })
    expect(corrected.statusCode, corrected.body).toBe(303)
    const versions = await db()
      .selectFrom('decisions')
      .select(['version', 'categories', 'correction_reason', 'recorded_by', 'supersedes_id'])
      .where('child_id', '=', the.ada)
      .orderBy('version')
      .execute()
    expect(versions).toEqual([
      {
        version: 1,
        categories: ['neglect'],
        correction_reason: null,
        recorded_by: the.chair.userId,
        supersedes_id: null,
      },
      {
        version: 2,
        categories: ['physical'],
        correction_reason: 'The category was recorded wrongly: the conference agreed physical abuse.',
        recorded_by: the.chair.userId,
        supersedes_id: supersedesId,
      },
    ])
    const shown = await the.browser.get(decisionUrl(the.ada))
    expect(textOf(page(shown.body).querySelector('[data-qa="decision-recorded"]'))).toContain(
      'Corrected because: The category was recorded wrongly',
    )
    expect(page(shown.body).querySelectorAll('[data-qa="decision-earlier"]')).toHaveLength(1)
  })
})

describe('nothing typed is lost', () => {
  test('“Save and come back later” keeps the decision as a draft, without JavaScript, and the form shows it again', async () => {
    const saved = await submit(the.browser, decisionUrl(the.ada), decisionUrl(the.ada), {
      _action: 'draft',
      'threshold-met': 'yes',
      'parents-views': 'Dana wants to say more after the break.',
      categories: ['neglect', 'emotional'],
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(`${the.meeting}?saved=draft`)
    expect(
      await db().selectFrom('decisions').select('id').where('conference_id', '=', the.conferenceId).execute(),
    ).toEqual([])
    const again = page((await the.browser.get(decisionUrl(the.ada))).body)
    expect(textOf(again.querySelector('[data-qa="draft-notice"]'))).toContain('This is your draft')
    expect(textOf(again.querySelector('#parents-views'))).toBe('Dana wants to say more after the break.')
    expect(again.querySelector('#threshold-met')?.hasAttribute('checked')).toBe(true)
    const overview = await the.browser.get(the.meeting)
    expect(textOf(page(overview.body).querySelector('[data-qa="meeting-steps"]'))).toContain('Draft saved')
  })

  test('the autosave script’s post is answered with when the draft was saved', async () => {
    await the.browser.get(`${the.meeting}/notes`)
    const response = await service.app.inject({
      method: 'POST',
      url: `${the.meeting}/notes`,
      headers: {
        cookie: [...the.browser.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: the.browser.csrfToken ?? '',
        _action: 'draft',
        'notes-concerns': 'Typed, not yet saved.',
      }).toString(),
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ savedAt: new Date(DURING_MEETING).toISOString() })
    const notes = page((await the.browser.get(`${the.meeting}/notes`)).body)
    expect(textOf(notes.querySelector('#notes-concerns'))).toBe('Typed, not yet saved.')
  })
})

describe('a meeting that is not quorate', () => {
  test('going ahead: each condition is confirmed one by one, with an early review; one not holding is refused, naming it', async () => {
    await recordAttendance(service.deps, the.chair, { conferenceId: the.conferenceId, attendees: INQUORATE })
    const quorum = page((await the.browser.get(`${the.meeting}/quorum`)).body)
    expect(textOf(quorum.querySelector('[data-qa="quorum-verdict"]'))).toBe('Not quorate')
    const conditions = quorum
      .querySelectorAll('[data-qa="condition"]')
      .map((item) => item.getAttribute('data-condition'))
    expect(conditions).toEqual(['few_agencies_involved', 'sufficient_information', 'delay_harmful'])
    const answers = {
      'conditions-few_agencies_involved-met': 'yes',
      'conditions-sufficient_information-met': 'yes',
      'conditions-delay_harmful-met': 'no',
      'earlyReviewOn-day': '23',
      'earlyReviewOn-month': '6',
      'earlyReviewOn-year': '2026',
    }
    const before = await snapshot(db(), the.conferenceId)
    const refused = await the.browser.post(`${the.meeting}/quorum/proceed`, answers)
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body).map((link) => link.href)).toEqual(['#conditions-delay_harmful-met'])
    expect(await snapshot(db(), the.conferenceId)).toEqual(before)
    const proceeded = await the.browser.post(`${the.meeting}/quorum/proceed`, {
      ...answers,
      'conditions-delay_harmful-met': 'yes',
    })
    expect(proceeded.statusCode, proceeded.body).toBe(303)
    const record = await db()
      .selectFrom('meeting_records')
      .select('inquorate')
      .where('conference_id', '=', the.conferenceId)
      .executeTakeFirstOrThrow()
    expect(record.inquorate).toMatchObject({ decision: 'proceed', earlyReviewOn: '2026-06-23' })
  })

  test('a new date within the procedure’s limit, with who was told', async () => {
    await recordAttendance(service.deps, the.chair, { conferenceId: the.conferenceId, attendees: INQUORATE })
    const redated = await submit(the.browser, `${the.meeting}/quorum`, `${the.meeting}/quorum/redate`, {
      'newDate-day': '19',
      'newDate-month': '5',
      'newDate-year': '2026',
      'told-0-name': 'Dana Rivers',
      'told-0-role': 'mother',
      'told-0-how': 'in_person',
      'told-2-name': 'Jo Price',
      'told-2-how': 'email',
    })
    expect(redated.statusCode).toBe(400)
    expect(errorLinks(redated.body)).toEqual([
      {
        href: '#told-2-email',
        text: 'Person told 3: the email address is required when they are told by email',
      },
    ])
    const done = await the.browser.post(`${the.meeting}/quorum/redate`, {
      'newDate-day': '19',
      'newDate-month': '5',
      'newDate-year': '2026',
      'told-0-name': 'Dana Rivers',
      'told-0-how': 'in_person',
    })
    expect(done.statusCode, done.body).toBe(303)
    const overview = page((await the.browser.follow(done)).body)
    expect(textOf(overview.querySelector('[data-qa="redated"]'))).toContain('Tuesday 19 May 2026')
  })
})

describe('adjourning', () => {
  test('the chair adjourns with a reason and resumes', async () => {
    await recordQuorateAttendance()
    const refused = await submit(the.browser, `${the.meeting}/adjourn`, `${the.meeting}/adjourn`, {
      reason: '',
    })
    expect(errorLinks(refused.body)).toEqual([{ href: '#reason', text: 'The reason is required' }])
    const adjourned = await the.browser.post(`${the.meeting}/adjourn`, {
      reason: 'The interpreter had to leave.',
    })
    expect(adjourned.statusCode).toBe(303)
    const overview = await the.browser.follow(adjourned)
    expect(textOf(page(overview.body).querySelector('[data-qa="adjourned"]'))).toContain(
      'The interpreter had to leave.',
    )
    const resumed = await the.browser.post(`${the.meeting}/resume`, {})
    expect(resumed.statusCode).toBe(303)
    const row = await db()
      .selectFrom('conferences')
      .select('status')
      .where('id', '=', the.conferenceId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('in_progress')
  })
})

describe('a request to exclude a family member', () => {
  test('the chair decides it with reasons and how the excluded person’s views will be heard', async () => {
    const requested = await requestExclusion(service.deps, the.socialWorker, {
      conferenceId: the.conferenceId,
      personId: the.mother,
      scope: 'all',
      grounds: ['disruptive_behaviour'],
      evidence: 'Police report of threats made to the school (fictional).',
      requestedBy: 'DC Lee Hart, Police',
    })
    const url = `/conferences/${the.conferenceId}/exclusions/${requested.exclusion.id}/decision`
    const overview = page((await the.browser.get(the.meeting)).body)
    expect(overview.querySelector('[data-qa="exclusion-link"]')?.getAttribute('href')).toBe(url)
    const shown = await the.browser.get(url)
    expect(h1(shown.body)).toBe('Request to exclude Dana Rivers')
    expect(page(shown.body).querySelector('[data-rule="X-RECORD"]')).not.toBeNull()
    const refused = await the.browser.post(url, {
      decision: 'excluded',
      reasons: 'The threats were recent and specific.',
    })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body).map((link) => link.href)).toEqual(['#viewsHeardBy'])
    const decided = await the.browser.post(url, {
      decision: 'excluded',
      reasons: 'The threats were recent and specific.',
      viewsHeardBy: 'Her written statement is read out by the chair.',
      receives: ['decision_letter', 'social_work_report'],
    })
    expect(decided.statusCode, decided.body).toBe(303)
    const after = page((await the.browser.follow(decided)).body)
    expect(textOf(after.querySelector('[data-qa="exclusion-decision"]'))).toContain('Excluded')
    expect(after.querySelector('[data-qa="exclusion-form"]')).toBeNull()
    const row = await db()
      .selectFrom('exclusions')
      .select(['decision', 'views_heard_by', 'decided_by'])
      .where('id', '=', requested.exclusion.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      decision: 'excluded',
      views_heard_by: 'Her written statement is read out by the chair.',
      decided_by: the.chair.userId,
    })
  })
})
