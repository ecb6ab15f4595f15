import { randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { beforeAll } from 'vitest'
import type { Role } from '../../src/app/actor.ts'
import type { Database } from '../../src/db/schema.ts'
import type { TestDatabaseHandle } from './database.ts'
import type { TestUser } from './factories.ts'

/**
 * The staff around one conference, all fictional: the conference administrator who books and invites,
 * the chair, and the allocated social worker and their team manager.
 */
export interface ConferenceTeam {
  admin: TestUser
  chair: TestUser
  socialWorker: TestUser
  manager: TestUser
}

/** What a test may say of a member of the team; names matter where a message or a list shows them. */
export interface TeamMemberSpec {
  name?: string
  team?: string
}

export type ConferenceTeamSpec = Partial<Record<keyof ConferenceTeam, TeamMemberSpec>>

const MEMBERS: Record<keyof ConferenceTeam, { role: Role; name: string }> = {
  admin: { role: 'conference_administrator', name: 'Ash Admin' },
  chair: { role: 'chair', name: 'Chris Chair' },
  socialWorker: { role: 'social_worker', name: 'Sam Social' },
  manager: { role: 'team_manager', name: 'Mo Manager' },
}

type PlannedUser = TestUser & { team: string | null }

function planTeam(spec: ConferenceTeamSpec): Record<keyof ConferenceTeam, PlannedUser> {
  const plan = (member: keyof ConferenceTeam): PlannedUser => ({
    userId: randomUUID(),
    name: spec[member]?.name ?? MEMBERS[member].name,
    roles: [MEMBERS[member].role],
    email: `${randomBytes(5).toString('hex')}@example.org`,
    team: spec[member]?.team ?? null,
  })
  return {
    admin: plan('admin'),
    chair: plan('chair'),
    socialWorker: plan('socialWorker'),
    manager: plan('manager'),
  }
}

async function insertTeam(db: Kysely<Database>, team: Record<keyof ConferenceTeam, PlannedUser>) {
  for (const user of Object.values(team))
    await db
      .insertInto('users')
      .values({
        id: user.userId,
        email: user.email,
        display_name: user.name,
        roles: [...user.roles],
        team: user.team,
        agency: 'childrens_social_care',
      })
      .execute()
}

function asTeam(planned: Record<keyof ConferenceTeam, PlannedUser>): ConferenceTeam {
  const member = ({ team: _team, ...user }: PlannedUser): TestUser => user
  return {
    admin: member(planned.admin),
    chair: member(planned.chair),
    socialWorker: member(planned.socialWorker),
    manager: member(planned.manager),
  }
}

/** A conference team written to the database now. */
export async function makeConferenceTeam(
  db: Kysely<Database>,
  spec: ConferenceTeamSpec = {},
): Promise<ConferenceTeam> {
  const planned = planTeam(spec)
  await insertTeam(db, planned)
  return asTeam(planned)
}

/**
 * One conference team for the whole test file. The members (and their ids) are known at once, so a
 * file can name them at its top; they are written to the database before its tests run. Call it after
 * useTestDatabase(), whose database must be open first.
 */
export function useConferenceTeam(
  database: TestDatabaseHandle,
  spec: ConferenceTeamSpec = {},
): ConferenceTeam {
  const planned = planTeam(spec)
  beforeAll(async () => {
    await insertTeam(database.db, planned)
  })
  return asTeam(planned)
}
