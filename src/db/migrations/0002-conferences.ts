import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * The conference journey: cases and the people in them, what happened before the conference, the
 * request to convene, conferences with their invitations, reports, attendance and meeting record, and
 * the decision for each child. A finalised decision is never changed: a correction is a new version.
 */
const up = [
  `CREATE TABLE professionals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CONSTRAINT professionals_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    agency text NOT NULL CONSTRAINT professionals_agency_name CHECK (agency ~ '^[a-z][a-z_]*$'),
    role_title text,
    email text CONSTRAINT professionals_email CHECK (email IS NULL OR email LIKE '_%@_%'),
    phone text,
    user_id uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX professionals_agency ON professionals (agency, name)',

  `CREATE TABLE cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference text NOT NULL UNIQUE,
    family_name text NOT NULL CONSTRAINT cases_family_name_length CHECK (length(btrim(family_name)) BETWEEN 1 AND 200),
    household_address text,
    social_worker_id uuid REFERENCES users (id),
    team_manager_id uuid REFERENCES users (id),
    team text,
    status text NOT NULL DEFAULT 'open' CONSTRAINT cases_status_known CHECK (status IN ('open', 'closed')),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX cases_social_worker ON cases (social_worker_id) WHERE status = $$open$$',
  'CREATE INDEX cases_family_name ON cases (lower(family_name))',

  `CREATE TABLE people (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id),
    role text NOT NULL CONSTRAINT people_role_known
      CHECK (role IN ('child', 'unborn', 'parent', 'carer', 'household_member', 'relative', 'advocate', 'supporter')),
    first_name text NOT NULL CONSTRAINT people_first_name_length CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
    last_name text NOT NULL CONSTRAINT people_last_name_length CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
    other_names text,
    date_of_birth date,
    expected_date_of_delivery date,
    gender text,
    ethnicity text,
    religion text,
    first_language text,
    interpreter_language text,
    disability text,
    nationality text,
    immigration_status text,
    address text,
    email text CONSTRAINT people_email CHECK (email IS NULL OR email LIKE '_%@_%'),
    phone text,
    lives_in_household boolean NOT NULL DEFAULT true,
    is_subject boolean NOT NULL DEFAULT false,
    not_subject_reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT people_unborn_has_edd CHECK (role <> 'unborn' OR expected_date_of_delivery IS NOT NULL),
    CONSTRAINT people_subject_is_child CHECK (NOT is_subject OR role IN ('child', 'unborn')),
    CONSTRAINT people_child_subject_or_reason
      CHECK (role NOT IN ('child', 'unborn') OR is_subject OR length(btrim(coalesce(not_subject_reason, ''))) > 0)
  )`,
  'CREATE INDEX people_case ON people (case_id)',
  'CREATE INDEX people_name ON people (lower(last_name), lower(first_name))',
  'CREATE INDEX people_date_of_birth ON people (date_of_birth)',

  `CREATE TABLE parental_responsibility (
    adult_id uuid NOT NULL REFERENCES people (id),
    child_id uuid NOT NULL REFERENCES people (id),
    PRIMARY KEY (adult_id, child_id)
  )`,

  `CREATE TABLE case_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id),
    type text NOT NULL CONSTRAINT case_events_type_known CHECK (type IN (
      'strategy_discussion', 's47_start', 's47_outcome', 'epo', 'cao', 'transfer_notification', 'child_moved',
      'birth', 'core_group', 'visit', 'record_received', 'plan_received', 'cin_plan', 'pre_birth_criteria')),
    occurred_on date NOT NULL,
    details jsonb NOT NULL DEFAULT '{}',
    recorded_by uuid REFERENCES users (id),
    recorded_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX case_events_case ON case_events (case_id, occurred_on)',

  `CREATE TABLE conference_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id),
    kind text NOT NULL CONSTRAINT conference_requests_kind_known
      CHECK (kind IN ('initial', 'review', 'pre_birth', 'transfer_in')),
    reasons text NOT NULL CONSTRAINT conference_requests_reasons_given CHECK (length(btrim(reasons)) > 0),
    requested_by uuid REFERENCES users (id),
    requested_at timestamptz NOT NULL DEFAULT now(),
    requesting_agency text,
    status text NOT NULL DEFAULT 'requested'
      CONSTRAINT conference_requests_status_known CHECK (status IN ('requested', 'authorised', 'declined')),
    manager_id uuid REFERENCES users (id),
    decided_at timestamptz,
    decision_reasons text,
    reply_to_agency text,
    CONSTRAINT conference_requests_decision_complete
      CHECK (status = 'requested' OR (manager_id IS NOT NULL AND decided_at IS NOT NULL AND length(btrim(coalesce(decision_reasons, ''))) > 0))
  )`,
  'CREATE INDEX conference_requests_case ON conference_requests (case_id)',

  `CREATE TABLE conferences (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id),
    request_id uuid REFERENCES conference_requests (id),
    kind text NOT NULL CONSTRAINT conferences_kind_known CHECK (kind IN ('initial', 'review', 'pre_birth', 'transfer_in')),
    status text NOT NULL DEFAULT 'booked' CONSTRAINT conferences_status_known
      CHECK (status IN ('booked', 'in_progress', 'inquorate', 'adjourned', 'finalised', 'cancelled')),
    date date NOT NULL,
    start_time time,
    end_time time,
    venue text,
    remote_link text,
    chair_id uuid REFERENCES users (id),
    minute_taker_id uuid REFERENCES users (id),
    scheduling_notes jsonb NOT NULL DEFAULT '{}',
    delay jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    finalised_at timestamptz,
    finalised_by uuid REFERENCES users (id),
    CONSTRAINT conferences_end_after_start CHECK (end_time IS NULL OR start_time IS NULL OR end_time > start_time),
    CONSTRAINT conferences_finalised_whole CHECK ((status = 'finalised') = (finalised_at IS NOT NULL))
  )`,
  'CREATE INDEX conferences_case ON conferences (case_id, date)',
  `CREATE INDEX conferences_upcoming ON conferences (date) WHERE status IN ('booked', 'in_progress', 'adjourned')`,

  `CREATE TABLE conference_children (
    conference_id uuid NOT NULL REFERENCES conferences (id),
    child_id uuid NOT NULL REFERENCES people (id),
    PRIMARY KEY (conference_id, child_id)
  )`,

  `CREATE TABLE invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    person_id uuid REFERENCES people (id),
    professional_id uuid REFERENCES professionals (id),
    role text NOT NULL CONSTRAINT invitations_role_known CHECK (role IN
      ('professional', 'parent', 'carer', 'child', 'supporter', 'advocate', 'interpreter', 'observer')),
    agency text,
    sent_via text CONSTRAINT invitations_sent_via_known CHECK (sent_via IN ('email', 'post', 'by_hand', 'phone')),
    sent_at timestamptz,
    response text NOT NULL DEFAULT 'awaiting' CONSTRAINT invitations_response_known
      CHECK (response IN ('awaiting', 'attending', 'attending_remotely', 'not_attending', 'report_and_substitute')),
    substitute_name text,
    needs jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invitations_one_invitee CHECK ((person_id IS NULL) <> (professional_id IS NULL))
  )`,
  'CREATE INDEX invitations_conference ON invitations (conference_id)',
  'CREATE UNIQUE INDEX invitations_person_once ON invitations (conference_id, person_id) WHERE person_id IS NOT NULL',
  `CREATE UNIQUE INDEX invitations_professional_once ON invitations (conference_id, professional_id)
    WHERE professional_id IS NOT NULL`,

  `CREATE TABLE child_participation (
    conference_id uuid NOT NULL REFERENCES conferences (id),
    child_id uuid NOT NULL REFERENCES people (id),
    presumption text NOT NULL,
    wishes text,
    views_heard_by text,
    chair_decision text CONSTRAINT child_participation_decision_known
      CHECK (chair_decision IN ('attend', 'attend_part', 'views_only', 'not_invited')),
    chair_reasons text,
    PRIMARY KEY (conference_id, child_id)
  )`,

  `CREATE TABLE interpreters (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    for_person_id uuid NOT NULL REFERENCES people (id),
    language text NOT NULL,
    interpreter_name text NOT NULL,
    agency text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE observers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    name text NOT NULL,
    agency text NOT NULL,
    purpose text NOT NULL,
    consents jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE exclusions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    person_id uuid NOT NULL REFERENCES people (id),
    scope text NOT NULL CONSTRAINT exclusions_scope_known CHECK (scope IN ('all', 'part')),
    part_description text,
    grounds text[] NOT NULL CONSTRAINT exclusions_grounds_given CHECK (cardinality(grounds) > 0),
    evidence text NOT NULL,
    requested_by text NOT NULL,
    requested_on date NOT NULL,
    decision text CONSTRAINT exclusions_decision_known CHECK (decision IN ('excluded', 'not_excluded')),
    decided_by uuid REFERENCES users (id),
    decided_at timestamptz,
    decision_reasons text,
    views_heard_by text,
    CONSTRAINT exclusions_part_described CHECK (scope = 'all' OR length(btrim(coalesce(part_description, ''))) > 0)
  )`,

  `CREATE TABLE reports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    kind text NOT NULL CONSTRAINT reports_kind_known CHECK (kind IN ('social_worker', 'agency')),
    agency text NOT NULL,
    author_name text NOT NULL,
    author_user_id uuid REFERENCES users (id),
    professional_id uuid REFERENCES professionals (id),
    sections jsonb NOT NULL DEFAULT '{}',
    statements jsonb NOT NULL DEFAULT '[]',
    status text NOT NULL DEFAULT 'requested'
      CONSTRAINT reports_status_known CHECK (status IN ('requested', 'draft', 'submitted')),
    requested_at timestamptz,
    saved_at timestamptz,
    signed_by text,
    signed_on date,
    received_at timestamptz,
    shared_with_family_on date,
    shared_how text,
    CONSTRAINT reports_submitted_signed
      CHECK (status <> 'submitted' OR (signed_by IS NOT NULL AND signed_on IS NOT NULL AND received_at IS NOT NULL))
  )`,
  'CREATE INDEX reports_conference ON reports (conference_id)',

  `CREATE TABLE report_withholdings (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    report_id uuid NOT NULL REFERENCES reports (id),
    section text NOT NULL,
    audience text NOT NULL CONSTRAINT report_withholdings_audience_known
      CHECK (audience IN ('person', 'child', 'advocate', 'family')),
    audience_person_id uuid REFERENCES people (id),
    reason text NOT NULL CONSTRAINT report_withholdings_reason_given CHECK (length(btrim(reason)) > 0),
    withheld_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_withholdings_person_named CHECK ((audience = 'person') = (audience_person_id IS NOT NULL))
  )`,

  `CREATE TABLE attendance (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    invitation_id uuid REFERENCES invitations (id),
    name text NOT NULL,
    role text NOT NULL CONSTRAINT attendance_role_known CHECK (role IN
      ('professional', 'parent', 'carer', 'child', 'supporter', 'advocate', 'interpreter', 'observer', 'minute_taker', 'chair')),
    agency text,
    capacity text,
    in_person boolean NOT NULL DEFAULT true,
    direct_contact_with_child boolean NOT NULL DEFAULT false,
    expertise_only boolean NOT NULL DEFAULT false
  )`,
  'CREATE INDEX attendance_conference ON attendance (conference_id)',

  `CREATE TABLE meeting_records (
    conference_id uuid PRIMARY KEY REFERENCES conferences (id),
    checklist jsonb NOT NULL DEFAULT '{}',
    practice_model jsonb NOT NULL DEFAULT '{}',
    quorum jsonb,
    inquorate jsonb,
    adjournment_reason text,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE decisions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    child_id uuid NOT NULL REFERENCES people (id),
    version integer NOT NULL DEFAULT 1,
    supersedes_id uuid REFERENCES decisions (id),
    threshold_met boolean NOT NULL,
    threshold_limb text CONSTRAINT decisions_threshold_limb_known
      CHECK (threshold_limb IN ('suffered', 'likely_to_suffer', 'both')),
    plan boolean NOT NULL,
    categories text[] NOT NULL DEFAULT '{}',
    decided_by text NOT NULL CONSTRAINT decisions_decided_by_known CHECK (decided_by IN ('consensus', 'chair')),
    professional_views jsonb NOT NULL DEFAULT '[]',
    dissent jsonb NOT NULL DEFAULT '[]',
    parents_views text,
    child_in_need_plan boolean NOT NULL DEFAULT false,
    lead_social_worker_id uuid REFERENCES users (id),
    first_core_group_on date,
    first_review_on date,
    recorded_by uuid REFERENCES users (id),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    finalised_at timestamptz,
    correction_reason text,
    CONSTRAINT decisions_plan_has_category CHECK (NOT plan OR cardinality(categories) >= 1),
    CONSTRAINT decisions_no_plan_no_category CHECK (plan OR cardinality(categories) = 0),
    CONSTRAINT decisions_plan_needs_threshold CHECK (NOT plan OR threshold_met),
    CONSTRAINT decisions_correction_explained
      CHECK (supersedes_id IS NULL OR length(btrim(coalesce(correction_reason, ''))) > 0)
  )`,
  'CREATE UNIQUE INDEX decisions_version ON decisions (conference_id, child_id, version)',

  // A finalised decision is kept as it was: a correction is a new version that supersedes it.
  `CREATE FUNCTION refuse_finalised_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF OLD.finalised_at IS NOT NULL THEN
      RAISE EXCEPTION '% % is finalised and cannot be changed; record a correction as a new version',
        TG_TABLE_NAME, OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END
  $$`,
  `CREATE TRIGGER decisions_finalised_fixed BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION refuse_finalised_change()`,

  `CREATE TABLE plan_actions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    child_id uuid REFERENCES people (id),
    action text NOT NULL CONSTRAINT plan_actions_action_given CHECK (length(btrim(action)) > 0),
    owner text NOT NULL,
    due_on date,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE core_group_members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    name text NOT NULL,
    agency text,
    role text
  )`,

  `CREATE TABLE form_drafts (
    user_id uuid NOT NULL REFERENCES users (id),
    form_key text NOT NULL,
    data jsonb NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, form_key)
  )`,
]

const down = [
  'DROP TABLE form_drafts',
  'DROP TABLE core_group_members',
  'DROP TABLE plan_actions',
  'DROP TABLE decisions',
  'DROP FUNCTION refuse_finalised_change()',
  'DROP TABLE meeting_records',
  'DROP TABLE attendance',
  'DROP TABLE report_withholdings',
  'DROP TABLE reports',
  'DROP TABLE exclusions',
  'DROP TABLE observers',
  'DROP TABLE interpreters',
  'DROP TABLE child_participation',
  'DROP TABLE invitations',
  'DROP TABLE conference_children',
  'DROP TABLE conferences',
  'DROP TABLE conference_requests',
  'DROP TABLE case_events',
  'DROP TABLE parental_responsibility',
  'DROP TABLE people',
  'DROP TABLE cases',
  'DROP TABLE professionals',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const conferences: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
