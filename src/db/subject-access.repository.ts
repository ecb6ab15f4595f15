import type { Kysely, Selectable } from 'kysely'
import { type JsonInput, type JsonValue, jsonb, jsonObjectOrNull } from './jsonb.ts'
import type {
  ConferenceKindColumn,
  ConferenceStatus,
  Database,
  RequesterRelationship,
  SubjectAccessExportsTable,
  SubjectAccessRequestsTable,
} from './schema.ts'

/**
 * Subject access requests and their exports, and what an export reads about one person: the
 * conferences they were part of, their invitations, their participation as a child, the decisions
 * about them, the requests to exclude them, and the views they sent. The one place that reads and
 * writes `subject_access_requests` and `subject_access_exports`.
 */

type Db = Kysely<Database>

export interface NewSubjectAccessRequest {
  personId: string
  caseId: string
  requesterName: string
  requesterRelationship: RequesterRelationship
  requesterPersonId: string | null
  receivedOn: string
  identityChecked: string
  recordedBy: string
  recordedAt: Date
}

export interface SubjectAccessRequest extends NewSubjectAccessRequest {
  id: string
}

const rowToRequest = (row: Selectable<SubjectAccessRequestsTable>): SubjectAccessRequest => ({
  id: row.id,
  personId: row.person_id,
  caseId: row.case_id,
  requesterName: row.requester_name,
  requesterRelationship: row.requester_relationship,
  requesterPersonId: row.requester_person_id,
  receivedOn: row.received_on,
  identityChecked: row.identity_checked,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at),
})

export async function insertSubjectAccessRequest(
  db: Db,
  request: NewSubjectAccessRequest,
): Promise<SubjectAccessRequest> {
  const row = await db
    .insertInto('subject_access_requests')
    .values({
      person_id: request.personId,
      case_id: request.caseId,
      requester_name: request.requesterName,
      requester_relationship: request.requesterRelationship,
      requester_person_id: request.requesterPersonId,
      received_on: request.receivedOn,
      identity_checked: request.identityChecked,
      recorded_by: request.recordedBy,
      recorded_at: request.recordedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToRequest(row)
}

export async function findSubjectAccessRequest(
  db: Db,
  id: string,
): Promise<SubjectAccessRequest | undefined> {
  const row = await db
    .selectFrom('subject_access_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? rowToRequest(row) : undefined
}

export async function subjectAccessRequestsOf(db: Db, personId: string): Promise<SubjectAccessRequest[]> {
  const rows = await db
    .selectFrom('subject_access_requests')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(rowToRequest)
}

export interface SubjectAccessExportRecord {
  id: string
  requestId: string
  format: 'json' | 'html'
  sha256: string
  leftOut: JsonValue
  exportedBy: string
  exportedAt: Date
}

const rowToExport = (row: Selectable<SubjectAccessExportsTable>): SubjectAccessExportRecord => ({
  id: row.id,
  requestId: row.request_id,
  format: row.format,
  sha256: row.sha256,
  leftOut: row.left_out,
  exportedBy: row.exported_by,
  exportedAt: new Date(row.exported_at),
})

export async function insertSubjectAccessExport(
  db: Db,
  entry: Omit<SubjectAccessExportRecord, 'id' | 'leftOut'> & { leftOut: JsonInput },
): Promise<SubjectAccessExportRecord> {
  const row = await db
    .insertInto('subject_access_exports')
    .values({
      request_id: entry.requestId,
      format: entry.format,
      sha256: entry.sha256,
      left_out: jsonb(entry.leftOut),
      exported_by: entry.exportedBy,
      exported_at: entry.exportedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToExport(row)
}

export async function exportsOfRequest(db: Db, requestId: string): Promise<SubjectAccessExportRecord[]> {
  const rows = await db
    .selectFrom('subject_access_exports')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('exported_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToExport)
}

// What an export reads about one person ---------------------------------------------------------

export interface ConferenceOfPerson {
  id: string
  date: string
  kind: ConferenceKindColumn
  status: ConferenceStatus
  /** The person is a child the conference is about. */
  subject: boolean
}

/** The conferences a person was part of: as a child it was about, as an invitee, or as a person asked to be excluded. */
export async function conferencesOfPerson(db: Db, personId: string): Promise<ConferenceOfPerson[]> {
  const [asChild, asInvitee, asExcluded] = await Promise.all([
    db.selectFrom('conference_children').select('conference_id').where('child_id', '=', personId).execute(),
    db.selectFrom('invitations').select('conference_id').where('person_id', '=', personId).execute(),
    db.selectFrom('exclusions').select('conference_id').where('person_id', '=', personId).execute(),
  ])
  const subjectOf = new Set(asChild.map((row) => row.conference_id))
  const ids = [
    ...new Set([
      ...subjectOf,
      ...asInvitee.map((r) => r.conference_id),
      ...asExcluded.map((r) => r.conference_id),
    ]),
  ]
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('conferences')
    .select(['id', 'date', 'kind', 'status'])
    .where('id', 'in', ids)
    .orderBy('date')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({ ...row, subject: subjectOf.has(row.id) }))
}

export interface InvitationOfPerson {
  conferenceId: string
  role: string
  sentVia: string | null
  sentAt: Date | null
  response: string
  needs: JsonValue
}

export async function invitationsOfPerson(db: Db, personId: string): Promise<InvitationOfPerson[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['conference_id', 'role', 'sent_via', 'sent_at', 'response', 'needs'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    role: row.role,
    sentVia: row.sent_via,
    sentAt: row.sent_at,
    response: row.response,
    needs: row.needs,
  }))
}

export interface ParticipationOfChild {
  conferenceId: string
  wish: string | null
  wishes: string | null
  chairDecision: string | null
  chairReasons: string | null
}

export async function participationOfChild(db: Db, childId: string): Promise<ParticipationOfChild[]> {
  const rows = await db
    .selectFrom('child_participation')
    .select(['conference_id', 'wish', 'wishes', 'chair_decision', 'chair_reasons'])
    .where('child_id', '=', childId)
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    wish: row.wish,
    wishes: row.wishes,
    chairDecision: row.chair_decision,
    chairReasons: row.chair_reasons,
  }))
}

export interface DecisionAboutChild {
  conferenceId: string
  version: number
  thresholdMet: boolean
  plan: boolean
  categories: string[]
  childInNeedPlan: boolean
  recommendations: string | null
  parentsViews: string | null
  outlinePlan: Record<string, string>
  firstCoreGroupOn: string | null
  firstReviewOn: string | null
  finalisedAt: Date
  actions: { action: string; owner: string; dueOn: string | null }[]
}

/** The finalised decisions about a child, the latest finalised version for each conference. */
export async function finalisedDecisionsAbout(db: Db, childId: string): Promise<DecisionAboutChild[]> {
  const rows = await db
    .selectFrom('decisions')
    .selectAll()
    .where('child_id', '=', childId)
    .where('finalised_at', 'is not', null)
    .orderBy('version', 'desc')
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) if (!latest.has(row.conference_id)) latest.set(row.conference_id, row)
  const chosen = [...latest.values()]
  const actions =
    chosen.length === 0
      ? []
      : await db
          .selectFrom('plan_actions')
          .select(['decision_id', 'action', 'owner', 'due_on'])
          .where(
            'decision_id',
            'in',
            chosen.map((row) => row.id),
          )
          .orderBy('created_at')
          .orderBy('id')
          .execute()
  return chosen.map((row) => {
    const outline: Record<string, string> = {}
    for (const [key, text] of Object.entries(jsonObjectOrNull(row.outline_plan) ?? {}))
      if (typeof text === 'string') outline[key] = text
    return {
      conferenceId: row.conference_id,
      version: row.version,
      thresholdMet: row.threshold_met,
      plan: row.plan,
      categories: row.categories,
      childInNeedPlan: row.child_in_need_plan,
      recommendations: row.recommendations,
      parentsViews: row.parents_views,
      outlinePlan: outline,
      firstCoreGroupOn: row.first_core_group_on,
      firstReviewOn: row.first_review_on,
      finalisedAt: row.finalised_at ?? new Date(0),
      actions: actions
        .filter((action) => action.decision_id === row.id)
        .map((action) => ({ action: action.action, owner: action.owner, dueOn: action.due_on })),
    }
  })
}

export interface ExclusionOfPerson {
  conferenceId: string
  scope: 'all' | 'part'
  partDescription: string | null
  grounds: string[]
  requestedOn: string
  decision: 'excluded' | 'not_excluded' | null
  decidedAt: Date | null
  decisionReasons: string | null
  receives: string[]
}

/** Requests to exclude the person from a conference, and the chair's decisions (the evidence given is not read). */
export async function exclusionsOfPerson(db: Db, personId: string): Promise<ExclusionOfPerson[]> {
  const rows = await db
    .selectFrom('exclusions')
    .select([
      'conference_id',
      'scope',
      'part_description',
      'grounds',
      'requested_on',
      'decision',
      'decided_at',
      'decision_reasons',
      'receives',
    ])
    .where('person_id', '=', personId)
    .orderBy('requested_on')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    scope: row.scope,
    partDescription: row.part_description,
    grounds: row.grounds,
    requestedOn: row.requested_on,
    decision: row.decision,
    decidedAt: row.decided_at,
    decisionReasons: row.decision_reasons,
    receives: row.receives,
  }))
}

export interface ViewsSent {
  conferenceId: string
  sentAt: Date
  text: string | null
  sentAsFile: boolean
}

/** The views the person sent for their conferences, as sent. */
export async function viewsSentBy(db: Db, personId: string): Promise<ViewsSent[]> {
  const rows = await db
    .selectFrom('family_views')
    .select(['conference_id', 'sent_at', 'text', 'file_id'])
    .where('person_id', '=', personId)
    .orderBy('sent_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    sentAt: new Date(row.sent_at),
    text: row.text,
    sentAsFile: row.file_id !== null,
  }))
}
