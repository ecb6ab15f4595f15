import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dateParams, html, makeApp, query, type TestApp, testLibrary, textOf } from './support.ts'

/** The deadline calculator: a GET form in, every deadline with its reason and citation out. */

let t: TestApp
beforeAll(async () => {
  t = await makeApp({ profile: 'york' })
})
afterAll(() => t.app.close())

const strategyDiscussion = (iso: string, started = true) => ({
  ...dateParams('sd1-date', iso),
  ...(started ? { 'sd1-s47': 'yes' } : {}),
})

async function calculate(params: Record<string, string>) {
  const response = await t.app.inject(`/deadlines?${query(params)}`)
  return { response, page: html(response.body) }
}

const card = (page: ReturnType<typeof html>, rule: string) =>
  page.querySelectorAll(`[data-qa="deadline"][data-rule="${rule}"]`)

describe('the empty form', () => {
  test('asks for dates with GOV.UK date inputs and has the council’s own procedure chosen', async () => {
    const response = await t.app.inject('/deadlines')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Deadline calculator')
    const form = page.querySelector('form[data-qa="calculator-form"]')!
    expect(form.getAttribute('method')).toBe('get')
    expect(form.getAttribute('action')).toBe('/deadlines')
    expect(page.querySelector('input[name="procedure"][value="york"]')?.hasAttribute('checked')).toBe(true)
    expect(page.querySelectorAll('input[name="procedure"]')).toHaveLength(5)
    for (const name of [
      'sd1-date',
      'sd3-date',
      's47-start',
      'epo-made',
      'conf2-date',
      'child3-edd',
      'cin-plan-date',
    ])
      for (const part of ['day', 'month', 'year'])
        expect(
          page.querySelector(`input#${name}-${part}[name="${name}-${part}"]`),
          `${name}-${part}`,
        ).not.toBeNull()
    // Every input has a label, every group of inputs a fieldset with a legend.
    for (const input of page.querySelectorAll('input:not([type="hidden"])')) {
      const id = input.getAttribute('id')
      expect(page.querySelector(`label[for="${id}"]`), `label for ${id}`).not.toBeNull()
    }
    for (const fieldset of page.querySelectorAll('fieldset'))
      expect(textOf(fieldset.querySelector('legend')).length).toBeGreaterThan(0)
    expect(page.querySelector('[data-qa="deadline"]')).toBeNull()
    expect(page.querySelector('button[formaction="/deadlines/compare"]')).not.toBeNull()
  })
})

describe('results', () => {
  test('[rule:T-ICPC-DUE@london] a London strategy discussion on 10 December 2025 gives Monday 5 January 2026, citing London 8.1.7', async () => {
    const { response, page } = await calculate({ procedure: 'london', ...strategyDiscussion('2025-12-10') })
    expect(response.statusCode).toBe(200)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe(
      'Deadlines under London (London Child Protection Procedures)',
    )
    const [icpc, ...others] = card(page, 'T-ICPC-DUE')
    expect(others).toHaveLength(0)
    expect(textOf(icpc?.querySelector('[data-qa="deadline-date"]'))).toBe('By Monday 5 January 2026')
    expect(textOf(icpc?.querySelector('[data-qa="deadline-source"]'))).toBe('London 8.1.7')
    expect(textOf(icpc?.querySelector('[data-qa="deadline-kind"]'))).toBe('Latest date (on or before)')
    expect(textOf(icpc?.querySelector('[data-qa="deadline-why"]'))).toContain('not counting Christmas Day')
    // The conventions it counts by, each explained further down the page.
    expect(textOf(icpc?.querySelector('[data-qa="deadline-conventions"]'))).toBe(
      'C1: Within N working days of D C9: Working day',
    )
    expect(textOf(page.querySelector('#convention-C1'))).toContain('The Nth working day strictly after D')
    expect(textOf(page.querySelector('#convention-C9'))).toContain('Monday to Friday')
    // At a glance: each deadline in a row, linking to its card.
    const glance = page.querySelector('[data-qa="deadlines-at-a-glance"]')!
    expect(textOf(glance.querySelector('caption'))).toBe('At a glance')
    const row = glance
      .querySelectorAll('tbody tr')
      .find((tr) => textOf(tr).includes('Initial conference deadline'))!
    expect(textOf(row.querySelector('td'))).toBe('By Monday 5 January 2026')
    expect(page.querySelector(row.querySelector('a')!.getAttribute('href')!)?.getAttribute('data-rule')).toBe(
      'T-ICPC-DUE',
    )
    // What was entered, in words.
    expect(textOf(page.querySelector('[data-qa="entered"]'))).toContain(
      'Strategy discussion 1 Wednesday 10 December 2025, started the section 47 enquiry',
    )
  })

  test('a rule the procedure states without a number is shown as "No date: the procedure gives no number"', async () => {
    const { page } = await calculate({ procedure: 'london', ...strategyDiscussion('2025-12-10') })
    const [delay] = card(page, 'T-ICPC-DELAY')
    expect(textOf(delay?.querySelector('[data-qa="deadline-date"]'))).toBe(
      'No date: the procedure gives no number',
    )
    expect(textOf(delay?.querySelector('[data-qa="deadline-why"]'))).toContain('“Any delay, with reasons')
    expect(textOf(delay?.querySelector('[data-qa="deadline-source"]'))).toBe('London 8.1.10')
  })

  test('lists what the procedure is silent on, by title', async () => {
    const { page } = await calculate({ procedure: 'london', ...strategyDiscussion('2025-12-10') })
    expect(textOf(page.querySelector('#silent'))).toBe('The procedure is silent on:')
    const silent = page.querySelectorAll('[data-qa="silent-list"] li')
    const london = testLibrary().profiles.get('london')!
    const expected = Object.entries(london.rules)
      .filter(([id, entry]) => (id.startsWith('T-') || id === 'Q-MIN') && entry.status === 'silent')
      .map(([, entry]) => entry.title)
    expect(silent.map((item) => textOf(item)).sort()).toEqual(expected.sort())
    expect(silent.map((item) => item.getAttribute('data-rule'))).toContain('T-CPP-16M')
  })

  test('[rule:T-ICPC-DUE@kent_medway] an ambiguous rule shows the reading the profile chose', async () => {
    const { page } = await calculate({ procedure: 'kent_medway', ...strategyDiscussion('2025-12-18') })
    const [icpc] = card(page, 'T-ICPC-DUE')
    expect(textOf(icpc?.querySelector('[data-qa="deadline-date"]'))).toBe('By Tuesday 13 January 2026')
    expect(textOf(icpc?.querySelector('.govuk-summary-card__title'))).toContain('Ambiguous')
    const reading = testLibrary().profiles.get('kent_medway')!.rules['T-ICPC-DUE']!.reading!
    expect(textOf(icpc?.querySelector('[data-qa="deadline-reading"]'))).toContain(
      reading.replace(/\s+/g, ' '),
    )
  })

  test('the national measure is shown beside the procedure’s own clock, labelled as such', async () => {
    const { page } = await calculate({
      procedure: 'london',
      ...strategyDiscussion('2025-12-10'),
      ...dateParams('s47-start', '2025-12-12'),
    })
    const entries = card(page, 'T-ICPC-DUE')
    expect(entries).toHaveLength(2)
    const national = entries.find((entry) => entry.getAttribute('data-variant') === 'National measure')!
    expect(textOf(national.querySelector('.govuk-summary-card__title'))).toContain('National measure')
    expect(textOf(national.querySelector('[data-qa="deadline-variant"]'))).toContain(
      'children in need census',
    )
    expect(textOf(national.querySelector('[data-qa="deadline-date"]'))).toBe('By Wednesday 7 January 2026')
  })

  test('[rule:T-CHAIR-PREMEET@kent_medway] an hour-based limit shows the time in words', async () => {
    const { response, page } = await calculate({
      procedure: 'kent_medway',
      'conf1-kind': 'initial',
      ...dateParams('conf1-date', '2026-01-12'),
      'conf1-start': '10:00',
      'conf1-end': '12:00',
    })
    expect(response.statusCode).toBe(200)
    const [premeeting] = card(page, 'T-CHAIR-PREMEET')
    expect(textOf(premeeting?.querySelector('[data-qa="deadline-date"]'))).toBe(
      'By 9:30am on Monday 12 January 2026',
    )
    expect(textOf(premeeting?.querySelector('[data-qa="deadline-kind"]'))).toBe('By a time')
  })

  test('the deadlines come in date order, then those without a date', async () => {
    const { page } = await calculate({
      procedure: 'london',
      ...strategyDiscussion('2025-12-10'),
      'conf1-kind': 'initial',
      ...dateParams('conf1-date', '2026-01-05'),
    })
    const dates = page.querySelectorAll('[data-qa="deadline-date"]').map((element) => textOf(element))
    const firstUndated = dates.findIndex((text) => text.startsWith('No '))
    expect(firstUndated).toBeGreaterThan(0)
    expect(dates.slice(firstUndated).every((text) => text.startsWith('No '))).toBe(true)
  })

  test('links to the comparison with the same query string, and shows the form again filled in', async () => {
    const params = { procedure: 'london', ...strategyDiscussion('2025-12-10') }
    const { page } = await calculate(params)
    expect(page.querySelector('[data-qa="compare-link"]')?.getAttribute('href')).toBe(
      `/deadlines/compare?${query(params)}`,
    )
    expect(page.querySelector('#sd1-date-day')?.getAttribute('value')).toBe('10')
    expect(page.querySelector('#sd1-s47')?.hasAttribute('checked')).toBe(true)
    expect(page.querySelector('input[name="procedure"][value="london"]')?.hasAttribute('checked')).toBe(true)
  })

  test('children’s ages at the latest conference and the participation presumption are shown', async () => {
    const { page } = await calculate({
      procedure: 'london',
      'conf1-kind': 'initial',
      ...dateParams('conf1-date', '2026-01-05'),
      'child1-name': 'AB',
      ...dateParams('child1-dob', '2014-03-01'),
    })
    const row = page.querySelector('[data-qa="children"] tbody tr')
    expect(textOf(row?.querySelector('th'))).toBe('AB')
    expect(textOf(row?.querySelectorAll('td')[0])).toBe('11')
  })
})

describe('bad input', () => {
  async function expectFormError(params: Record<string, string>, href: string, message: string) {
    const { response, page } = await calculate(params)
    expect(response.statusCode).toBe(400)
    expect(page.querySelector('title')?.text).toMatch(/^Error: /)
    const links = page.querySelectorAll('[data-qa="error-summary"] a')
    const link = links.find((a) => a.getAttribute('href') === href)
    expect(
      link,
      `error summary links to ${href}; it has ${links.map((a) => a.getAttribute('href'))}`,
    ).toBeDefined()
    expect(textOf(link)).toBe(message)
    // The input it links to exists, and its group shows the same message.
    const input = page.querySelector(href)
    expect(input).not.toBeNull()
    expect(page.querySelector('[data-qa="deadline"]')).toBeNull()
    return page
  }

  test('an impossible date (30 February) is named in the error summary and beside the field; nothing is worked out', async () => {
    const page = await expectFormError(
      { procedure: 'london', ...dateParams('sd1-date', '2026-02-30'), 'sd1-s47': 'yes' },
      '#sd1-date-day',
      'The date of strategy discussion 1 must be a real date',
    )
    const group = page.querySelector('[data-qa="sd1-date"]')!.closest('.govuk-form-group')!
    expect(group.classList.contains('govuk-form-group--error')).toBe(true)
    expect(textOf(group.querySelector('.govuk-error-message'))).toBe(
      'Error: The date of strategy discussion 1 must be a real date',
    )
    expect(page.querySelectorAll('[data-qa="sd1-date"] .govuk-input--error')).toHaveLength(3)
    expect(page.querySelector('#sd1-date-day')?.getAttribute('value')).toBe('30')
    expect(page.querySelectorAll('h1')).toHaveLength(1)
  })

  test('a date without a month points at the month', async () => {
    const page = await expectFormError(
      { 'sd1-date-day': '10', 'sd1-date-month': '', 'sd1-date-year': '2025' },
      '#sd1-date-month',
      'The date of strategy discussion 1 must include a month',
    )
    expect(page.querySelectorAll('[data-qa="sd1-date"] .govuk-input--error')).toHaveLength(1)
  })

  test('a conference that ends before it starts names the end time', async () => {
    await expectFormError(
      {
        'conf1-kind': 'initial',
        ...dateParams('conf1-date', '2026-01-12'),
        'conf1-start': '14:00',
        'conf1-end': '13:00',
      },
      '#conf1-end',
      'The end time of conference 1 must be after its start time (14:00)',
    )
  })

  test('a time that does not exist is named', async () => {
    await expectFormError(
      { 'conf1-kind': 'review', ...dateParams('conf1-date', '2026-01-12'), 'conf1-start': '25:00' },
      '#conf1-start',
      'The start time of conference 1 must be a real time on the 24-hour clock, like 14:30',
    )
  })

  test('a procedure that is not loaded is refused', async () => {
    await expectFormError(
      { procedure: 'atlantis', ...strategyDiscussion('2025-12-10') },
      '#procedure',
      'Select a procedure from the list',
    )
  })

  test('sending the form with no date asks for one', async () => {
    await expectFormError(
      { procedure: 'london', 'sd1-date-day': '', 'sd1-date-month': '', 'sd1-date-year': '' },
      '#sd1-date-day',
      'Enter at least one date, for example the date of a strategy discussion',
    )
  })

  test('a year the calendar does not cover is explained, not guessed (422)', async () => {
    const { response, page } = await calculate({ procedure: 'london', ...strategyDiscussion('2031-03-03') })
    expect(response.statusCode).toBe(422)
    const summary = textOf(page.querySelector('[data-qa="error-summary"]'))
    expect(summary).toContain('The calendar has no bank holidays for 2031')
    expect(page.querySelector('[data-qa="error-summary"] a')?.getAttribute('href')).toBe('#sd1-date-day')
  })
})
