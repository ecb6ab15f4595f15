import type { ColumnType, Generated, GeneratedAlways } from 'kysely'
import type { JsonbParameter, JsonInput, JsonValue } from './jsonb.ts'

/**
 * The tables as Kysely sees them. Each column's type is written as ColumnType<read, insert, update>:
 * `never` as the update type marks a column no code may change. Row types stay inside src/db;
 * repositories return domain types.
 *
 * Both drivers return the same JavaScript values (src/db/connect.ts sets the parsers): bigint columns
 * as numbers, timestamptz as Date, date as 'YYYY-MM-DD' text, jsonb parsed, text[] as string[].
 */
export interface Database {
  users: UsersTable
  sessions: SessionsTable
  password_resets: PasswordResetsTable
  audit_log: AuditLogTable
  access_log: AccessLogTable
  outbox: OutboxTable
  cases: CasesTable
  people: PeopleTable
  parental_responsibility: ParentalResponsibilityTable
  case_events: CaseEventsTable
  conference_requests: ConferenceRequestsTable
  conferences: ConferencesTable
  conference_children: ConferenceChildrenTable
  attendance: AttendanceTable
  meeting_records: MeetingRecordsTable
  decisions: DecisionsTable
  plan_actions: PlanActionsTable
  core_group_members: CoreGroupMembersTable
  form_drafts: FormDraftsTable
  professionals: ProfessionalsTable
  invitations: InvitationsTable
  invitation_list_agreements: InvitationListAgreementsTable
  child_participation: ChildParticipationTable
  interpreters: InterpretersTable
  observers: ObserversTable
  exclusions: ExclusionsTable
  reports: ReportsTable
  report_withholdings: ReportWithholdingsTable
  break_glass_access: BreakGlassAccessTable
  family_invitations: FamilyInvitationsTable
  family_views: FamilyViewsTable
  partner_links: PartnerLinksTable
  stored_files: StoredFilesTable
  designated_managers: DesignatedManagersTable
  enquiries: EnquiriesTable
  disclosures: DisclosuresTable
  subject_access_requests: SubjectAccessRequestsTable
  subject_access_exports: SubjectAccessExportsTable
  chair_connections: ChairConnectionsTable
}

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** Written once when the row is added; the database refuses changes (see the migration's trigger). */
type Fixed<T> = ColumnType<T, T, never>
type FixedOptional<T> = ColumnType<T | null, T | null | undefined, never>
type FixedJsonb = ColumnType<JsonValue | null, JsonbParameter<JsonInput> | null | undefined, never>
/** Set by the sealer, once, on a row where it is null. */
type SealColumn = ColumnType<string | null, never, string>

/** A person who signs in: staff, a partner practitioner, a family member. */
export interface UsersTable {
  id: Generated<string>
  /** Always lower case; unique. */
  email: string
  display_name: string
  /** An argon2id hash ($argon2id$...); null for people who sign in through the council's identity provider. */
  password_hash: string | null
  roles: ColumnType<string[], string[] | undefined, string[]>
  agency: string | null
  team: string | null
  /** A demo account: refused when the service is not in demo mode. */
  demo: Generated<boolean>
  disabled_at: NullableTimestamp
  created_at: CreatedAt
  /** Wrong passwords or codes since the last success; reset when the account locks. */
  failed_sign_ins: Generated<number>
  locked_until: NullableTimestamp
  /** The TOTP secret (base32) of the second factor, once set up. */
  totp_secret: string | null
  totp_enrolled_at: NullableTimestamp
  /** The last time step a code was accepted for: an older or equal one is refused (no replay). */
  totp_last_step: number | null
  /** "issuer|subject" for people who sign in through the council's identity provider. */
  external_subject: string | null
}

export type SecondFactorState = 'done' | 'code_needed' | 'set_up_needed'

/** A signed-in session. The id is a hash of the random token in the cookie, never the token itself. */
export interface SessionsTable {
  id: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  /** The idle timeout: moved on by activity, never past absolute_expires_at. */
  expires_at: Timestamp
  absolute_expires_at: Fixed<Date | string>
  csrf_secret: Fixed<string>
  /** done; code_needed (password passed, the code not yet); set_up_needed (staff without a second factor yet). */
  second_factor: Generated<SecondFactorState>
  data: ColumnType<JsonValue, JsonbParameter<JsonInput> | undefined, JsonbParameter<JsonInput>>
}

/** An emailed link to choose a new password: the id is a hash of the link's token. */
export interface PasswordResetsTable {
  id: string
  user_id: string
  created_at: Fixed<Date | string>
  expires_at: Fixed<Date | string>
  used_at: NullableTimestamp
}

/**
 * Every change, in the transaction that makes it. Append-only: the database refuses UPDATE and DELETE,
 * except the sealer writing prev_hash and hash once.
 */
export interface AuditLogTable {
  seq: GeneratedAlways<number>
  occurred_at: ColumnType<Date, Date | string | undefined, never>
  actor_user_id: FixedOptional<string>
  /** Who acted, as shown at the time ("Sam Patel, conference administrator", "system"). */
  actor_label: Fixed<string>
  /** What happened, as a dotted name: "conference.convened". */
  action: Fixed<string>
  subject_type: Fixed<string>
  subject_id: FixedOptional<string>
  case_id: FixedOptional<string>
  before: FixedJsonb
  after: FixedJsonb
  from_address: FixedOptional<string>
  prev_hash: SealColumn
  hash: SealColumn
  /** The entry's place in the hash chain, given by the sealer. */
  chain_no: ColumnType<number | null, never, number>
}

/** Every read of a child's record: who, which case (and child), when, from where. Append-only. */
export interface AccessLogTable {
  seq: GeneratedAlways<number>
  occurred_at: ColumnType<Date, Date | string | undefined, never>
  actor_user_id: FixedOptional<string>
  actor_label: Fixed<string>
  /** What was read, as a dotted name: "case.viewed", "report.downloaded". */
  action: Fixed<string>
  case_id: Fixed<string>
  child_id: FixedOptional<string>
  from_address: FixedOptional<string>
  prev_hash: SealColumn
  hash: SealColumn
  /** The entry's place in the hash chain, given by the sealer. */
  chain_no: ColumnType<number | null, never, number>
}

export type OutboxStatus = 'pending' | 'sent' | 'failed'

/** A message written in the transaction of the action that sends it; delivered later by a worker. */
export interface OutboxTable {
  id: Generated<string>
  created_at: CreatedAt
  /** What the message is: "invitation", "report_request", "password_reset". */
  kind: string
  to_address: string
  to_name: string | null
  subject: string
  body_text: string
  body_html: string | null
  case_id: string | null
  conference_id: string | null
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>
  attempts: Generated<number>
  sent_at: NullableTimestamp
  last_error: string | null
}

/** A jsonb column: read parsed, written through `jsonb()`. */
type Jsonb = ColumnType<JsonValue, JsonbParameter<JsonInput> | undefined, JsonbParameter<JsonInput>>
type NullableJsonb = ColumnType<
  JsonValue | null,
  JsonbParameter<JsonInput> | null | undefined,
  JsonbParameter<JsonInput> | null
>

/** A family known to children's social care: the household, its allocated worker, team and manager. */
export interface CasesTable {
  id: Generated<string>
  reference: string
  family_name: string
  household_address: string | null
  social_worker_id: string | null
  team_manager_id: string | null
  team: string | null
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>
  created_at: CreatedAt
  /** Who opened the case (0011); null for cases opened before it was kept. */
  opened_by: ColumnType<string | null, string | null | undefined, string | null>
}

export type PersonRole =
  | 'child'
  | 'unborn'
  | 'parent'
  | 'carer'
  | 'household_member'
  | 'relative'
  | 'advocate'
  | 'supporter'

/** A child, an unborn child or an adult in a case, with what the reports and the census need. */
export interface PeopleTable {
  id: Generated<string>
  case_id: ColumnType<string, string, never>
  role: PersonRole
  first_name: string
  last_name: string
  other_names: string | null
  /** 'YYYY-MM-DD' */
  date_of_birth: string | null
  expected_date_of_delivery: string | null
  gender: string | null
  ethnicity: string | null
  religion: string | null
  first_language: string | null
  interpreter_language: string | null
  disability: string | null
  nationality: string | null
  immigration_status: string | null
  address: string | null
  email: string | null
  phone: string | null
  lives_in_household: Generated<boolean>
  is_subject: Generated<boolean>
  not_subject_reason: string | null
  created_at: CreatedAt
  /** The person's own account, for a family member who signs in (0011). */
  user_id: ColumnType<string | null, string | null | undefined, string | null>
}

/** Which adult holds parental responsibility for which child. */
export interface ParentalResponsibilityTable {
  adult_id: string
  child_id: string
}

export type CaseEventType =
  | 'strategy_discussion'
  | 's47_start'
  | 's47_outcome'
  | 'epo'
  | 'cao'
  | 'transfer_notification'
  | 'child_moved'
  | 'birth'
  | 'core_group'
  | 'visit'
  | 'record_received'
  | 'plan_received'
  | 'cin_plan'
  | 'pre_birth_criteria'

/** Something that happened on a case (the deadlines contract's events, and a few the reports need). */
export interface CaseEventsTable {
  id: Generated<string>
  case_id: string
  type: CaseEventType
  /** 'YYYY-MM-DD': the day it happened (an order's day made, a child assessment order's conclusion). */
  occurred_on: string
  details: Jsonb
  recorded_by: string | null
  recorded_at: CreatedAt
}

export type ConferenceKindColumn = 'initial' | 'review' | 'pre_birth' | 'transfer_in'

/** A request to convene a conference, and the team manager's decision on it. */
export interface ConferenceRequestsTable {
  id: Generated<string>
  case_id: string
  kind: ConferenceKindColumn
  reasons: string
  requested_by: string | null
  requested_at: CreatedAt
  requesting_agency: string | null
  status: ColumnType<
    'requested' | 'authorised' | 'declined',
    'requested' | 'authorised' | 'declined' | undefined,
    'requested' | 'authorised' | 'declined'
  >
  manager_id: string | null
  decided_at: NullableTimestamp
  decision_reasons: string | null
  reply_to_agency: string | null
}

export type ConferenceStatus =
  | 'booked'
  | 'in_progress'
  | 'inquorate'
  | 'adjourned'
  | 'finalised'
  | 'cancelled'

/** A conference: when and where, who chairs and takes the minutes, and its state. */
export interface ConferencesTable {
  id: Generated<string>
  case_id: ColumnType<string, string, never>
  request_id: string | null
  kind: ConferenceKindColumn
  status: ColumnType<ConferenceStatus, ConferenceStatus | undefined, ConferenceStatus>
  date: string
  /** 'HH:MM:SS' as read; written 'HH:MM'. */
  start_time: string | null
  end_time: string | null
  venue: string | null
  remote_link: string | null
  chair_id: string | null
  minute_taker_id: string | null
  scheduling_notes: Jsonb
  delay: NullableJsonb
  created_at: CreatedAt
  finalised_at: NullableTimestamp
  finalised_by: string | null
}

/** The children a conference is about. */
export interface ConferenceChildrenTable {
  conference_id: string
  child_id: string
}

/** Who was at a conference, with what quorum needs to know. */
export interface AttendanceTable {
  id: Generated<string>
  conference_id: string
  invitation_id: string | null
  name: string
  role: string
  agency: string | null
  capacity: string | null
  in_person: Generated<boolean>
  direct_contact_with_child: Generated<boolean>
  expertise_only: Generated<boolean>
}

/** The chair's record of the meeting: checklist, practice model, quorum, going ahead inquorate. */
export interface MeetingRecordsTable {
  conference_id: string
  checklist: Jsonb
  practice_model: Jsonb
  quorum: NullableJsonb
  inquorate: NullableJsonb
  adjournment_reason: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** The decision for one child at one conference; a finalised row is never changed (a trigger refuses it). */
export interface DecisionsTable {
  id: Generated<string>
  conference_id: string
  child_id: string
  version: Generated<number>
  supersedes_id: string | null
  threshold_met: boolean
  threshold_limb: 'suffered' | 'likely_to_suffer' | 'both' | null
  plan: boolean
  categories: ColumnType<string[], string[] | undefined, string[]>
  decided_by: 'consensus' | 'chair'
  professional_views: Jsonb
  dissent: Jsonb
  parents_views: string | null
  child_in_need_plan: Generated<boolean>
  lead_social_worker_id: string | null
  first_core_group_on: string | null
  first_review_on: string | null
  recorded_by: string | null
  recorded_at: CreatedAt
  finalised_at: NullableTimestamp
  correction_reason: string | null
  /** Why the chair decided where the conference did not agree (0004). */
  chair_reasons: string | null
  /** Why more than one category is used, where the procedure allows it (0004). */
  category_reason: string | null
  parents_disagree: boolean | null
  parents_told_how_to_challenge: boolean | null
  /** Where no plan is made: the help recommended (0004). */
  recommendations: string | null
  /** The outline plan's sections, by the profile's section ids (0004). */
  outline_plan: ColumnType<JsonValue, JsonbParameter<JsonInput> | undefined, JsonbParameter<JsonInput>>
  /** The engine's rule, limit and citation behind the first core group and review dates (0004). */
  date_basis: ColumnType<JsonValue, JsonbParameter<JsonInput> | undefined, JsonbParameter<JsonInput>>
}

/** An action of an outline plan: what, who, by when; it belongs to one version of a decision (0004). */
export interface PlanActionsTable {
  id: Generated<string>
  conference_id: string
  child_id: string | null
  decision_id: string | null
  action: string
  owner: string
  /** 'YYYY-MM-DD' */
  due_on: string | null
  created_at: CreatedAt
}

/** What someone has typed into a long form and not yet submitted, kept so that nothing typed is lost. */
export interface FormDraftsTable {
  user_id: string
  /** Which form: "meeting:<conference id>:decision.<child id>". */
  form_key: string
  data: ColumnType<JsonValue, JsonbParameter<JsonInput>, JsonbParameter<JsonInput>>
  saved_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** A member of a child's core group, named at the conference; belongs to one version of a decision (0004). */
export interface CoreGroupMembersTable {
  id: Generated<string>
  conference_id: string
  decision_id: string | null
  name: string
  agency: string | null
  role: string | null
}

/** A practitioner from an agency, who may be invited, asked for a report or sit in a core group. */
export interface ProfessionalsTable {
  id: Generated<string>
  name: string
  /** An agency code: police, health_visiting, school... */
  agency: string
  role_title: string | null
  email: string | null
  phone: string | null
  user_id: string | null
  created_at: CreatedAt
}

export type InvitationRole =
  | 'professional'
  | 'parent'
  | 'carer'
  | 'child'
  | 'supporter'
  | 'advocate'
  | 'interpreter'
  | 'observer'
export type InvitationResponse =
  | 'awaiting'
  | 'attending'
  | 'attending_remotely'
  | 'not_attending'
  | 'report_and_substitute'

/** An invitation to a conference: a person of the case or a professional, how it was sent, the reply. */
export interface InvitationsTable {
  id: Generated<string>
  conference_id: ColumnType<string, string, never>
  person_id: ColumnType<string | null, string | null | undefined, never>
  professional_id: ColumnType<string | null, string | null | undefined, never>
  role: InvitationRole
  agency: string | null
  sent_via: 'email' | 'post' | 'by_hand' | 'phone' | null
  sent_at: NullableTimestamp
  response: ColumnType<InvitationResponse, InvitationResponse | undefined, InvitationResponse>
  substitute_name: string | null
  /** Interpreter, advocate, supporter, access needs. */
  needs: Jsonb
  /** Why invited, a parent's arrangements when not attending, a professional's reason for not attending. */
  details: Jsonb
  created_at: CreatedAt
}

/** The chair's agreement of the invitation list, where the procedure asks for it (P-MEMBERSHIP). */
export interface InvitationListAgreementsTable {
  conference_id: string
  /** [{ personId } | { professionalId }]: the invitees the chair agreed. */
  invitees: Jsonb
  agreed_by: string
  agreed_at: Timestamp
  note: string | null
}

/** A child's participation in a conference: the presumption, their wishes, the chair's decision. */
export interface ChildParticipationTable {
  conference_id: string
  child_id: string
  /** The participation code from P-CHILD-AGE, or 'unknown' where the date of birth is not recorded. */
  presumption: string
  wishes: string | null
  views_heard_by: string | null
  chair_decision: 'attend' | 'attend_part' | 'views_only' | 'not_invited' | null
  chair_reasons: string | null
  /** The child's own wish: attend, attend_part, not_attend, not_known. */
  wish: 'attend' | 'attend_part' | 'not_attend' | 'not_known' | null
  decided_by: string | null
  decided_at: NullableTimestamp
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** An interpreter arranged for a person at a conference. */
export interface InterpretersTable {
  id: Generated<string>
  conference_id: string
  for_person_id: string
  language: string
  interpreter_name: string
  agency: string | null
  /** Set only where a person of the case interprets and the procedure is silent on it. */
  interpreter_person_id: string | null
  created_at: CreatedAt
}

/** A professional observer and the consents the procedure requires (P-OBSERVER). */
export interface ObserversTable {
  id: Generated<string>
  conference_id: string
  name: string
  agency: string
  purpose: string
  /** { [consent code]: { given, on, by, note } } */
  consents: Jsonb
  created_at: CreatedAt
}

/** A request to exclude a family member from all or part of a conference, and the chair's decision. */
export interface ExclusionsTable {
  id: Generated<string>
  conference_id: string
  person_id: string
  scope: 'all' | 'part'
  part_description: string | null
  grounds: string[]
  evidence: string
  requested_by: string
  /** 'YYYY-MM-DD' */
  requested_on: string
  decision: 'excluded' | 'not_excluded' | null
  decided_by: string | null
  decided_at: NullableTimestamp
  decision_reasons: string | null
  views_heard_by: string | null
  /** What the excluded person receives (X-RECORD): social_work_report, record_of_part_attended... */
  receives: ColumnType<string[], string[] | undefined, string[]>
}

export type ReportStatus = 'requested' | 'draft' | 'submitted'

/** A report to a conference: the social worker's or an agency's, written on the profile's items. */
export interface ReportsTable {
  id: Generated<string>
  conference_id: string
  kind: 'social_worker' | 'agency'
  agency: string
  author_name: string
  author_user_id: string | null
  professional_id: string | null
  /** { [section code]: text } */
  sections: Jsonb
  /** [{ section, text, kind, secondHand, source }] */
  statements: Jsonb
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>
  requested_at: NullableTimestamp
  saved_at: NullableTimestamp
  signed_by: string | null
  signed_on: string | null
  received_at: NullableTimestamp
  shared_with_family_on: string | null
  shared_how: string | null
  /** The sections and marking rules the report was requested on, with rules and citations. */
  outline: Jsonb
  /** The report as the agency sent it, a file, in place of the profile's sections (0012). */
  file_id: ColumnType<string | null, string | null | undefined, string | null>
}

/**
 * A team manager's opening of a case they have no relationship to ("break glass", 0011): why, and
 * until when; flagged until a manager reviews it. Never changed, except its review, written once.
 */
export interface BreakGlassAccessTable {
  id: Generated<string>
  user_id: Fixed<string>
  case_id: Fixed<string>
  reason: Fixed<string>
  granted_at: Fixed<Date | string>
  expires_at: Fixed<Date | string>
  from_address: FixedOptional<string>
  reviewed_by: string | null
  reviewed_at: NullableTimestamp
  review_note: string | null
}

/** A section of a report withheld from a named audience, with the reason. */
export interface ReportWithholdingsTable {
  id: Generated<string>
  report_id: string
  /** The section withheld, or null: the whole report (0015). */
  section: string | null
  audience: 'person' | 'child' | 'advocate' | 'family'
  audience_person_id: string | null
  reason: string
  withheld_by: string | null
  created_at: CreatedAt
}

/** The one-time link sent with a partner's invitation (0012): the id is a hash of the link's token. */
export interface PartnerLinksTable {
  id: string
  invitation_id: Fixed<string>
  created_at: Fixed<Date | string>
  expires_at: Fixed<Date | string>
  used_at: NullableTimestamp
  /** The account the link was used for. */
  used_by: string | null
}

/** A file sent to the service, kept in the database with the type found from its content (0012); never changed. */
export interface StoredFilesTable {
  id: Generated<string>
  bytes: Fixed<Uint8Array>
  /** The type found from the content (application/pdf, ...), never the type the sender claimed. */
  media_type: Fixed<string>
  size_bytes: Fixed<number>
  sha256: Fixed<string>
  original_name: Fixed<string>
  uploaded_by: FixedOptional<string>
  case_id: Fixed<string>
  conference_id: FixedOptional<string>
  created_at: CreatedAt
}

export type FamilyAccountRole = 'parent_carer' | 'child_young_person'

/** An emailed invitation to a family member's own account (0013): only the hash of the link's token is kept. */
export interface FamilyInvitationsTable {
  id: Generated<string>
  person_id: ColumnType<string, string, never>
  /** Always lower case. */
  email: ColumnType<string, string, never>
  token_hash: ColumnType<string, string, never>
  role: ColumnType<FamilyAccountRole, FamilyAccountRole, never>
  sent_by: ColumnType<string, string, never>
  message_id: string | null
  created_at: Fixed<Date | string>
  expires_at: Fixed<Date | string>
  used_at: NullableTimestamp
  /** Set when a newer invitation to the same person replaces this one. */
  withdrawn_at: NullableTimestamp
  /** The account the link opened or joined. */
  user_id: string | null
}

/** A family member's views for a conference, written or as a stored file (0013); kept as sent. */
export interface FamilyViewsTable {
  id: Generated<string>
  conference_id: Fixed<string>
  person_id: Fixed<string>
  sent_by: Fixed<string>
  text: FixedOptional<string>
  file_id: FixedOptional<string>
  sent_at: Fixed<Date | string>
}

/** The manager the council names to oversee enquiries about children (0014); one at a time, history kept. */
export interface DesignatedManagersTable {
  id: Generated<string>
  user_id: Fixed<string>
  named_by: Fixed<string>
  named_at: Fixed<Date | string>
  ended_at: NullableTimestamp
}

export type EnquiryVerification =
  | 'call_back_known_number'
  | 'known_secure_email'
  | 'seen_in_person'
  | 'not_checked'
export type EnquiryOutcome = 'on_plan' | 'open_case' | 'not_on_plan' | 'not_known'

/** An enquiry about whether a child is known or on a plan, and the answer given (0014); never changed. */
export interface EnquiriesTable {
  id: Generated<string>
  received_at: Fixed<Date | string>
  enquirer_name: Fixed<string>
  enquirer_agency: Fixed<string>
  enquirer_role: Fixed<string>
  /** The number or address the enquirer was checked on (a known switchboard number called back). */
  enquirer_contact: FixedOptional<string>
  verified_how: Fixed<EnquiryVerification>
  verification_note: FixedOptional<string>
  reason: Fixed<string>
  child_first_name: Fixed<string>
  child_last_name: Fixed<string>
  /** 'YYYY-MM-DD' */
  child_date_of_birth: FixedOptional<string>
  child_address: FixedOptional<string>
  /** The child as asked about, normalised, to find an earlier enquiry about a child not found. */
  child_key: Fixed<string>
  person_id: FixedOptional<string>
  case_id: FixedOptional<string>
  outcome: Fixed<EnquiryOutcome>
  answer: Fixed<string>
  advice: FixedOptional<string>
  earlier_enquiry_ids: ColumnType<string[], string[] | undefined, never>
  alert_raised: ColumnType<boolean, boolean | undefined, never>
  /** [{ userId, name, why, messageId }]: who was told of the enquiry. */
  told: FixedJsonb
  /** What the procedure does not say, and who could not be told, in words, as shown with the answer. */
  notes: ColumnType<string[], string[] | undefined, never>
  /** The rule as applied: { rule, status, says, source }. */
  procedure: FixedJsonb
  answered_by: Fixed<string>
}

/** Conference records passed to a third party, with the legal basis (0014); never changed. */
export interface DisclosuresTable {
  id: Generated<string>
  case_id: Fixed<string>
  conference_id: Fixed<string>
  recipient_name: Fixed<string>
  recipient_organisation: Fixed<string>
  what: Fixed<string>
  purpose: Fixed<string>
  basis: Fixed<'consent' | 'court_order' | 'other'>
  consent_by: FixedOptional<'chair' | 'lead_social_worker'>
  consent_user_id: FixedOptional<string>
  consent_given_on: FixedOptional<string>
  consent_how: FixedOptional<string>
  court_order_reference: FixedOptional<string>
  court_order_made_on: FixedOptional<string>
  court: FixedOptional<string>
  other_basis: FixedOptional<string>
  procedure: FixedJsonb
  decided_by: Fixed<string>
  decided_at: Fixed<Date | string>
}

export type RequesterRelationship = 'self' | 'parent_or_carer' | 'representative'

/** A person's request for the data Convene holds about them (0014); never changed. */
export interface SubjectAccessRequestsTable {
  id: Generated<string>
  person_id: Fixed<string>
  case_id: Fixed<string>
  requester_name: Fixed<string>
  requester_relationship: Fixed<RequesterRelationship>
  requester_person_id: FixedOptional<string>
  /** 'YYYY-MM-DD' */
  received_on: Fixed<string>
  identity_checked: Fixed<string>
  recorded_by: Fixed<string>
  recorded_at: Fixed<Date | string>
}

/** One export given for a subject access request: a digest of it and what was left out (0014). */
export interface SubjectAccessExportsTable {
  id: Generated<string>
  request_id: Fixed<string>
  format: Fixed<'json' | 'html'>
  sha256: Fixed<string>
  left_out: FixedJsonb
  exported_by: Fixed<string>
  exported_at: Fixed<Date | string>
}

export type ChairConnectionDecision = 'not_yet_decided' | 'chair_stays' | 'chair_replaced'

/** A chair's declared personal connection with a conference's family, discussed with their manager (0015). */
export interface ChairConnectionsTable {
  id: Generated<string>
  conference_id: ColumnType<string, string, never>
  chair_id: ColumnType<string, string, never>
  connection: string
  discussed_with: string | null
  /** 'YYYY-MM-DD' */
  discussed_on: string | null
  decision: ChairConnectionDecision
  recorded_by: string
  recorded_at: Timestamp
}
