import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import {
  exportSubjectAccess,
  previewSubjectAccess,
} from '../../../src/app/disclosure/subject-access-export.ts'
import {
  type RecordSubjectAccessRequestInput,
  recordSubjectAccessRequest,
} from '../../../src/app/disclosure/subject-access-request.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'
import {
  DISCLOSURE_TABLES,
  finalisedDecision,
  submittedReport,
  withholdSection,
} from './disclosure-fixtures.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database, DISCLOSURE_TABLES)
const deps = (profileId: string) => makeDeps(database.db, profileId, '2026-06-01T10:00:00Z')

/** Unique texts: each must reach the export only where the person may see it. */
const OPEN = 'MARKER-OPEN-SECTION-4b1c'
const FROM_FAMILY = 'MARKER-WITHHELD-FROM-FAMILY-9d2e'
const FROM_MOTHER = 'MARKER-WITHHELD-FROM-MOTHER-7a3f'
const FROM_FATHER = 'MARKER-WITHHELD-FROM-FATHER-1e8b'
const REASON = 'MARKER-REASON-FOR-STAFF-5c6d'

/**
 * A family with a conference, a decision and a submitted report: one section open, one withheld
 * from the whole family, one from the mother and one from the father, under the profile's outline.
 */
async function familyWithReport(profileId: string) {
  const manager = await makeUser(database.db, 'team_manager')
  const family = await makeCase(database.db, {
    familyName: 'Subjectaccess',
    teamManagerId: manager.userId,
    children: [{ firstName: 'Kit', dob: '2015-02-03' }],
    adults: [
      { firstName: 'Mona', role: 'parent' },
      { firstName: 'Fred', role: 'parent' },
    ],
  })
  const [mother, father] = family.adults
  const conference = await makeConference(database.db, { caseId: family.id, status: 'finalised' })
  await database.db
    .insertInto('invitations')
    .values([
      { conference_id: conference.id, person_id: mother!.id, role: 'parent' },
      { conference_id: conference.id, person_id: father!.id, role: 'parent' },
    ] as never)
    .execute()
  await finalisedDecision(database.db, {
    conferenceId: conference.id,
    childId: family.children[0]!.id,
    plan: true,
  })
  const reportId = await submittedReport(database.db, {
    conferenceId: conference.id,
    profileId,
    sections: {
      agency_involvement: OPEN,
      subject_children: FROM_FAMILY,
      all_household_children: FROM_MOTHER,
      [profileId === 'london' ? 'assessment' : 'parenting_capacity']: FROM_FATHER,
    },
  })
  await withholdSection(database.db, {
    reportId,
    section: 'subject_children',
    audience: 'family',
    reason: REASON,
  })
  await withholdSection(database.db, {
    reportId,
    section: 'all_household_children',
    audience: 'person',
    personId: mother!.id,
    reason: REASON,
  })
  await withholdSection(database.db, {
    reportId,
    section: profileId === 'london' ? 'assessment' : 'parenting_capacity',
    audience: 'person',
    personId: father!.id,
    reason: REASON,
  })
  return { manager, family, mother: mother!, father: father!, child: family.children[0]!, conference }
}

function requestFor(personId: string, overrides: Partial<RecordSubjectAccessRequestInput> = {}) {
  return {
    personId,
    requesterName: 'Mona Subjectaccess',
    requesterRelationship: 'self',
    receivedOn: '2026-05-30',
    identityChecked: 'Passport seen at the council’s office (fictional)',
    ...overrides,
  } satisfies RecordSubjectAccessRequestInput
}

describe('a subject access request', () => {
  test('[rule:DIST-THIRD-PARTY@kent_medway] the export gives the open sections and leaves out those withheld from the person or the family, saying why in Kent’s words', async () => {
    const { manager, mother } = await familyWithReport('kent_medway')
    const request = await recordSubjectAccessRequest(deps('kent_medway'), manager, requestFor(mother.id))
    const given = await exportSubjectAccess(deps('kent_medway'), manager, {
      requestId: request.id,
      format: 'json',
    })
    expect(given.json).toContain(OPEN)
    expect(given.json).toContain(FROM_FATHER)
    for (const marker of [FROM_FAMILY, FROM_MOTHER, REASON]) expect(given.json).not.toContain(marker)
    const parts = given.export.leftOut.filter((one) => one.what.startsWith('Parts of the report'))
    expect(parts).toEqual([
      {
        what: 'Parts of the report by Jo Price (fictional) (school) for the initial child protection conference of 12 May 2026',
        why: 'They are withheld from this person or their family. Open sections are released. Parts withheld from this person are closed sections: the procedure releases them only after full consultation with all parties (Kent §15).',
      },
    ])
    // The person handling the request sees which parts, from whom and why; the export never does.
    const preview = await previewSubjectAccess(deps('kent_medway'), manager, { requestId: request.id })
    expect(preview.withheld.map((one) => [one.section, one.from, one.reason])).toEqual([
      ['The children the conference is about', 'family', REASON],
      ['Every child in the household', 'person', REASON],
    ])
  })

  test('under London, silent on subject access, withheld parts are still left out, and the export says the procedure is silent', async () => {
    const { manager, mother } = await familyWithReport('london')
    const request = await recordSubjectAccessRequest(deps('london'), manager, requestFor(mother.id))
    const given = await exportSubjectAccess(deps('london'), manager, {
      requestId: request.id,
      format: 'html',
    })
    expect(given.json).toContain(OPEN)
    for (const marker of [FROM_FAMILY, FROM_MOTHER, REASON]) expect(given.json).not.toContain(marker)
    expect(given.export.procedure.subjectAccess).toContain(
      'The procedure is silent on what a subject access request receives',
    )
  })

  test('a parent asking on a child’s behalf: parts withheld from that parent are left out too', async () => {
    const { manager, child, father } = await familyWithReport('london')
    const request = await recordSubjectAccessRequest(
      deps('london'),
      manager,
      requestFor(child.id, {
        requesterName: 'Fred Subjectaccess',
        requesterRelationship: 'parent_or_carer',
        requesterPersonId: father.id,
      }),
    )
    const given = await exportSubjectAccess(deps('london'), manager, {
      requestId: request.id,
      format: 'json',
    })
    expect(given.json).toContain(OPEN)
    expect(given.json).toContain(FROM_MOTHER)
    for (const marker of [FROM_FAMILY, FROM_FATHER, REASON]) expect(given.json).not.toContain(marker)
    expect(given.export.conferences[0]?.decision).toMatchObject({ plan: true, categories: ['neglect'] })
    expect(given.export.parentalResponsibility.heldBy).toEqual(['Fred Subjectaccess', 'Mona Subjectaccess'])
  })

  test('a parent the chair excluded, allowed nothing: the decision and the reports are left out, saying so (X-RECORD)', async () => {
    const { manager, mother, conference } = await familyWithReport('london')
    await database.db
      .insertInto('exclusions')
      .values({
        conference_id: conference.id,
        person_id: mother.id,
        scope: 'all',
        grounds: ['perpetrator_threat'],
        evidence: 'MARKER-EXCLUSION-EVIDENCE-2f4a',
        requested_by: 'Police (fictional)',
        requested_on: '2026-05-05',
        decision: 'excluded',
        decided_at: new Date('2026-05-06T10:00:00Z'),
        decision_reasons: 'A threat to the health visitor (fictional)',
        receives: [],
      })
      .execute()
    const request = await recordSubjectAccessRequest(deps('london'), manager, requestFor(mother.id))
    const given = await exportSubjectAccess(deps('london'), manager, {
      requestId: request.id,
      format: 'json',
    })
    for (const marker of [OPEN, FROM_FAMILY, FROM_MOTHER, FROM_FATHER, 'MARKER-EXCLUSION-EVIDENCE-2f4a'])
      expect(given.json).not.toContain(marker)
    expect(given.export.conferences[0]?.reports).toEqual([])
    expect(given.export.conferences[0]?.decision).toBeNull()
    expect(given.export.conferences[0]?.exclusions[0]).toMatchObject({
      scope: 'all',
      decision: 'excluded',
      receives: [],
    })
    const why = given.export.leftOut.find((one) => one.what.startsWith('The report by'))?.why
    expect(why).toBe(
      'The chair excluded this person from the conference and did not allow them to receive it (London 8.5.13; 8.6.7; 8.6.12-8.6.13).',
    )
  })

  test('a report not yet shared with the family is left out of a family member’s export', async () => {
    const { manager, mother, conference } = await familyWithReport('london')
    await submittedReport(database.db, {
      conferenceId: conference.id,
      profileId: 'london',
      sections: { agency_involvement: 'MARKER-NOT-SHARED-8e1d' },
      author: 'Not Yet Shared (fictional)',
      shared: false,
    })
    const request = await recordSubjectAccessRequest(deps('london'), manager, requestFor(mother.id))
    const given = await exportSubjectAccess(deps('london'), manager, {
      requestId: request.id,
      format: 'json',
    })
    expect(given.json).not.toContain('MARKER-NOT-SHARED-8e1d')
    expect(given.json).toContain(OPEN)
    expect(given.export.leftOut.find((one) => one.what.includes('Not Yet Shared'))?.why).toBe(
      'It has not been shared with the family; a report reaches the family only once it is shared.',
    )
  })

  test('each export is recorded with its digest, in the audit log and the access log; the preview records nothing', async () => {
    const { manager, mother, family } = await familyWithReport('london')
    const request = await recordSubjectAccessRequest(deps('london'), manager, requestFor(mother.id))
    expect((await auditRecord(database.db, request.id, 'subject_access.requested')).case_id).toBe(family.id)
    const before = await database.db.selectFrom('subject_access_exports').selectAll().execute()
    const preview = await previewSubjectAccess(deps('london'), manager, { requestId: request.id })
    expect(preview.export.leftOut.length).toBeGreaterThan(0)
    expect(await database.db.selectFrom('subject_access_exports').selectAll().execute()).toEqual(before)

    const given = await exportSubjectAccess(deps('london'), manager, {
      requestId: request.id,
      format: 'json',
    })
    const stored = await database.db
      .selectFrom('subject_access_exports')
      .selectAll()
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(stored.sha256).toBe(createHash('sha256').update(given.json).digest('hex'))
    expect(stored.format).toBe('json')
    const audited = await auditRecord(database.db, request.id, 'subject_access.exported')
    expect(audited.after).toMatchObject({ exportId: stored.id, sha256: stored.sha256 })
    const read = await database.db
      .selectFrom('access_log')
      .select('action')
      .where('case_id', '=', family.id)
      .where('action', '=', 'subject_access.exported')
      .execute()
    expect(read).toHaveLength(1)
  })

  test('refused, writing nothing: a date in the future, a parent not named, anyone but the case’s team manager', async () => {
    const { manager, mother, child } = await familyWithReport('london')
    const future = await refused(() =>
      recordSubjectAccessRequest(
        deps('london'),
        manager,
        requestFor(mother.id, { receivedOn: '2026-07-01' }),
      ),
    )
    expect(fieldsOf(future)).toEqual(['receivedOn'])
    const noParent = await refused(() =>
      recordSubjectAccessRequest(
        deps('london'),
        manager,
        requestFor(child.id, { requesterRelationship: 'parent_or_carer' }),
      ),
    )
    expect(fieldsOf(noParent)).toEqual(['requesterPersonId'])
    const worker = await makeUser(database.db, 'social_worker')
    expect(
      await refused(() => recordSubjectAccessRequest(deps('london'), worker, requestFor(mother.id))),
    ).toBeInstanceOf(Forbidden)
    const admin = await makeUser(database.db, 'system_administrator')
    expect(
      await refused(() => recordSubjectAccessRequest(deps('london'), admin, requestFor(mother.id))),
    ).toBeInstanceOf(Forbidden)
    const request = await recordSubjectAccessRequest(deps('london'), manager, requestFor(mother.id))
    const stranger = await makeUser(database.db, 'team_manager', { team: 'Elsewhere' })
    expect(
      await refused(() =>
        exportSubjectAccess(deps('london'), stranger, { requestId: request.id, format: 'json' }),
      ),
    ).toBeInstanceOf(Forbidden)
  })
})
