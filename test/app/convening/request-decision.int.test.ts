import { describe, expect, test } from 'vitest'
import { authoriseConference } from '../../../src/app/convening/authorise-conference.ts'
import { declineConference } from '../../../src/app/convening/decline-conference.ts'
import { requestConference } from '../../../src/app/convening/request-conference.ts'
import { Conflict, Forbidden, type ValidationFailed } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps } from '../../support/factories.ts'
import { useCase } from '../../support/families.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { socialWorker: worker, manager } = useConferenceTeam(database, { manager: { name: 'Priya Shah' } })

const family = useCase(database, {
  familyName: 'Adeyemi',
  socialWorkerId: worker.userId,
  teamManagerId: manager.userId,
})

async function request(profile: string, requestingAgency?: string) {
  return requestConference(makeDeps(database.db, profile), worker, {
    caseId: family.id,
    kind: 'initial',
    reasons: 'Section 47 enquiry substantiated concerns of physical harm',
    ...(requestingAgency ? { requestingAgency } : {}),
  })
}

const reply = {
  to: { address: 'di.marsh@police.example.org', name: 'DI Marsh' },
  text: 'Thank you for your request. We have decided not to convene a conference because...',
}

describe('requestConference', () => {
  test('a social worker asks for a conference, with the reasons and the agency that asked; audited', async () => {
    const made = await request('london', 'Metropolitan Police')
    expect(made).toMatchObject({
      caseId: family.id,
      kind: 'initial',
      status: 'requested',
      requestedBy: worker.userId,
      requestingAgency: 'Metropolitan Police',
      managerId: null,
    })
    const audit = await auditRecord(database.db, made.id)
    expect(audit).toMatchObject({ action: 'conference_request.made', case_id: family.id })
  })

  test('refuses a request without reasons or with an unknown kind, naming each field, and writes nothing', async () => {
    const error = await refused(() =>
      requestConference(makeDeps(database.db, 'london'), worker, {
        caseId: family.id,
        kind: 'strategy',
        reasons: '',
      }),
    )
    expect((error as ValidationFailed).issues.map((issue) => issue.field)).toEqual(['kind', 'reasons'])
  })
})

describe('authoriseConference (G-CONVENE)', () => {
  test('[rule:G-CONVENE@london] the team manager authorises with reasons; the procedure’s rule is returned', async () => {
    const made = await request('london')
    const decided = await authoriseConference(makeDeps(database.db, 'london'), manager, {
      requestId: made.id,
      reasons: 'Threshold met; strategy discussion and police referral preceded',
    })
    expect(decided.request).toMatchObject({
      status: 'authorised',
      managerId: manager.userId,
      decisionReasons: 'Threshold met; strategy discussion and police referral preceded',
      decidedAt: new Date('2026-05-01T09:00:00Z'),
    })
    expect(decided.replyMessageId).toBeNull()
    expect(decided.procedure).toMatchObject({
      rule: 'G-CONVENE',
      status: 'specified',
      source: 'London 8.1.2-8.1.6',
    })
    const audit = await auditRecord(database.db, made.id, 'conference_request.authorised')
    expect(audit.before).toMatchObject({ status: 'requested' })
    expect(audit.after).toMatchObject({ status: 'authorised' })
  })

  test('only a team manager authorises; a decided request cannot be decided again', async () => {
    const made = await request('london')
    const forbidden = await refused(() =>
      authoriseConference(makeDeps(database.db, 'london'), worker, { requestId: made.id, reasons: 'Yes' }),
    )
    expect(forbidden).toBeInstanceOf(Forbidden)
    await authoriseConference(makeDeps(database.db, 'london'), manager, {
      requestId: made.id,
      reasons: 'Yes',
    })
    const again = await refused(() =>
      declineConference(makeDeps(database.db, 'london'), manager, { requestId: made.id, reasons: 'No' }),
    )
    expect(again).toBeInstanceOf(Conflict)
  })
})

describe('declineConference (G-CONVENE)', () => {
  test('[rule:G-CONVENE] refuses declining without reasons, naming the field, and writes nothing', async () => {
    const made = await request('york')
    const error = await refused(() =>
      declineConference(makeDeps(database.db, 'york'), manager, { requestId: made.id, reasons: '   ' }),
    )
    expect((error as ValidationFailed).issues).toEqual([{ field: 'reasons', message: 'is required' }])
  })

  test('[rule:G-CONVENE@kent_medway] where another agency asked, Kent needs the written reply: refused without it', async () => {
    const made = await request('kent_medway', 'Kent Police')
    const error = await refused(() =>
      declineConference(makeDeps(database.db, 'kent_medway'), manager, {
        requestId: made.id,
        reasons: 'Risk is being managed under a child in need plan',
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'reply', message: expect.stringContaining('Kent §2 asks for a written reply') },
    ])
  })

  test('[rule:G-CONVENE@kent_medway] the reply to the agency goes to the outbox with the decision, in one transaction', async () => {
    const made = await request('kent_medway', 'Kent Police')
    const decided = await declineConference(makeDeps(database.db, 'kent_medway'), manager, {
      requestId: made.id,
      reasons: 'Risk is being managed under a child in need plan',
      reply,
    })
    expect(decided.request).toMatchObject({
      status: 'declined',
      decisionReasons: 'Risk is being managed under a child in need plan',
      replyToAgency: reply.text,
    })
    const message = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', decided.replyMessageId!)
      .executeTakeFirstOrThrow()
    expect(message).toMatchObject({
      kind: 'conference_request_reply',
      to_address: 'di.marsh@police.example.org',
      to_name: 'DI Marsh',
      body_text: reply.text,
      case_id: family.id,
      status: 'pending',
    })
    expect(message.subject).toContain(family.reference)
    expect(message.subject).toContain('not agreed')
    const audit = await auditRecord(database.db, made.id, 'conference_request.declined')
    expect(audit.after).toMatchObject({ status: 'declined', replyMessageId: decided.replyMessageId })
  })

  test('[rule:G-CONVENE@london] London does not ask for a written reply: declining with reasons alone is recorded', async () => {
    const made = await request('london', 'Metropolitan Police')
    const decided = await declineConference(makeDeps(database.db, 'london'), manager, {
      requestId: made.id,
      reasons: 'Not backed by a senior or designated professional; discussed with the DS',
    })
    expect(decided.request.status).toBe('declined')
    expect(decided.replyMessageId).toBeNull()
  })

  test('refuses a reply to an address that is not an email address, naming the field', async () => {
    const made = await request('kent_medway', 'Kent Police')
    const error = await refused(() =>
      declineConference(makeDeps(database.db, 'kent_medway'), manager, {
        requestId: made.id,
        reasons: 'No',
        reply: { ...reply, to: { address: 'police' } },
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'reply.to.address', message: 'must be an email address, like name@example.org' },
    ])
  })
})
