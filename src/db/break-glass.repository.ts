import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Break-glass grants: a team manager's recorded reason for opening a case they have no relationship to. */

type Db = Kysely<Database>

export interface BreakGlassGrant {
  id: string
  userId: string
  caseId: string
  reason: string
  grantedAt: Date
  expiresAt: Date
  fromAddress: string | null
  review: { by: string; at: Date; note: string } | null
}

/** A grant as the review page lists it: with who was given it and which case. */
export interface BreakGlassListing extends BreakGlassGrant {
  userName: string
  caseReference: string
  familyName: string
  reviewerName: string | null
}

const GRANT_COLUMNS = [
  'id',
  'user_id',
  'case_id',
  'reason',
  'granted_at',
  'expires_at',
  'from_address',
  'reviewed_by',
  'reviewed_at',
  'review_note',
] as const
const COLUMNS = GRANT_COLUMNS.map((column) => `b.${column}` as const)

interface GrantRow {
  id: string
  user_id: string
  case_id: string
  reason: string
  granted_at: Date | string
  expires_at: Date | string
  from_address: string | null
  reviewed_by: string | null
  reviewed_at: Date | null
  review_note: string | null
}

function grantOf(row: GrantRow): BreakGlassGrant {
  return {
    id: row.id,
    userId: row.user_id,
    caseId: row.case_id,
    reason: row.reason,
    grantedAt: new Date(row.granted_at),
    expiresAt: new Date(row.expires_at),
    fromAddress: row.from_address,
    review:
      row.reviewed_by !== null && row.reviewed_at !== null && row.review_note !== null
        ? { by: row.reviewed_by, at: new Date(row.reviewed_at), note: row.review_note }
        : null,
  }
}

export async function insertBreakGlass(
  db: Db,
  grant: Pick<BreakGlassGrant, 'userId' | 'caseId' | 'reason' | 'grantedAt' | 'expiresAt' | 'fromAddress'>,
): Promise<BreakGlassGrant> {
  const row = await db
    .insertInto('break_glass_access')
    .values({
      user_id: grant.userId,
      case_id: grant.caseId,
      reason: grant.reason,
      granted_at: grant.grantedAt,
      expires_at: grant.expiresAt,
      from_address: grant.fromAddress?.slice(0, 100) ?? null,
    })
    .returning(GRANT_COLUMNS)
    .executeTakeFirstOrThrow()
  return grantOf(row)
}

export async function findBreakGlass(db: Db, id: string): Promise<BreakGlassListing | undefined> {
  const row = await listings(db).where('b.id', '=', id).executeTakeFirst()
  return row && listingOf(row)
}

function listings(db: Db) {
  return db
    .selectFrom('break_glass_access as b')
    .innerJoin('users as holder', 'holder.id', 'b.user_id')
    .innerJoin('cases as c', 'c.id', 'b.case_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'b.reviewed_by')
    .select([
      ...COLUMNS,
      'holder.display_name as user_name',
      'c.reference as case_reference',
      'c.family_name',
      'reviewer.display_name as reviewer_name',
    ])
    .$castTo<
      GrantRow & {
        user_name: string
        case_reference: string
        family_name: string
        reviewer_name: string | null
      }
    >()
}

function listingOf(
  row: GrantRow & {
    user_name: string
    case_reference: string
    family_name: string
    reviewer_name: string | null
  },
): BreakGlassListing {
  return {
    ...grantOf(row),
    userName: row.user_name,
    caseReference: row.case_reference,
    familyName: row.family_name,
    reviewerName: row.reviewer_name,
  }
}

/** Grants not yet reviewed, oldest first: at most `limit`. */
export async function unreviewedBreakGlass(db: Db, limit: number): Promise<BreakGlassListing[]> {
  const rows = await listings(db)
    .where('b.reviewed_at', 'is', null)
    .orderBy('b.granted_at')
    .orderBy('b.id')
    .limit(limit)
    .execute()
  return rows.map(listingOf)
}

/** The latest reviewed grants, newest review first: at most `limit`. */
export async function recentlyReviewedBreakGlass(db: Db, limit: number): Promise<BreakGlassListing[]> {
  const rows = await listings(db)
    .where('b.reviewed_at', 'is not', null)
    .orderBy('b.reviewed_at', 'desc')
    .orderBy('b.id')
    .limit(limit)
    .execute()
  return rows.map(listingOf)
}

/** Writes a grant's review; false when it was already reviewed (the grant is left as it was). */
export async function reviewBreakGlass(
  db: Db,
  id: string,
  review: { by: string; at: Date; note: string },
): Promise<boolean> {
  const result = await db
    .updateTable('break_glass_access')
    .set({ reviewed_by: review.by, reviewed_at: review.at, review_note: review.note })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
