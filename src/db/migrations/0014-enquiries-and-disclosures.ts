import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What Convene says about a child to people outside the case, and to whom (DIST-ENQUIRIES,
 * DIST-THIRD-PARTY):
 * - enquiries: who asked whether a child is known or on a plan, how they were checked, which child
 *   (as asked and, where found, the record), the answer given, who was told, by whom and when;
 * - designated_managers: the manager the council names to oversee enquiries (London 8.16.15,
 *   8.16.19), with the history of who held the role;
 * - disclosures: conference records passed to a third party, with the legal basis (whose consent,
 *   or which court order), who decided and when;
 * - subject_access_requests and subject_access_exports: a person's request for their data and each
 *   export given, with a digest of what was given and what was left out and why.
 * Every one is a record of something said or given: rows are never changed or removed.
 */
const up = [
  `CREATE FUNCTION refuse_disclosure_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is a record of what was said or given: % is refused', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END
  $$`,

  `CREATE TABLE designated_managers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id),
    named_by uuid NOT NULL REFERENCES users (id),
    named_at timestamptz NOT NULL,
    ended_at timestamptz,
    CONSTRAINT designated_managers_ends_after_start CHECK (ended_at IS NULL OR ended_at >= named_at)
  )`,
  // One designated manager at a time.
  'CREATE UNIQUE INDEX designated_managers_current ON designated_managers ((true)) WHERE ended_at IS NULL',

  `CREATE TABLE enquiries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    received_at timestamptz NOT NULL,
    enquirer_name text NOT NULL CHECK (length(btrim(enquirer_name)) > 0),
    enquirer_agency text NOT NULL CHECK (length(btrim(enquirer_agency)) > 0),
    enquirer_role text NOT NULL CHECK (length(btrim(enquirer_role)) > 0),
    enquirer_contact text,
    verified_how text NOT NULL CHECK (verified_how IN
      ('call_back_known_number', 'known_secure_email', 'seen_in_person', 'not_checked')),
    verification_note text,
    reason text NOT NULL CHECK (length(btrim(reason)) > 0),
    child_first_name text NOT NULL,
    child_last_name text NOT NULL,
    child_date_of_birth date,
    child_address text,
    child_key text NOT NULL,
    person_id uuid REFERENCES people (id),
    case_id uuid REFERENCES cases (id),
    outcome text NOT NULL CHECK (outcome IN ('on_plan', 'open_case', 'not_on_plan', 'not_known')),
    answer text NOT NULL CHECK (length(btrim(answer)) > 0),
    advice text,
    earlier_enquiry_ids uuid[] NOT NULL DEFAULT '{}',
    alert_raised boolean NOT NULL DEFAULT false,
    told jsonb NOT NULL DEFAULT '[]',
    notes text[] NOT NULL DEFAULT '{}',
    procedure jsonb NOT NULL,
    answered_by uuid NOT NULL REFERENCES users (id),
    CONSTRAINT enquiries_child_found_in_case CHECK ((person_id IS NULL) = (case_id IS NULL)),
    CONSTRAINT enquiries_not_known_has_no_child CHECK ((outcome = 'not_known') = (person_id IS NULL))
  )`,
  'CREATE INDEX enquiries_person ON enquiries (person_id, received_at) WHERE person_id IS NOT NULL',
  'CREATE INDEX enquiries_case ON enquiries (case_id, received_at) WHERE case_id IS NOT NULL',
  'CREATE INDEX enquiries_child_key ON enquiries (child_key, received_at)',
  `CREATE TRIGGER enquiries_fixed BEFORE UPDATE OR DELETE ON enquiries
    FOR EACH ROW EXECUTE FUNCTION refuse_disclosure_record_change()`,

  `CREATE TABLE disclosures (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    recipient_name text NOT NULL CHECK (length(btrim(recipient_name)) > 0),
    recipient_organisation text NOT NULL CHECK (length(btrim(recipient_organisation)) > 0),
    what text NOT NULL CHECK (length(btrim(what)) > 0),
    purpose text NOT NULL CHECK (length(btrim(purpose)) > 0),
    basis text NOT NULL CHECK (basis IN ('consent', 'court_order', 'other')),
    consent_by text CHECK (consent_by IN ('chair', 'lead_social_worker')),
    consent_user_id uuid REFERENCES users (id),
    consent_given_on date,
    consent_how text,
    court_order_reference text,
    court_order_made_on date,
    court text,
    other_basis text,
    procedure jsonb NOT NULL,
    decided_by uuid NOT NULL REFERENCES users (id),
    decided_at timestamptz NOT NULL,
    CONSTRAINT disclosures_consent_recorded CHECK (basis <> 'consent' OR
      (consent_by IS NOT NULL AND consent_user_id IS NOT NULL AND consent_given_on IS NOT NULL)),
    CONSTRAINT disclosures_court_order_recorded CHECK (basis <> 'court_order' OR
      (length(btrim(coalesce(court_order_reference, ''))) > 0 AND court_order_made_on IS NOT NULL)),
    CONSTRAINT disclosures_other_basis_recorded CHECK (basis <> 'other' OR
      length(btrim(coalesce(other_basis, ''))) > 0)
  )`,
  'CREATE INDEX disclosures_case ON disclosures (case_id, decided_at)',
  `CREATE TRIGGER disclosures_fixed BEFORE UPDATE OR DELETE ON disclosures
    FOR EACH ROW EXECUTE FUNCTION refuse_disclosure_record_change()`,

  `CREATE TABLE subject_access_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people (id),
    case_id uuid NOT NULL REFERENCES cases (id),
    requester_name text NOT NULL CHECK (length(btrim(requester_name)) > 0),
    requester_relationship text NOT NULL CHECK (requester_relationship IN
      ('self', 'parent_or_carer', 'representative')),
    requester_person_id uuid REFERENCES people (id),
    received_on date NOT NULL,
    identity_checked text NOT NULL CHECK (length(btrim(identity_checked)) > 0),
    recorded_by uuid NOT NULL REFERENCES users (id),
    recorded_at timestamptz NOT NULL
  )`,
  'CREATE INDEX subject_access_requests_person ON subject_access_requests (person_id)',
  `CREATE TRIGGER subject_access_requests_fixed BEFORE UPDATE OR DELETE ON subject_access_requests
    FOR EACH ROW EXECUTE FUNCTION refuse_disclosure_record_change()`,

  `CREATE TABLE subject_access_exports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    request_id uuid NOT NULL REFERENCES subject_access_requests (id),
    format text NOT NULL CHECK (format IN ('json', 'html')),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    left_out jsonb NOT NULL,
    exported_by uuid NOT NULL REFERENCES users (id),
    exported_at timestamptz NOT NULL
  )`,
  'CREATE INDEX subject_access_exports_request ON subject_access_exports (request_id, exported_at)',
  `CREATE TRIGGER subject_access_exports_fixed BEFORE UPDATE OR DELETE ON subject_access_exports
    FOR EACH ROW EXECUTE FUNCTION refuse_disclosure_record_change()`,
]

const down = [
  'DROP TABLE subject_access_exports',
  'DROP TABLE subject_access_requests',
  'DROP TABLE disclosures',
  'DROP TABLE enquiries',
  'DROP TABLE designated_managers',
  'DROP FUNCTION refuse_disclosure_record_change()',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const enquiriesAndDisclosures: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
