import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dateParams, html, makeApp, query, type TestApp, textOf } from './support.ts'

/** The same facts under every procedure loaded, side by side. */

let t: TestApp
beforeAll(async () => {
  t = await makeApp()
})
afterAll(() => t.app.close())

const beforeChristmas = {
  procedure: 'kent_medway',
  ...dateParams('sd1-date', '2025-12-18'),
  'sd1-s47': 'yes',
}

async function compare(params: Record<string, string>) {
  const response = await t.app.inject(`/deadlines/compare?${query(params)}`)
  return { response, page: html(response.body) }
}

function cell(page: ReturnType<typeof html>, rule: string, procedure: string) {
  return page.querySelector(`[data-qa="compare-row"][data-rule="${rule}"] [data-procedure="${procedure}"]`)
}

describe('compare procedures', () => {
  test('[rule:T-ICPC-DUE@kent_medway,london,york] a strategy discussion just before Christmas: five columns, dates that skip the bank holidays, and silence where the procedure is silent', async () => {
    const { response, page } = await compare(beforeChristmas)
    expect(response.statusCode).toBe(200)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    const table = page.querySelector('[data-qa="compare-table"]')!
    expect(textOf(table.querySelector('caption'))).toBe('Deadlines under each procedure for these dates')
    const columns = table.querySelectorAll('[data-qa="procedure-column"]')
    expect(columns.map((column) => column.getAttribute('data-procedure'))).toEqual([
      'kent_medway',
      'london',
      'staffs_stoke',
      'wakefield',
      'york',
    ])
    for (const header of table.querySelectorAll('thead th')) expect(header.getAttribute('scope')).toBe('col')
    for (const header of table.querySelectorAll('tbody th')) expect(header.getAttribute('scope')).toBe('row')

    // 18 December 2025 + 15 working days, not counting 25 and 26 December and 1 January.
    for (const [procedure, source] of [
      ['kent_medway', 'Kent timescale box'],
      ['london', 'London 8.1.7'],
      ['york', 'York'],
    ] as const) {
      const text = textOf(cell(page, 'T-ICPC-DUE', procedure))
      expect(text, procedure).toContain('By Tuesday 13 January 2026')
      expect(text, procedure).toContain(source)
    }
    for (const procedure of ['wakefield', 'staffs_stoke']) {
      const silent = cell(page, 'T-ICPC-DUE', procedure)
      expect(silent?.getAttribute('data-state')).toBe('silent')
      expect(textOf(silent)).toBe('The procedure is silent')
    }
    expect(textOf(cell(page, 'T-ICPC-DELAY', 'london'))).toBe('No number London 8.1.10')
  })

  test('the national measure appears under a silent procedure, labelled, beside the silence', async () => {
    const { page } = await compare({ ...beforeChristmas, ...dateParams('s47-start', '2025-12-19') })
    const wakefield = cell(page, 'T-ICPC-DUE', 'wakefield')
    expect(wakefield?.getAttribute('data-state')).toBe('silent')
    expect(textOf(wakefield)).toContain('National measure: By Wednesday 14 January 2026')
    expect(textOf(wakefield)).toContain('The procedure is silent')
  })

  test('links back to the calculator with the same query string', async () => {
    const { page } = await compare(beforeChristmas)
    expect(page.querySelector('[data-qa="back-to-calculator"]')?.getAttribute('href')).toBe(
      `/deadlines?${query(beforeChristmas)}`,
    )
  })

  test('bad input shows the calculator form with the error summary (400)', async () => {
    const { response, page } = await compare({ ...dateParams('sd1-date', '2025-02-29') })
    expect(response.statusCode).toBe(400)
    expect(page.querySelector('[data-qa="error-summary"] a')?.getAttribute('href')).toBe('#sd1-date-day')
    expect(page.querySelector('[data-qa="compare-table"]')).toBeNull()
  })

  test('without any dates it sends you to the calculator', async () => {
    const response = await t.app.inject('/deadlines/compare')
    expect(response.statusCode).toBe(302)
    expect(response.headers.location).toBe('/deadlines')
  })
})
