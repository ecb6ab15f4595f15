import { describe, expect, test } from 'vitest'
import {
  designatedManagerPage,
  nameTheDesignatedManager,
} from '../../../src/app/disclosure/designated-manager.ts'
import type { RecordEnquiryInput } from '../../../src/app/disclosure/enquiry-input.ts'
import { findEnquiryMatches } from '../../../src/app/disclosure/find-enquiry-matches.ts'
import { recordEnquiry } from '../../../src/app/disclosure/record-enquiry.ts'
import { enquiriesAboutCase, showEnquiry } from '../../../src/app/disclosure/show-enquiries.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'
import { DISCLOSURE_TABLES, finalisedDecision } from './disclosure-fixtures.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database, [...DISCLOSURE_TABLES, 'access_log'])
const NOW = '2026-06-01T10:00:00Z'
const london = () => makeDeps(database.db, 'london', NOW)
const kent = () => makeDeps(database.db, 'kent_medway', NOW)

/** A police officer checked by calling back the police switchboard (fictional number). */
function enquiry(
  child: Partial<RecordEnquiryInput>,
  overrides: Partial<RecordEnquiryInput> = {},
): RecordEnquiryInput {
  return {
    enquirerName: 'DC Alex Morgan (fictional)',
    enquirerAgency: 'Police',
    enquirerRole: 'Detective constable',
    enquirerContact: '01632 960000 (police switchboard)',
    verifiedHow: 'call_back_known_number',
    reason: 'A child was found alone at a railway station',
    childFirstName: 'Nobody',
    childLastName: 'Known',
    match: 'none',
    advice: 'Make a referral to children’s social care if there is a concern.',
    ...child,
    ...overrides,
  }
}

/** A child on a plan since 12 May 2026 (neglect), with an allocated social worker. */
async function childOnPlan(familyName: string, address: string) {
  const keyWorker = await makeUser(database.db, 'social_worker', { name: `${familyName} Key Worker` })
  const family = await makeCase(database.db, {
    familyName,
    householdAddress: address,
    socialWorkerId: keyWorker.userId,
    children: [{ firstName: 'Robin', dob: '2018-03-04' }],
  })
  const child = family.children[0]!
  const conference = await makeConference(database.db, {
    caseId: family.id,
    date: '2026-05-12',
    status: 'finalised',
  })
  await finalisedDecision(database.db, { conferenceId: conference.id, childId: child.id, plan: true })
  return { keyWorker, family, child, conference }
}

async function outboxTo(address: string) {
  return database.db.selectFrom('outbox').selectAll().where('to_address', '=', address).execute()
}

describe('an enquiry about whether a child is on a plan', () => {
  test('[rule:DIST-ENQUIRIES@london] a child on a plan: the answer says since when and which category, gives the key worker, and the key worker is told', async () => {
    const handler = await makeUser(database.db, 'conference_administrator')
    const { keyWorker, family, child } = await childOnPlan('Ashgrove', '4 Elm Row, Testtown TT4 4TT')
    const {
      match: _match,
      advice: _advice,
      ...details
    } = enquiry({
      childFirstName: 'robin',
      childLastName: 'ASHGROVE',
      childDateOfBirth: '2018-03-04',
    })
    const matches = await findEnquiryMatches(london(), handler, details)
    expect(matches.matches.map((match) => match.personId)).toEqual([child.id])

    const recorded = await recordEnquiry(
      london(),
      handler,
      enquiry({
        childFirstName: 'Robin',
        childLastName: 'Ashgrove',
        childDateOfBirth: '2018-03-04',
        match: child.id,
      }),
    )
    expect(recorded.outcome).toBe('on_plan')
    expect(recorded.answer).toBe(
      `On a child protection plan since 12 May 2026, category neglect. The key worker is ${keyWorker.name}.`,
    )
    expect(recorded.caseId).toBe(family.id)
    const told = await outboxTo(keyWorker.email)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ kind: 'enquiry_key_worker', case_id: family.id })
    expect(told[0]?.body_text).toContain('DC Alex Morgan (fictional), Detective constable, Police')
    expect(told[0]?.body_text).toContain('London 8.16.15-8.16.19')
    expect(recorded.told).toEqual([
      expect.objectContaining({ userId: keyWorker.userId, why: 'key_worker', messageId: told[0]?.id }),
    ])
    const audited = await auditRecord(database.db, recorded.id, 'enquiry.answered')
    expect(audited.case_id).toBe(family.id)
    const read = await database.db
      .selectFrom('access_log')
      .select(['action', 'child_id'])
      .where('case_id', '=', family.id)
      .execute()
    expect(read).toEqual([{ action: 'enquiry.answered', child_id: child.id }])
  })

  test('[rule:DIST-ENQUIRIES@london] a second enquiry about a child not known: the later enquirer is told of the earlier one and the designated manager is alerted', async () => {
    const handler = await makeUser(database.db, 'team_manager')
    const admin = await makeUser(database.db, 'system_administrator')
    const designated = await makeUser(database.db, 'team_manager', { name: 'Designated Manager (fictional)' })
    await nameTheDesignatedManager(london(), admin, { userId: designated.userId })
    const child = { childFirstName: 'Sky', childLastName: 'Unheardof', childDateOfBirth: '2019-07-01' }

    const first = await recordEnquiry(
      makeDeps(database.db, 'london', '2026-04-03T09:00:00Z'),
      handler,
      enquiry(child),
    )
    expect(first.outcome).toBe('not_known')
    expect(first.answer).toBe('Not known to children’s social care; not on a child protection plan.')
    expect(first.alertRaised).toBe(false)

    const second = await recordEnquiry(
      london(),
      handler,
      enquiry(child, { enquirerAgency: 'Health visiting', enquirerName: 'Pat Lane (fictional)' }),
    )
    expect(second.earlierEnquiryIds).toEqual([first.id])
    expect(second.answer).toBe(
      'Not known to children’s social care; not on a child protection plan. An earlier enquiry about this child was made on 3 April 2026 (Police).',
    )
    expect(second.alertRaised).toBe(true)
    const alert = await outboxTo(designated.email)
    expect(alert).toHaveLength(1)
    expect(alert[0]?.kind).toBe('enquiry_repeated')
    expect(alert[0]?.subject).toBe('A second enquiry about Sky Unheardof')
    expect(second.told).toEqual([
      expect.objectContaining({ userId: designated.userId, why: 'designated_manager' }),
    ])
    expect(second.notes.join(' ')).toContain('the procedure is silent on a window')

    const shown = await showEnquiry(london(), handler, { enquiryId: second.id })
    expect(shown.earlier.map((one) => one.id)).toEqual([first.id])
  })

  test('[rule:DIST-ENQUIRIES@london] a different child of the same name (another date of birth) is not a repeat', async () => {
    const handler = await makeUser(database.db, 'team_manager')
    await recordEnquiry(
      london(),
      handler,
      enquiry({ childFirstName: 'Lee', childLastName: 'Twiname', childDateOfBirth: '2015-01-01' }),
    )
    const other = await recordEnquiry(
      london(),
      handler,
      enquiry({ childFirstName: 'Lee', childLastName: 'Twiname', childDateOfBirth: '2016-02-02' }),
    )
    expect(other.earlierEnquiryIds).toEqual([])
    expect(other.alertRaised).toBe(false)
  })

  test('[rule:DIST-ENQUIRIES@london] a child at the address of a child on a plan: that child’s key worker is told', async () => {
    const handler = await makeUser(database.db, 'conference_administrator')
    const { keyWorker, family } = await childOnPlan('Birchfield', '9 Birch Close, Testtown TT9 9TT')
    const recorded = await recordEnquiry(
      london(),
      handler,
      enquiry({
        childFirstName: 'Dee',
        childLastName: 'Visitor',
        childAddress: '9, Birch Close,  Testtown TT9 9TT',
      }),
    )
    expect(recorded.outcome).toBe('not_known')
    const told = await outboxTo(keyWorker.email)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ kind: 'enquiry_same_address', case_id: family.id })
    expect(recorded.told).toEqual([
      expect.objectContaining({ userId: keyWorker.userId, why: 'key_worker_at_address' }),
    ])
  })

  test('[rule:DIST-ENQUIRIES@london] an open case not on a plan: not on a plan, the key worker named and told; a repeat about a known child raises no alert', async () => {
    const handler = await makeUser(database.db, 'conference_administrator')
    const keyWorker = await makeUser(database.db, 'social_worker', { name: 'Open Case Worker (fictional)' })
    const family = await makeCase(database.db, {
      familyName: 'Cedarwood',
      socialWorkerId: keyWorker.userId,
      children: [{ firstName: 'Max', dob: '2017-09-09' }],
    })
    const child = family.children[0]!
    const input = enquiry({
      childFirstName: 'Max',
      childLastName: 'Cedarwood',
      childDateOfBirth: '2017-09-09',
      match: child.id,
    })
    const first = await recordEnquiry(london(), handler, input)
    expect(first.answer).toBe(
      'Not on a child protection plan. The child’s case is open to children’s social care. The key worker is Open Case Worker (fictional).',
    )
    const second = await recordEnquiry(london(), handler, input)
    expect(second.earlierEnquiryIds).toEqual([first.id])
    expect(second.alertRaised).toBe(false)
    expect((await outboxTo(keyWorker.email)).map((message) => message.kind)).toEqual([
      'enquiry_key_worker',
      'enquiry_key_worker',
    ])
  })

  test('[rule:DIST-ENQUIRIES@london] refused, with nothing written, when the enquirer was not checked or no advice is recorded for a child not known', async () => {
    const handler = await makeUser(database.db, 'team_manager')
    const unchecked = await refused(() =>
      recordEnquiry(
        london(),
        handler,
        enquiry({}, { verifiedHow: 'not_checked', enquirerContact: undefined }),
      ),
    )
    expect(fieldsOf(unchecked)).toEqual(['verifiedHow'])
    expect((unchecked as Error).message).toContain('London 8.16.15-8.16.19')
    const noAdvice = await refused(() => recordEnquiry(london(), handler, enquiry({}, { advice: undefined })))
    expect(fieldsOf(noAdvice)).toEqual(['advice'])
    const noContact = await refused(() =>
      recordEnquiry(london(), handler, enquiry({}, { enquirerContact: '' })),
    )
    expect(fieldsOf(noContact)).toEqual(['enquirerContact'])
  })

  test('refuses a child who does not match the description, and anyone but a team manager or an administrator, writing nothing', async () => {
    const handler = await makeUser(database.db, 'conference_administrator')
    const { child } = await childOnPlan('Damsonvale', '1 Damson Way, Testtown TT1 2TT')
    const wrongChild = await refused(() =>
      recordEnquiry(
        london(),
        handler,
        enquiry({ childFirstName: 'Someone', childLastName: 'Else', match: child.id }),
      ),
    )
    expect(fieldsOf(wrongChild)).toEqual(['match'])
    const worker = await makeUser(database.db, 'social_worker')
    expect(await refused(() => recordEnquiry(london(), worker, enquiry({})))).toBeInstanceOf(Forbidden)
    expect(await refused(() => findEnquiryMatches(london(), worker, enquiry({})))).toBeInstanceOf(Forbidden)
  })

  test('where the procedure is silent (Kent), the enquiry and the answer are logged; nobody is told, no alert is raised, and the record says so', async () => {
    const handler = await makeUser(database.db, 'team_manager')
    const { keyWorker, child } = await childOnPlan('Elmstead', '2 Elm Lane, Testtown TT2 2TT')
    const input = enquiry(
      { childFirstName: 'Robin', childLastName: 'Elmstead', childDateOfBirth: '2018-03-04', match: child.id },
      { verifiedHow: 'not_checked', enquirerContact: undefined, advice: undefined },
    )
    const first = await recordEnquiry(kent(), handler, input)
    expect(first.answer).toBe('On a child protection plan since 12 May 2026, category neglect.')
    expect(first.procedure.status).toBe('silent')
    expect(first.notes).toEqual([
      'The procedure is silent on enquiries about a child: the enquiry and the answer are logged, nobody is told of it and no alert is raised.',
    ])
    const second = await recordEnquiry(kent(), handler, input)
    expect(second.earlierEnquiryIds).toEqual([first.id])
    expect(second.alertRaised).toBe(false)
    expect(second.told).toEqual([])
    expect(await outboxTo(keyWorker.email)).toEqual([])
  })

  test('the case’s staff see the enquiries about its children; a worker on another case may not', async () => {
    const handler = await makeUser(database.db, 'conference_administrator')
    const { keyWorker, family, child } = await childOnPlan('Firlands', '3 Fir Road, Testtown TT3 3TT')
    await recordEnquiry(
      london(),
      handler,
      enquiry({
        childFirstName: 'Robin',
        childLastName: 'Firlands',
        childDateOfBirth: '2018-03-04',
        match: child.id,
      }),
    )
    const listed = await enquiriesAboutCase(london(), keyWorker, { caseId: family.id })
    expect(listed.enquiries.map((one) => one.enquirer.agency)).toEqual(['Police'])
    const stranger = await makeUser(database.db, 'social_worker')
    await expect(enquiriesAboutCase(london(), stranger, { caseId: family.id })).rejects.toBeInstanceOf(
      Forbidden,
    )
  })
})

describe('the designated manager', () => {
  test('a system administrator names a team manager; the history is kept; anyone else is refused', async () => {
    const admin = await makeUser(database.db, 'system_administrator')
    const first = await makeUser(database.db, 'team_manager', { name: 'First Designated (fictional)' })
    const next = await makeUser(database.db, 'team_manager', { name: 'Next Designated (fictional)' })
    await nameTheDesignatedManager(london(), admin, { userId: first.userId })
    await nameTheDesignatedManager(makeDeps(database.db, 'london', '2026-06-02T10:00:00Z'), admin, {
      userId: next.userId,
    })
    const page = await designatedManagerPage(london(), admin)
    expect(page.current?.userId).toBe(next.userId)
    expect(page.history.slice(0, 2).map((one) => one.userId)).toEqual([next.userId, first.userId])
    expect(page.history[1]?.endedAt).not.toBeNull()
    const worker = await makeUser(database.db, 'social_worker')
    const notManager = await refused(() =>
      nameTheDesignatedManager(london(), admin, { userId: worker.userId }),
    )
    expect(fieldsOf(notManager)).toEqual(['userId'])
    expect(
      await refused(() => nameTheDesignatedManager(london(), first, { userId: first.userId })),
    ).toBeInstanceOf(Forbidden)
  })
})
