import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { ACCOUNT_FORMS } from './junk-input-account-forms.ts'
import { checkValidForm, entryName, type JunkContext, junkEachField, makeCast } from './junk-input-support.ts'
import { useServiceApp } from './service-support.ts'

/**
 * Junk in every field of signing in and out, the system administrator's forms and the outbox:
 * never a 500; a 400 naming the field, with nothing written but the record of a refused sign-in.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'convene-junk-'))
const service = useServiceApp({ profileId: 'london', now: '2026-05-01T09:00:00Z', config: { dataDir } })
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
let ctx: JunkContext

beforeAll(async () => {
  ctx = { service, cast: await makeCast(service) }
}, 60_000)

for (const entry of ACCOUNT_FORMS)
  describe(entryName(entry), () => {
    test('its form as filled in is accepted, and the entry names every input of the page', () =>
      checkValidForm(ctx, entry))
    test(
      'junk in any one field is refused naming that field, or accepted; never a 500',
      () => junkEachField(ctx, entry),
      300_000,
    )
  })
