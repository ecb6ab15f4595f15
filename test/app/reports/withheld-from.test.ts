import { describe, expect, test } from 'vitest'
import {
  audiencesOf,
  chairAllows,
  type FamilyReader,
  partsShown,
  reportAsShown,
  reportReachesFamily,
} from '../../../src/app/reports/withheld-from.ts'
import type { ExclusionRecord } from '../../../src/db/invitation.repository.ts'
import type { Report, WithholdingRecord } from '../../../src/db/report.repository.ts'
import { reportOutline } from '../../../src/domain/conference/report-contents.ts'
import { testLibrary } from '../../support/factories.ts'

/** What may reach a family member or the advocate of a report and a conference's papers, decided in one place. */

const profile = (id: string) => {
  const found = testLibrary().profiles.get(id)
  if (!found) throw new Error(`no profile ${id}`)
  return found
}

const outline = reportOutline(profile('kent_medway'), 'social_worker', 'initial')
const codes = outline.sections.map((section) => section.code)

function report(overrides: Partial<Report> = {}): Report {
  return {
    id: 'report-1',
    conferenceId: 'conference-1',
    kind: 'social_worker',
    agency: 'childrens_social_care',
    authorName: 'Sam Social',
    authorUserId: null,
    professionalId: null,
    outline,
    sections: Object.fromEntries(codes.map((code) => [code, `text of ${code}`])),
    statements: [],
    status: 'submitted',
    requestedAt: null,
    savedAt: null,
    signedBy: 'Sam Social',
    signedOn: '2026-05-01',
    receivedAt: null,
    sharedWithFamilyOn: '2026-05-01',
    sharedHow: 'email',
    fileId: null,
    ...overrides,
  }
}

const withheld = (
  section: string,
  audience: WithholdingRecord['audience'],
  personId: string | null = null,
): WithholdingRecord => ({
  id: `${section}-${audience}`,
  reportId: 'report-1',
  section,
  audience,
  personId,
  reason: `the reason for ${section}`,
  withheldBy: null,
  createdAt: new Date('2026-05-01T10:00:00Z'),
})

const [fromMum, fromChild, fromAdvocate, fromFamily, fromKai] = codes as [
  string,
  string,
  string,
  string,
  string,
]
const WITHHOLDINGS = [
  withheld(fromMum, 'person', 'mum'),
  withheld(fromChild, 'child'),
  withheld(fromAdvocate, 'advocate'),
  withheld(fromFamily, 'family'),
  withheld(fromKai, 'person', 'kai'),
]

const shownTo = (profileId: string, readers: FamilyReader[]) =>
  partsShown(report(), WITHHOLDINGS, audiencesOf(profile(profileId), readers)).map((section) => section.code)

const advocate: FamilyReader = { kind: 'advocate', childIds: ['kai', 'mia'] }

describe('the parts of a report each reader may have', () => {
  test('a parent: not what is withheld from them by name or from the whole family', () => {
    const shown = shownTo('kent_medway', [{ kind: 'family_member', personId: 'mum', isChild: false }])
    expect(shown).not.toContain(fromMum)
    expect(shown).not.toContain(fromFamily)
    expect(shown).toEqual(codes.filter((code) => code !== fromMum && code !== fromFamily))
  })

  test('a young person: not what is withheld from the child, from them by name, or from the family', () => {
    const shown = shownTo('kent_medway', [{ kind: 'family_member', personId: 'kai', isChild: true }])
    expect(shown).toEqual(codes.filter((code) => ![fromChild, fromKai, fromFamily].includes(code)))
  })

  test('[rule:P-ADVOCATE-INFO@kent_medway] Kent’s advocate has only what the child may have: nothing withheld from the child, from any of the children by name, from the advocate or from the family', () => {
    expect(shownTo('kent_medway', [advocate])).toEqual(
      codes.filter((code) => ![fromChild, fromKai, fromAdvocate, fromFamily].includes(code)),
    )
  })

  test('[rule:P-ADVOCATE-INFO@london] where the procedure sets no such limit (London), the advocate is kept only from what is withheld from the advocate or the family', () => {
    expect(shownTo('london', [advocate])).toEqual(
      codes.filter((code) => ![fromAdvocate, fromFamily].includes(code)),
    )
  })

  test('a reader with two records sees only what both may see', () => {
    const shown = shownTo('kent_medway', [
      { kind: 'family_member', personId: 'mum', isChild: false },
      { kind: 'family_member', personId: 'kai', isChild: true },
    ])
    expect(shown).toEqual(codes.filter((code) => ![fromMum, fromChild, fromKai, fromFamily].includes(code)))
    expect(shownTo('kent_medway', [])).toEqual([])
  })

  test('what reaches a reader carries no reason and no sign of which part is withheld; the file only when nothing is withheld from them', () => {
    const audiences = audiencesOf(profile('kent_medway'), [
      { kind: 'family_member', personId: 'dad', isChild: false },
    ])
    const withFile = report({ fileId: 'file-1' })
    const shown = reportAsShown(withFile, WITHHOLDINGS, audiences)
    expect(JSON.stringify(shown)).not.toContain('the reason for')
    expect(JSON.stringify(shown)).not.toContain(`text of ${fromFamily}`)
    expect(shown.fileId).toBeNull()
    expect(reportAsShown(withFile, [withheld(fromMum, 'person', 'mum')], audiences).fileId).toBe('file-1')
  })
})

describe('what the chair allowed a family member excluded from a conference', () => {
  const exclusion = (overrides: Partial<ExclusionRecord>): ExclusionRecord =>
    ({
      id: 'exclusion-1',
      conferenceId: 'conference-1',
      personId: 'dad',
      scope: 'part',
      partDescription: null,
      grounds: [],
      evidence: '',
      requestedBy: '',
      requestedOn: '2026-05-01',
      decision: 'excluded',
      decidedBy: null,
      decidedAt: null,
      decisionReasons: null,
      viewsHeardBy: null,
      receives: [],
      ...overrides,
    }) as ExclusionRecord
  const dad: FamilyReader[] = [{ kind: 'family_member', personId: 'dad', isChild: false }]

  test('[rule:X-RECORD@kent_medway] excluded: only what the decision lists; the whole record is everything', () => {
    expect(chairAllows([exclusion({ receives: ['social_work_report'] })], dad)).toEqual({
      excluded: 'part',
      socialWorkReport: true,
      agencyReports: false,
      decisionLetter: false,
    })
    expect(chairAllows([exclusion({ scope: 'all', receives: ['whole_record'] })], dad)).toEqual({
      excluded: 'all',
      socialWorkReport: true,
      agencyReports: true,
      decisionLetter: true,
    })
    expect(chairAllows([exclusion({ scope: 'all' })], dad)).toMatchObject({
      socialWorkReport: false,
      agencyReports: false,
      decisionLetter: false,
    })
  })

  test('not excluded, a request the chair refused, or someone else’s exclusion: everything shared', () => {
    const everything = { excluded: null, socialWorkReport: true, agencyReports: true, decisionLetter: true }
    expect(chairAllows([], dad)).toEqual(everything)
    expect(chairAllows([exclusion({ decision: 'not_excluded' })], dad)).toEqual(everything)
    expect(chairAllows([exclusion({ decision: null })], dad)).toEqual(everything)
    expect(chairAllows([exclusion({ personId: 'mum' })], dad)).toEqual(everything)
  })

  test('only reports submitted and shared with the family, and allowed by the chair, reach them', () => {
    const all = chairAllows([], dad)
    expect(reportReachesFamily(report(), all)).toBe(true)
    expect(reportReachesFamily(report({ sharedWithFamilyOn: null }), all)).toBe(false)
    expect(reportReachesFamily(report({ status: 'draft' }), all)).toBe(false)
    const onlySocialWork = chairAllows([exclusion({ receives: ['social_work_report'] })], dad)
    expect(reportReachesFamily(report(), onlySocialWork)).toBe(true)
    expect(reportReachesFamily(report({ kind: 'agency', agency: 'school' }), onlySocialWork)).toBe(false)
  })
})
