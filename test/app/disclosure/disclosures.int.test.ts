import { describe, expect, test } from 'vitest'
import {
  disclosureChoices,
  disclosuresAboutCase,
  type RecordDisclosureInput,
  recordDisclosure,
} from '../../../src/app/disclosure/record-disclosure.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'
import { DISCLOSURE_TABLES, finalisedDecision } from './disclosure-fixtures.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database, DISCLOSURE_TABLES)
const deps = (profileId: string) => makeDeps(database.db, profileId, '2026-06-01T10:00:00Z')

/** A case with its manager, allocated worker, and a finalised conference with a chair and a lead social worker. */
async function conferenceRecords() {
  const manager = await makeUser(database.db, 'team_manager')
  const worker = await makeUser(database.db, 'social_worker', { name: 'Lead Worker (fictional)' })
  const chair = await makeUser(database.db, 'chair', { name: 'Chair Person (fictional)' })
  const family = await makeCase(database.db, {
    familyName: 'Disclosed',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
  })
  const conference = await makeConference(database.db, {
    caseId: family.id,
    status: 'finalised',
    chairId: chair.userId,
  })
  await finalisedDecision(database.db, {
    conferenceId: conference.id,
    childId: family.children[0]!.id,
    plan: true,
    leadSocialWorkerId: worker.userId,
  })
  return { manager, worker, chair, family, conference }
}

type Records = Awaited<ReturnType<typeof conferenceRecords>>

function disclosure(records: Records, basis: Partial<RecordDisclosureInput>): RecordDisclosureInput {
  return {
    caseId: records.family.id,
    conferenceId: records.conference.id,
    recipientName: 'R. Solicitor (fictional)',
    recipientOrganisation: 'Example Family Law LLP',
    what: 'The minutes of the initial conference of 12 May 2026',
    purpose: 'Private law proceedings about the child’s contact',
    basis: 'consent',
    ...basis,
  }
}

const chairConsent = (records: Records): Partial<RecordDisclosureInput> => ({
  basis: 'consent',
  consentBy: 'chair',
  consentUserId: records.chair.userId,
  consentGivenOn: '2026-05-28',
  consentHow: 'By email',
})
const leadConsent = (records: Records): Partial<RecordDisclosureInput> => ({
  basis: 'consent',
  consentBy: 'lead_social_worker',
  consentUserId: records.worker.userId,
  consentGivenOn: '2026-05-28',
})
const courtOrder: Partial<RecordDisclosureInput> = {
  basis: 'court_order',
  courtOrderReference: 'ZW26C00123 (fictional)',
  courtOrderMadeOn: '2026-05-20',
  court: 'Family Court at Testtown',
}

describe('disclosure of conference records to a third party', () => {
  test('[rule:DIST-THIRD-PARTY@london] London: the chair’s consent or a court order; not the lead social worker’s, nor any other basis', async () => {
    const records = await conferenceRecords()
    const lead = await refused(() =>
      recordDisclosure(deps('london'), records.manager, disclosure(records, leadConsent(records))),
    )
    expect(fieldsOf(lead)).toEqual(['consentBy'])
    expect(lead.message).toContain('London 8.16.11-8.16.12')
    const other = await refused(() =>
      recordDisclosure(
        deps('london'),
        records.manager,
        disclosure(records, { basis: 'other', otherBasis: 'Asked nicely' }),
      ),
    )
    expect(fieldsOf(other)).toEqual(['basis'])

    const byChair = await recordDisclosure(
      deps('london'),
      records.manager,
      disclosure(records, chairConsent(records)),
    )
    expect(byChair.consent).toEqual({
      by: 'chair',
      userId: records.chair.userId,
      givenOn: '2026-05-28',
      how: 'By email',
    })
    expect(byChair.procedure).toMatchObject({ rule: 'DIST-THIRD-PARTY', status: 'specified' })
    const audited = await auditRecord(database.db, byChair.id, 'disclosure.recorded')
    expect(audited.case_id).toBe(records.family.id)
    const byCourt = await recordDisclosure(deps('london'), records.manager, disclosure(records, courtOrder))
    expect(byCourt.courtOrder?.reference).toBe('ZW26C00123 (fictional)')
  })

  test('[rule:DIST-THIRD-PARTY@kent_medway] Kent: the chair’s and/or the lead social worker’s consent, or a court order', async () => {
    const records = await conferenceRecords()
    const lead = await recordDisclosure(
      deps('kent_medway'),
      records.manager,
      disclosure(records, leadConsent(records)),
    )
    expect(lead.consent?.by).toBe('lead_social_worker')
    const byCourt = await recordDisclosure(
      deps('kent_medway'),
      records.manager,
      disclosure(records, courtOrder),
    )
    expect(byCourt.basis).toBe('court_order')
    const choices = await disclosureChoices(deps('kent_medway'), records.manager, {
      caseId: records.family.id,
    })
    expect(choices.accepted).toBe(
      'the consent of the conference chair or the lead social worker, or a court order',
    )
    expect(choices.conferences[0]?.consenters.map((one) => one.by)).toEqual(['chair', 'lead_social_worker'])
  })

  test('[rule:DIST-THIRD-PARTY@york] York: the chair’s consent; a court order alone is refused, as the procedure does not mention one', async () => {
    const records = await conferenceRecords()
    const byCourt = await refused(() =>
      recordDisclosure(deps('york'), records.manager, disclosure(records, courtOrder)),
    )
    expect(fieldsOf(byCourt)).toEqual(['basis'])
    expect(byCourt.message).toContain('does not mention disclosure on a court order')
    const byChair = await recordDisclosure(
      deps('york'),
      records.manager,
      disclosure(records, chairConsent(records)),
    )
    expect(byChair.basis).toBe('consent')
  })

  test('[rule:DIST-THIRD-PARTY@wakefield] Wakefield: only with the chair’s permission', async () => {
    const records = await conferenceRecords()
    expect(
      fieldsOf(
        await refused(() =>
          recordDisclosure(deps('wakefield'), records.manager, disclosure(records, leadConsent(records))),
        ),
      ),
    ).toEqual(['consentBy'])
    expect(
      fieldsOf(
        await refused(() =>
          recordDisclosure(deps('wakefield'), records.manager, disclosure(records, courtOrder)),
        ),
      ),
    ).toEqual(['basis'])
    const byChair = await recordDisclosure(
      deps('wakefield'),
      records.manager,
      disclosure(records, chairConsent(records)),
    )
    expect(byChair.consent?.userId).toBe(records.chair.userId)
  })

  test('where the procedure is silent (Staffordshire), the basis recorded is kept and the record says the procedure is silent', async () => {
    const records = await conferenceRecords()
    const recorded = await recordDisclosure(
      deps('staffs_stoke'),
      records.manager,
      disclosure(records, { basis: 'other', otherBasis: 'Data protection: prevention of crime (fictional)' }),
    )
    expect(recorded.basis).toBe('other')
    expect(recorded.procedure.status).toBe('silent')
    expect(recorded.procedure.says).toContain('The procedure is silent')
  })

  test('refuses consent from someone who is not the conference’s chair or lead social worker, a missing date and consent in the future, writing nothing', async () => {
    const records = await conferenceRecords()
    const otherChair = await makeUser(database.db, 'chair')
    const notTheChair = await refused(() =>
      recordDisclosure(
        deps('london'),
        records.manager,
        disclosure(records, { ...chairConsent(records), consentUserId: otherChair.userId }),
      ),
    )
    expect(fieldsOf(notTheChair)).toEqual(['consentUserId'])
    const noDate = await refused(() =>
      recordDisclosure(
        deps('london'),
        records.manager,
        disclosure(records, { ...chairConsent(records), consentGivenOn: '' }),
      ),
    )
    expect(fieldsOf(noDate)).toEqual(['consentGivenOn'])
    const future = await refused(() =>
      recordDisclosure(
        deps('london'),
        records.manager,
        disclosure(records, { ...chairConsent(records), consentGivenOn: '2026-07-01' }),
      ),
    )
    expect(fieldsOf(future)).toEqual(['consentGivenOn'])
  })

  test('only a team manager with a relationship to the case decides; the case’s staff see the disclosures', async () => {
    const records = await conferenceRecords()
    const input = disclosure(records, chairConsent(records))
    expect(await refused(() => recordDisclosure(deps('london'), records.worker, input))).toBeInstanceOf(
      Forbidden,
    )
    const admin = await makeUser(database.db, 'system_administrator')
    expect(await refused(() => recordDisclosure(deps('london'), admin, input))).toBeInstanceOf(Forbidden)
    const otherManager = await makeUser(database.db, 'team_manager', { team: 'Another Team' })
    expect(await refused(() => recordDisclosure(deps('london'), otherManager, input))).toBeInstanceOf(
      Forbidden,
    )

    await recordDisclosure(deps('london'), records.manager, input)
    const listed = await disclosuresAboutCase(deps('london'), records.worker, { caseId: records.family.id })
    expect(listed.disclosures.map((one) => [one.recipientOrganisation, one.consentName])).toEqual([
      ['Example Family Law LLP', 'Chair Person (fictional)'],
    ])
    expect(listed.mayRecord).toBe(false)
  })
})
