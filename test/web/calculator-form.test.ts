import { describe, expect, test } from 'vitest'
import type { Deadline } from '../../src/domain/deadlines/answer.ts'
import { formErrorsFromIssues, readCalculatorForm } from '../../src/web/routes/deadlines/calculator-form.ts'
import { readDate, readTime } from '../../src/web/routes/deadlines/form-fields.ts'
import { timeInWords, whenInWords } from '../../src/web/routes/deadlines/present-answer.ts'
import { dateParams } from './support.ts'

/** The calculator's form as data: what was typed in, the contract's facts out. */

const PROCEDURES = ['kent_medway', 'london', 'york']
const read = (query: Record<string, string>) => readCalculatorForm(query, PROCEDURES, 'london')

describe('dates typed as day, month and year', () => {
  test.each([
    [{ d: '5', m: '1', y: '2026' }, '2026-01-05'],
    [{ d: '05', m: '01', y: '2026' }, '2026-01-05'],
    [{ d: ' 18 ', m: 'Dec', y: '2025' }, '2025-12-18'],
    [{ d: '18', m: 'december', y: '2025' }, '2025-12-18'],
    [{ d: '29', m: '2', y: '2028' }, '2028-02-29'],
  ])('%j is %s', ({ d, m, y }, iso) => {
    const reading = readDate({ 'x-day': d, 'x-month': m, 'x-year': y }, 'x', 'The date', {})
    expect(reading).toEqual({ given: true, value: iso })
  })

  test.each([
    [{ d: '30', m: '2', y: '2026' }, 'The date must be a real date', ['day', 'month', 'year']],
    [{ d: '29', m: '2', y: '2026' }, 'The date must be a real date', ['day', 'month', 'year']],
    [{ d: '', m: '2', y: '2026' }, 'The date must include a day', ['day']],
    [{ d: '3', m: '', y: '' }, 'The date must include a month and year', ['month', 'year']],
    [{ d: '3', m: '13', y: '2026' }, 'The date must be a real date', ['month']],
    [{ d: 'x', m: '1', y: '2026' }, 'The date must be a real date', ['day']],
    [{ d: '3', m: '1', y: '26' }, 'The date must include a year with 4 numbers, like 2026', ['year']],
  ])('%j: %s', ({ d, m, y }, message, parts) => {
    const reading = readDate({ 'x-day': d, 'x-month': m, 'x-year': y }, 'x', 'The date', {})
    expect(reading.error).toEqual({ name: 'x', href: `#x-${parts[0]}`, message, parts })
  })

  test('nothing typed is nothing given, not an error', () => {
    expect(readDate({}, 'x', 'The date', {})).toEqual({ given: false })
  })
})

describe('times', () => {
  test.each([
    ['10:00', '10:00'],
    ['9:30', '09:30'],
    ['14.30', '14:30'],
    ['1430', '14:30'],
    ['9', '09:00'],
  ])('%s is %s', (typed, time) => {
    expect(readTime({ t: typed }, 't', 'The time', {}).value).toBe(time)
  })

  test.each(['24:00', '10:60', '10am', 'noon'])('%s is not a time', (typed) => {
    expect(readTime({ t: typed }, 't', 'The time', {}).error?.href).toBe('#t')
  })
})

describe('the form as facts', () => {
  test('a conference that went ahead without a quorum, with no plan, and an extension', () => {
    const form = read({
      procedure: 'york',
      'conf1-kind': 'pre_birth',
      ...dateParams('conf1-date', '2026-03-02'),
      'conf1-start': '10:00',
      'conf1-end': '11:30',
      'conf1-quorum': 'proceeded',
      'conf1-plan': 'no',
      'conf1-extension': 'yes',
    })
    expect(form.errors).toEqual([])
    expect(form.facts).toEqual({
      profile: 'york',
      events: [
        {
          type: 'conference',
          kind: 'pre_birth',
          date: '2026-03-02',
          start: '10:00',
          end: '11:30',
          quorate: false,
          proceeded: true,
          plan: false,
          extension_authorised: true,
        },
      ],
      children: [],
    })
  })

  test('children by label (or "Child n"), and a birth naming one of them', () => {
    const form = read({
      'child1-name': 'AB',
      ...dateParams('child1-dob', '2015-06-01'),
      ...dateParams('child2-edd', '2026-05-20'),
      ...dateParams('birth-date', '2026-05-18'),
      'birth-child': '2',
    })
    expect(form.errors).toEqual([])
    expect(form.facts?.children).toEqual([
      { id: 'AB', dob: '2015-06-01' },
      { id: 'Child 2', edd: '2026-05-20' },
    ])
    expect(form.facts?.events).toEqual([{ type: 'birth', date: '2026-05-18', child: 'Child 2' }])
  })

  test('every event type the contract has', () => {
    const form = read({
      ...dateParams('sd1-date', '2025-12-01'),
      ...dateParams('sd2-date', '2025-12-03'),
      'sd2-s47': 'yes',
      ...dateParams('s47-start', '2025-12-03'),
      ...dateParams('epo-made', '2025-12-01'),
      ...dateParams('epo-expires', '2025-12-09'),
      ...dateParams('cao-concluded', '2025-12-02'),
      ...dateParams('transfer-notified', '2025-12-04'),
      ...dateParams('child-moved', '2025-12-01'),
      ...dateParams('cg1-date', '2026-01-10'),
      'cg1-notes-by': 'other',
      ...dateParams('visit-date', '2026-01-12'),
      'visit-seen-alone': 'yes',
      ...dateParams('record-received', '2026-01-14'),
      ...dateParams('plan-received', '2026-01-15'),
      ...dateParams('cin-plan-date', '2026-01-16'),
      'cin-plan-from': 'icpc',
    })
    expect(form.errors).toEqual([])
    expect(form.facts?.events).toEqual([
      { type: 'strategy_discussion', date: '2025-12-01', initiated_s47: false },
      { type: 'strategy_discussion', date: '2025-12-03', initiated_s47: true },
      { type: 's47_start', date: '2025-12-03' },
      { type: 'epo', made: '2025-12-01', expires: '2025-12-09' },
      { type: 'cao', concluded: '2025-12-02' },
      { type: 'transfer_notification', date: '2025-12-04' },
      { type: 'child_moved', date: '2025-12-01' },
      { type: 'core_group', date: '2026-01-10', notes_by: 'other' },
      { type: 'visit', date: '2026-01-12', seen_alone: true },
      { type: 'record_received', date: '2026-01-14' },
      { type: 'plan_received', date: '2026-01-15' },
      { type: 'cin_plan', date: '2026-01-16', from: 'icpc' },
    ])
  })

  test('half a row is an error on the missing part, in the order of the page', () => {
    const form = read({
      'sd1-s47': 'yes',
      ...dateParams('conf1-date', '2026-01-05'),
      'conf1-end': '11:00',
      'child1-name': 'AB',
      'cin-plan-from': 'review',
    })
    expect(form.facts).toBeUndefined()
    expect(form.errors.map((error) => error.href)).toEqual([
      '#sd1-date-day',
      '#conf1-kind',
      '#conf1-start',
      '#child1-dob-day',
      '#cin-plan-date-day',
    ])
  })

  test('the engine’s own objections point at the input they came from', () => {
    const form = read({
      'conf1-kind': 'initial',
      ...dateParams('conf1-date', '2026-01-05'),
      ...dateParams('child1-dob', '2015-06-01'),
    })
    const errors = formErrorsFromIssues(form, [
      { field: 'events[0].end', message: 'must be after the start' },
      { field: 'children[0].dob', message: 'is wrong' },
      { field: 'profile', message: 'is not here' },
    ])
    expect(errors.map((error) => [error.href, error.message])).toEqual([
      ['#conf1-end', 'Conference 1: must be after the start'],
      ['#child1-dob-day', 'Child 1: is wrong'],
      ['#procedure', 'is not here'],
    ])
  })

  test('opening the page (only a procedure in the address) is not sending the form', () => {
    expect(read({ procedure: 'york' })).toMatchObject({ submitted: false, procedure: 'york', errors: [] })
  })
})

describe('deadlines in words', () => {
  const base: Deadline = {
    rule: 'T-X',
    title: 'X',
    kind: 'latest',
    anchor: { type: 'conference', date: '2026-01-05' },
    why: '',
    status: 'specified',
    source: '',
    conventions: [],
  }

  test.each([
    ['09:30', '9:30am'],
    ['10:00', '10am'],
    ['12:00', 'midday'],
    ['00:00', 'midnight'],
    ['14:05', '2:05pm'],
  ])('%s is %s', (time, words) => {
    expect(timeInWords(time)).toBe(words)
  })

  test.each([
    [{ kind: 'latest', date: '2026-01-05' }, 'By Monday 5 January 2026'],
    [{ kind: 'on', date: '2026-01-05' }, 'On Monday 5 January 2026'],
    [{ kind: 'earliest', date: '2026-01-05' }, 'Not before Monday 5 January 2026'],
    [
      { kind: 'window', start: '2026-01-05', end: '2026-01-09' },
      'Between Monday 5 January 2026 and Friday 9 January 2026',
    ],
    [{ kind: 'latest_time', datetime: '2026-01-05T09:30' }, 'By 9:30am on Monday 5 January 2026'],
    [{ kind: 'on_time', datetime: '2026-01-05T14:00' }, 'At 2pm on Monday 5 January 2026'],
    [{ kind: 'latest' }, 'No date: the procedure gives no number'],
    [{ kind: 'latest_time' }, 'No time yet: the conference’s start or end time is not given'],
  ] as const)('%j: %s', (parts, words) => {
    expect(whenInWords({ ...base, ...parts } as Deadline)).toBe(words)
  })
})
