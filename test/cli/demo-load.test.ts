import { afterAll, describe, expect, test } from 'vitest'
import { DEMO_USERS } from '../../src/app/demo/demo-users.ts'
import { embeddedDatabaseFolder, openDatabase } from '../../src/db/connect.ts'
import { linesOf, makeDataDir, runConvene, SPAWN_TIMEOUT } from './run-convene.ts'

describe('convene demo load', { timeout: SPAWN_TIMEOUT }, () => {
  const data = makeDataDir()
  afterAll(() => data.remove())
  const env = { CONVENE_DATA_DIR: data.dir, CONVENE_PROFILE: 'york' }

  test('loads the demo into a new embedded database, then says it is already there and writes nothing', async () => {
    const first = await runConvene(['demo', 'load'], { env })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const lines = linesOf(first.stdout)
    expect(lines[0]).toMatch(
      /^Loaded the demo: 15 demo accounts and 9 fictional families, under the york procedure\. \(embedded database in .+\/pglite\)$/,
    )
    expect(lines.filter((line) => /^ {2}CP-\S+ {2}\S+ \(demo\): /.test(line))).toHaveLength(9)
    for (const user of DEMO_USERS) expect(lines).toContain(`  ${user.email}  ${user.displayName}`)
    expect(first.stdout).toContain('each with the password demo-password')
    expect(first.stdout).not.toContain('Demo mode is off')

    const second = await runConvene(['demo', 'load'], { env })
    expect(second.stderr).toBe('')
    expect(second.code).toBe(0)
    expect(linesOf(second.stdout)).toEqual([
      expect.stringMatching(
        /^The demo data is already there: nothing was loaded\. \(embedded database in .+\)$/,
      ),
    ])

    const opened = await openDatabase({ kind: 'embedded', folder: embeddedDatabaseFolder(data.dir) })
    try {
      const users = await opened.db.selectFrom('users').select(['email', 'demo']).execute()
      expect(users).toHaveLength(DEMO_USERS.length)
      expect(users.every((user) => user.demo)).toBe(true)
      const cases = await opened.db.selectFrom('cases').select('family_name').execute()
      expect(cases).toHaveLength(9)
    } finally {
      await opened.close()
    }
  })

  test('refuses a procedure that is not loaded, naming the ones that are', async () => {
    const run = await runConvene(['demo', 'load'], { env: { ...env, CONVENE_PROFILE: 'atlantis' } })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^CONVENE_PROFILE: "atlantis" is not a procedure here\. The procedures loaded are: .*london/,
    )
  })
})
