import type { Kysely } from 'kysely'
import { jsonb } from '../../../src/db/jsonb.ts'
import type { Database } from '../../../src/db/schema.ts'
import { reportOutline } from '../../../src/domain/conference/report-contents.ts'
import { testLibrary } from '../../support/factories.ts'

/**
 * What the enquiry, disclosure and subject access tests set up beyond the shared factories: a
 * finalised decision about a child, a submitted agency report with its sections, and a part of it
 * withheld from an audience. Written directly, as the factories are.
 */

type Db = Kysely<Database>

/** A finalised decision about a child at a conference (a plan with categories, or no plan). */
export async function finalisedDecision(
  db: Db,
  spec: {
    conferenceId: string
    childId: string
    plan: boolean
    categories?: string[]
    leadSocialWorkerId?: string
    version?: number
  },
): Promise<string> {
  const categories = spec.plan ? (spec.categories ?? ['neglect']) : []
  const row = await db
    .insertInto('decisions')
    .values({
      conference_id: spec.conferenceId,
      child_id: spec.childId,
      version: spec.version ?? 1,
      threshold_met: spec.plan,
      plan: spec.plan,
      categories,
      category_reason: categories.length > 1 ? 'Both are present (fictional test reason)' : null,
      decided_by: 'consensus',
      lead_social_worker_id: spec.leadSocialWorkerId ?? null,
      finalised_at: new Date('2026-05-12T12:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A submitted agency report for a conference, on the profile's outline, with the text of each section given, shared with the family unless said. */
export async function submittedReport(
  db: Db,
  spec: {
    conferenceId: string
    profileId: string
    sections: Record<string, string>
    author?: string
    /** Shared with the family (the default), or not yet. */
    shared?: boolean
  },
): Promise<string> {
  const profile = testLibrary().profiles.get(spec.profileId)
  if (!profile) throw new Error(`no profile ${spec.profileId}`)
  const outline = reportOutline(profile, 'agency', 'initial')
  const row = await db
    .insertInto('reports')
    .values({
      conference_id: spec.conferenceId,
      kind: 'agency',
      agency: 'school',
      author_name: spec.author ?? 'Jo Price (fictional)',
      outline: jsonb(outline as never),
      sections: jsonb(spec.sections),
      statements: jsonb([]),
      status: 'submitted',
      signed_by: spec.author ?? 'Jo Price (fictional)',
      signed_on: '2026-05-08',
      received_at: new Date('2026-05-08T10:00:00Z'),
      shared_with_family_on: (spec.shared ?? true) ? '2026-05-09' : null,
      shared_how: (spec.shared ?? true) ? 'Given to the parents by the social worker' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A section of a report withheld from an audience, with the reason. */
export async function withholdSection(
  db: Db,
  spec: {
    reportId: string
    section: string
    audience: 'person' | 'child' | 'advocate' | 'family'
    personId?: string
    reason: string
  },
): Promise<void> {
  await db
    .insertInto('report_withholdings')
    .values({
      report_id: spec.reportId,
      section: spec.section,
      audience: spec.audience,
      audience_person_id: spec.personId ?? null,
      reason: spec.reason,
    })
    .execute()
}

/** The tables an enquiry, a disclosure or a subject access request may write. */
export const DISCLOSURE_TABLES = [
  'enquiries',
  'designated_managers',
  'disclosures',
  'subject_access_requests',
  'subject_access_exports',
  'outbox',
  'audit_log',
] as const satisfies readonly (keyof Database)[]
