import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { loadProcedureLibrary, SHIPPED_PROFILES_DIR } from '../../src/procedure-library.ts'
import { ask, dates, only } from './engine-support.ts'

/**
 * A council copies a shipped profile into <data dir>/profiles and switches conventions to their
 * other reading (../rules/conventions.md); the answer then counts the other way and says so.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'convene-readings-'))
mkdirSync(join(dataDir, 'profiles'))

function copyWithReadings(from: string, id: string, readings: Record<string, 'other'>) {
  const text = readFileSync(join(SHIPPED_PROFILES_DIR, `${from}.yaml`), 'utf8')
    .replace(/^id: .*$/m, `id: ${id}`)
    .replace(/^readings: \{\}$/m, `readings: ${JSON.stringify(readings)}`)
  writeFileSync(join(dataDir, 'profiles', `${id}.yaml`), text)
}

copyWithReadings('london', 'london_other', { C1: 'other', C2: 'other', C4: 'other', C12: 'other' })
copyWithReadings('london', 'london_c10', { C10: 'other' })
copyWithReadings('wakefield', 'wakefield_other', { C3: 'other', C7: 'other' })
copyWithReadings('kent_medway', 'kent_other', { C6: 'other', C8: 'other', C13: 'other' })
copyWithReadings('york', 'york_other', { C6: 'other' })

const lib = loadProcedureLibrary({ dataDir })
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const other = (profile: string, facts: Parameters<typeof ask>[1]) => ask(profile, facts, lib)

test('the council’s copies sit beside the shipped profiles', () => {
  expect([...lib.profiles.keys()]).toEqual(expect.arrayContaining(['london', 'london_other', 'kent_other']))
})

describe('C1 other: the anchor day counts as day 1 when it is a working day', () => {
  test('from Wed 10 Dec 2025: Fri 2 Jan 2026 instead of Mon 5 Jan, marked C1:other', () => {
    const entry = only(
      other('london_other', {
        events: [{ type: 'strategy_discussion', date: '2025-12-10', initiated_s47: true }],
      }),
      'T-ICPC-DUE',
    )
    expect(entry.date).toBe('2026-01-02')
    expect(entry.conventions).toContain('C1:other')
  })
  test('from Saturday 2 May 2026 nothing changes: the anchor is not a working day', () => {
    const answer = other('london_other', {
      events: [{ type: 'strategy_discussion', date: '2026-05-02', initiated_s47: true }],
    })
    expect(only(answer, 'T-ICPC-DUE').date).toBe('2026-05-26')
  })
  test('the national measure keeps the national reading', () => {
    const answer = other('london_other', { events: [{ type: 's47_start', date: '2025-12-10' }] })
    const national = only(answer, 'T-ICPC-DUE', { variant: 'national' })
    expect(national.date).toBe('2026-01-05')
    expect(national.conventions).not.toContain('C1:other')
  })
})

describe('C2 other: clear working days between delivery and the conference', () => {
  test('2 working days before Tue 7 Apr 2026 becomes Tue 31 Mar', () => {
    const entry = only(
      other('london_other', { events: [{ type: 'conference', kind: 'initial', date: '2026-04-07' }] }),
      'T-RPT-SW-FAMILY',
    )
    expect(entry.date).toBe('2026-03-31')
    expect(entry.conventions).toContain('C2:other')
  })
})

describe('C4 other: month limits roll over into the next month', () => {
  test('30 Nov 2026 + 3 months is Tue 2 Mar 2027', () => {
    const entry = only(
      other('london_other', { events: [{ type: 'conference', kind: 'initial', date: '2026-11-30' }] }),
      'T-RCPC-FIRST',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2027-03-02' })
    expect(entry.conventions).toContain('C4:other')
  })
})

describe('C10 other: one week of receipt read as 5 working days', () => {
  test('received Mon 21 Dec 2026: Wed 30 Dec, past Christmas and the Boxing Day substitute', () => {
    const entry = only(
      other('london_c10', { events: [{ type: 'record_received', date: '2026-12-21' }] }),
      'T-MINUTES-AMEND',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-12-30' })
    expect(entry.conventions).toContain('C10:other')
  })
})

describe('C12 other: the next review runs from the previous review’s due date', () => {
  test('initial Mon 12 Jan 2026, review due 12 Apr but held 20 Apr: next by Mon 12 Oct, not 20 Oct', () => {
    const entry = only(
      other('london_other', {
        events: [
          { type: 'conference', kind: 'initial', date: '2026-01-12' },
          { type: 'conference', kind: 'review', date: '2026-04-20' },
        ],
      }),
      'T-RCPC-NEXT',
    )
    expect(entry.date).toBe('2026-10-12')
    expect(entry.conventions).toContain('C12:other')
  })
})

describe('C3 and C7 other (Wakefield): unstated days as calendar days; hours from the start', () => {
  test("'two days' before Tue 7 Apr 2026 becomes Sun 5 Apr, with Thu 2 Apr as the aid", () => {
    const entry = only(
      other('wakefield_other', { events: [{ type: 'conference', kind: 'initial', date: '2026-04-07' }] }),
      'T-RPT-SW-FAMILY',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-04-05', scheduling_aid: '2026-04-02' })
    expect(entry.conventions).toContain('C3:other')
  })
  test('48 hours from the start at 13:30 on Christmas Eve 2025: Fri 26 Dec 13:30', () => {
    const entry = only(
      other('wakefield_other', {
        events: [{ type: 'conference', kind: 'initial', date: '2025-12-24', start: '13:30', end: '15:00' }],
      }),
      'T-DECISION-NOTICE',
    )
    expect(entry.datetime).toBe('2025-12-26T13:30')
    expect(entry.conventions).toContain('C7:other')
  })
})

describe('C6, C8 and C13 other (Kent): 24+6, strictly over 12, police not required', () => {
  test('the pre-birth window ends at 24+6 (EDD Fri 14 Aug 2026: Thu 30 Apr)', () => {
    const entry = only(other('kent_other', { children: [{ id: 'unborn', edd: '2026-08-14' }] }), 'T-PB-ICPC')
    expect(dates(entry)).toEqual({ kind: 'window', start: '2026-03-27', end: '2026-04-30' })
    expect(entry.conventions).toContain('C6:other')
  })
  test('a child on the 12th birthday is assessed individually; at 13 invited unless there are reasons', () => {
    const child = (on: string) =>
      other('kent_other', {
        events: [{ type: 'conference', kind: 'initial', date: on }],
        children: [{ id: 'c1', dob: '2014-06-15' }],
      }).children?.[0]
    expect(child('2026-06-15')).toMatchObject({ age: 12, participation: 'individual_assessment' })
    expect(child('2027-06-15')).toMatchObject({ age: 13, participation: 'invite_unless_reasons' })
  })
  test('social worker and two disciplines are quorate without the police', () => {
    const attendee = (agency: string) => ({ agency, role: 'professional', direct_contact_with_child: true })
    const quorum = other('kent_other', {
      events: [{ type: 'conference', kind: 'initial', date: '2026-03-10' }],
      attendees: [attendee('childrens_social_care'), attendee('school'), attendee('health_visiting')],
    }).quorum
    expect(quorum?.quorate).toBe(true)
  })
})

describe('C6 other (York): the 30th week as 29+6; before 34 weeks as by 34+0', () => {
  test('EDD Fri 14 Aug 2026: conference by Thu 4 Jun, birth response plan by Fri 3 Jul', () => {
    const answer = other('york_other', { children: [{ id: 'unborn', edd: '2026-08-14' }] })
    expect(only(answer, 'T-PB-ICPC').date).toBe('2026-06-04')
    expect(only(answer, 'T-PB-BRP').date).toBe('2026-07-03')
  })
})
