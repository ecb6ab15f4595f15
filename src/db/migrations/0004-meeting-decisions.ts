import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What the decision for each child needs beyond 0002: the chair's reasons where the chair decides
 * without a consensus, the reason for more than one category, the parents' disagreement, the
 * recommendations where no plan is made, the outline plan's sections, and the engine's basis for the
 * first core group and review dates. Plan actions and core group members belong to one version of a
 * decision, so a correction carries its own and a finalised version's are kept as they were.
 */
const up = [
  `ALTER TABLE decisions
    ADD COLUMN chair_reasons text,
    ADD COLUMN category_reason text,
    ADD COLUMN parents_disagree boolean,
    ADD COLUMN parents_told_how_to_challenge boolean,
    ADD COLUMN recommendations text,
    ADD COLUMN outline_plan jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN date_basis jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT decisions_categories_known
      CHECK (categories <@ ARRAY['physical', 'emotional', 'sexual', 'neglect']::text[]),
    ADD CONSTRAINT decisions_several_categories_explained
      CHECK (cardinality(categories) <= 1 OR length(btrim(coalesce(category_reason, ''))) > 0),
    ADD CONSTRAINT decisions_chair_reasons_given
      CHECK (chair_reasons IS NULL OR length(btrim(chair_reasons)) > 0)`,

  'ALTER TABLE plan_actions ADD COLUMN decision_id uuid REFERENCES decisions (id)',
  'CREATE INDEX plan_actions_decision ON plan_actions (decision_id)',
  'ALTER TABLE core_group_members ADD COLUMN decision_id uuid REFERENCES decisions (id)',
  'CREATE INDEX core_group_members_decision ON core_group_members (decision_id)',

  // The outline plan and the core group of a finalised decision are kept as they were, like the decision.
  `CREATE FUNCTION refuse_change_to_finalised_decision_part() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    decision uuid;
  BEGIN
    FOREACH decision IN ARRAY ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.decision_id END,
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.decision_id END
    ] LOOP
      IF decision IS NOT NULL AND EXISTS (SELECT 1 FROM decisions WHERE id = decision AND finalised_at IS NOT NULL) THEN
        RAISE EXCEPTION '% of decision % cannot be changed: the decision is finalised; record a correction as a new version',
          TG_TABLE_NAME, decision USING ERRCODE = 'insufficient_privilege';
      END IF;
    END LOOP;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END
  $$`,
  `CREATE TRIGGER plan_actions_finalised_fixed BEFORE INSERT OR UPDATE OR DELETE ON plan_actions
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_finalised_decision_part()`,
  `CREATE TRIGGER core_group_members_finalised_fixed BEFORE INSERT OR UPDATE OR DELETE ON core_group_members
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_finalised_decision_part()`,
]

const down = [
  'DROP TRIGGER core_group_members_finalised_fixed ON core_group_members',
  'DROP TRIGGER plan_actions_finalised_fixed ON plan_actions',
  'DROP FUNCTION refuse_change_to_finalised_decision_part()',
  'DROP INDEX core_group_members_decision',
  'ALTER TABLE core_group_members DROP COLUMN decision_id',
  'DROP INDEX plan_actions_decision',
  'ALTER TABLE plan_actions DROP COLUMN decision_id',
  `ALTER TABLE decisions
    DROP CONSTRAINT decisions_chair_reasons_given,
    DROP CONSTRAINT decisions_several_categories_explained,
    DROP CONSTRAINT decisions_categories_known,
    DROP COLUMN date_basis,
    DROP COLUMN outline_plan,
    DROP COLUMN recommendations,
    DROP COLUMN parents_told_how_to_challenge,
    DROP COLUMN parents_disagree,
    DROP COLUMN category_reason,
    DROP COLUMN chair_reasons`,
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const meetingDecisions: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
