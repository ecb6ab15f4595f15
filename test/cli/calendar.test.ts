import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ValidationFailed } from '../../src/app/errors.ts'
import { importCalendar, parseBankHolidays, planCalendarImport } from '../../src/app/import-calendar.ts'
import {
  importedCalendarFile,
  loadCalendar,
  readHolidayFile,
  SHIPPED_CALENDAR,
} from '../../src/procedure-library.ts'
import { linesOf, makeDataDir, runConvene, SPAWN_TIMEOUT } from './run-convene.ts'

/** England and Wales bank holidays for 2029, as https://www.gov.uk/bank-holidays.json publishes them. */
const EVENTS_2029 = [
  ['New Year’s Day', '2029-01-01'],
  ['Good Friday', '2029-03-30'],
  ['Easter Monday', '2029-04-02'],
  ['Early May bank holiday', '2029-05-07'],
  ['Spring bank holiday', '2029-05-28'],
  ['Summer bank holiday', '2029-08-27'],
  ['Christmas Day', '2029-12-25'],
  ['Boxing Day', '2029-12-26'],
].map(([title, date]) => ({ title: title!, date: date!, notes: '', bunting: true }))

const published = (events: object[]) =>
  JSON.stringify({
    'england-and-wales': { division: 'england-and-wales', events },
    scotland: { division: 'scotland', events: [{ title: 'St Andrew’s Day', date: '2029-11-30' }] },
  })

const shippedEvents = () => readHolidayFile(readFileSync(SHIPPED_CALENDAR, 'utf8'), SHIPPED_CALENDAR)

/** Facts whose initial conference deadline is counted across Easter 2029. */
const easter2029Facts = JSON.stringify({
  profile: 'london',
  events: [{ type: 'strategy_discussion', date: '2029-03-20', initiated_s47: true }],
  children: [{ id: 'c1', dob: '2020-01-15' }],
})

describe('convene calendar import', { timeout: SPAWN_TIMEOUT }, () => {
  const data = makeDataDir()
  afterAll(() => data.remove())
  const env = { CONVENE_DATA_DIR: data.dir }
  const storedFile = importedCalendarFile(data.dir)

  test('before 2029 is imported, a 2029 deadline is refused with one line naming 2029; after, it is counted with its holidays', async () => {
    const before = await runConvene(['deadlines', '--facts', '-'], { env, input: easter2029Facts })
    expect(before.code).toBe(2)
    expect(before.stdout).toBe('')
    expect(linesOf(before.stderr)).toHaveLength(1)
    expect(before.stderr).toMatch(/no bank holidays for 2029/)

    const file = join(data.dir, 'bank-holidays.json')
    writeFileSync(file, published(EVENTS_2029))
    const imported = await runConvene(['calendar', 'import', file], { env })
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/^Added: 2029$/m)
    expect(imported.stdout).toMatch(/^Updated: none$/m)
    expect(existsSync(storedFile)).toBe(true)

    const after = await runConvene(['deadlines', '--facts', '-'], { env, input: easter2029Facts })
    expect(after.stderr).toBe('')
    expect(after.code).toBe(0)
    const answer = JSON.parse(after.stdout)
    expect(answer.calendar.holidays_through).toBe('2029-12-26')
    // 15 working days after Tuesday 20 March 2029, not counting Good Friday and Easter Monday.
    expect(answer.deadlines).toContainEqual(
      expect.objectContaining({ rule: 'T-ICPC-DUE', kind: 'latest', date: '2029-04-12' }),
    )
  })

  test('a bad file: exit 2, a message naming the problem, nothing written', async () => {
    const file = join(data.dir, 'broken.json')
    const broken = [...EVENTS_2029, { title: 'Made-up day', date: '2030-02-30' }, { date: '2030-01-01' }]
    writeFileSync(file, published(broken))
    const storedBefore = existsSync(storedFile) ? readFileSync(storedFile, 'utf8') : null
    const run = await runConvene(['calendar', 'import', file], { env })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(
      `${file}: england-and-wales.events[8].date: 2030-02-30 is not a date that exists`,
    )
    expect(run.stderr).toContain(`${file}: england-and-wales.events[9].title: is required`)
    expect(run.stderr).toMatch(/Nothing was imported/)
    expect(existsSync(storedFile) ? readFileSync(storedFile, 'utf8') : null).toBe(storedBefore)
  })

  test('a file that cannot be read: exit 2 naming it', async () => {
    const missing = join(data.dir, 'nowhere.json')
    const run = await runConvene(['calendar', 'import', missing], { env })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(new RegExp(`^${missing}: cannot read the file: ENOENT`))
  })
})

describe('reading the published bank-holidays format', () => {
  test('takes England and Wales from the file of every division', () => {
    const parsed = parseBankHolidays(published(EVENTS_2029))
    expect(parsed).toEqual({ ok: true, value: EVENTS_2029.map(({ title, date }) => ({ title, date })) })
  })

  test('takes a single England and Wales division', () => {
    const parsed = parseBankHolidays(JSON.stringify({ division: 'england-and-wales', events: EVENTS_2029 }))
    expect(parsed.ok && parsed.value).toHaveLength(8)
  })

  test.each([
    ['not JSON', '{"england-and-wales": ', '(file)', /not valid JSON/],
    ['not an object', '[]', '(file)', /expected an object/],
    [
      'no England and Wales division',
      '{"scotland": {"events": []}}',
      '(file)',
      /no "england-and-wales".*scotland/,
    ],
    ['another division', '{"division": "scotland", "events": []}', 'division', /"scotland"/],
    [
      'events not a list',
      '{"england-and-wales": {"events": {}}}',
      'england-and-wales.events',
      /must be a list/,
    ],
    ['no events', '{"division": "england-and-wales", "events": []}', 'events', /is empty/],
    [
      'a date that does not exist',
      '{"events": [{"title": "x", "date": "2029-02-29"}]}',
      'events[0].date',
      /2029-02-29 is not a date that exists/,
    ],
    [
      'a date in another format',
      '{"events": [{"title": "x", "date": "01/01/2029"}]}',
      'events[0].date',
      /YYYY-MM-DD/,
    ],
    ['no title', '{"events": [{"title": " ", "date": "2029-01-01"}]}', 'events[0].title', /is required/],
    ['an event that is not an object', '{"events": ["2029-01-01"]}', 'events[0]', /must be an object/],
    [
      'the same date twice',
      '{"events": [{"title": "a", "date": "2029-01-01"}, {"title": "b", "date": "2029-01-01"}]}',
      'events[1].date',
      /listed twice \(also events\[0\]\)/,
    ],
  ])('refuses %s, naming the field', (_, text, field, message) => {
    const parsed = parseBankHolidays(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.issues[0]).toEqual({ field, message: expect.stringMatching(message) })
  })

  test('names every bad event at once', () => {
    const parsed = parseBankHolidays(
      JSON.stringify({
        events: [
          { title: 'a', date: '2029-13-01' },
          { date: '2029-01-02' },
          { title: 'ok', date: '2029-01-03' },
        ],
      }),
    )
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.field)).toEqual([
      'events[0].date',
      'events[1].title',
    ])
  })
})

describe('what an import changes, year by year', () => {
  const day = (date: string, title = 'Holiday') => ({ date, title })

  test('a new year is added; a year already known with the same days is not stored again', () => {
    const plan = planCalendarImport(
      [day('2028-01-03'), day('2028-12-25')],
      [],
      [day('2028-01-03'), day('2028-12-25'), day('2029-01-01')],
    )
    expect(plan).toEqual({ stored: [day('2029-01-01')], added: [2029], updated: [], unchanged: [2028] })
  })

  test('a changed year replaces that whole year of the earlier import and keeps the other years', () => {
    const plan = planCalendarImport(
      [day('2029-01-01'), day('2029-05-07'), day('2030-01-01')],
      [day('2029-01-01'), day('2029-05-07'), day('2030-01-01')],
      [day('2029-01-01'), day('2029-05-08', 'Moved bank holiday')],
    )
    expect(plan.updated).toEqual([2029])
    expect(plan.stored).toEqual([
      day('2029-01-01'),
      day('2029-05-08', 'Moved bank holiday'),
      day('2030-01-01'),
    ])
  })

  test('a renamed holiday counts as an update', () => {
    const plan = planCalendarImport(
      [day('2029-01-01', 'New Year')],
      [],
      [day('2029-01-01', 'New Year’s Day')],
    )
    expect(plan.updated).toEqual([2029])
  })
})

describe('importing into a data folder', () => {
  const data = makeDataDir()
  afterAll(() => data.remove())

  test('adds 2029 beside the shipped years; the shipped years in the same file are already known', () => {
    const shipped2028 = shippedEvents().filter((event) => event.date.startsWith('2028-'))
    const result = importCalendar({ dataDir: data.dir, text: published([...shipped2028, ...EVENTS_2029]) })
    expect(result).toMatchObject({ added: [2029], updated: [], unchanged: [2028], written: true })
    expect(result.holidaysThrough).toBe('2029-12-26')
    const stored = JSON.parse(readFileSync(importedCalendarFile(data.dir), 'utf8'))
    expect(stored['england-and-wales'].events.map((event: { date: string }) => event.date)).toEqual(
      EVENTS_2029.map((event) => event.date),
    )
    expect(loadCalendar(data.dir).covers(2029)).toBe(true)
  })

  test('importing the same file again changes nothing', () => {
    const before = readFileSync(importedCalendarFile(data.dir), 'utf8')
    const result = importCalendar({ dataDir: data.dir, text: published(EVENTS_2029) })
    expect(result).toMatchObject({ added: [], updated: [], unchanged: [2029], written: false })
    expect(readFileSync(importedCalendarFile(data.dir), 'utf8')).toBe(before)
  })

  test('a bad file throws ValidationFailed and leaves the stored calendar as it was', () => {
    const before = readFileSync(importedCalendarFile(data.dir), 'utf8')
    expect(() =>
      importCalendar({ dataDir: data.dir, text: published([{ title: 'x', date: '2030-02-30' }]) }),
    ).toThrow(ValidationFailed)
    expect(readFileSync(importedCalendarFile(data.dir), 'utf8')).toBe(before)
  })
})
