import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * The audit and access logs become a hash chain. Entries are written by many transactions at once
 * and numbered (`seq`) when written; a sealer, shortly after, gives each committed entry its place in
 * the chain (`chain_no`, 1, 2, 3... in the order it seals them) and its hash, which covers the entry
 * and the hash before it. Writers never wait on the chain; an entry whose transaction commits late
 * simply takes a later place. The sealer may set prev_hash, hash and chain_no once; nothing else.
 */
const up = [
  'ALTER TABLE audit_log ADD COLUMN chain_no bigint',
  'ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_no_unique UNIQUE (chain_no)',
  'ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_no_sealed CHECK ((chain_no IS NULL) = (hash IS NULL) AND (chain_no IS NULL OR chain_no > 0))',
  'ALTER TABLE access_log ADD COLUMN chain_no bigint',
  'ALTER TABLE access_log ADD CONSTRAINT access_log_chain_no_unique UNIQUE (chain_no)',
  'ALTER TABLE access_log ADD CONSTRAINT access_log_chain_no_sealed CHECK ((chain_no IS NULL) = (hash IS NULL) AND (chain_no IS NULL OR chain_no > 0))',
  `CREATE OR REPLACE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE'
      AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND OLD.chain_no IS NULL
      AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.chain_no IS NOT NULL
      AND (to_jsonb(NEW) - 'prev_hash' - 'hash' - 'chain_no') = (to_jsonb(OLD) - 'prev_hash' - 'hash' - 'chain_no')
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % of entry % is refused', TG_TABLE_NAME, TG_OP, OLD.seq
      USING ERRCODE = 'insufficient_privilege',
        HINT = 'Entries are never changed or removed; only the sealer may set prev_hash, hash and chain_no, once.';
  END
  $$`,
]

const down = [
  `CREATE OR REPLACE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE'
      AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
      AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
      AND (to_jsonb(NEW) - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'prev_hash' - 'hash')
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % of entry % is refused', TG_TABLE_NAME, TG_OP, OLD.seq
      USING ERRCODE = 'insufficient_privilege';
  END
  $$`,
  'ALTER TABLE access_log DROP COLUMN chain_no',
  'ALTER TABLE audit_log DROP COLUMN chain_no',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const logChain: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
