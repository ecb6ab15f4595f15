import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { ACCOUNT_FORMS } from './junk-input-account-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/**
 * Junk in every field of signing in and out, the system administrator's forms and the outbox:
 * never a 500; a 400 naming the field, with nothing written but the record of a refused sign-in.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'convene-junk-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
describeJunkForms(ACCOUNT_FORMS, { profileId: 'london', now: '2026-05-01T09:00:00Z', config: { dataDir } })
