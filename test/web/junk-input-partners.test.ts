import { beforeAll, describe, test } from 'vitest'
import { PARTNER_FORMS } from './junk-input-partner-forms.ts'
import { checkValidForm, entryName, type JunkContext, junkEachField, makeCast } from './junk-input-support.ts'
import { useServiceApp } from './service-support.ts'

/** Junk in every field of the partners’ and families’ forms: never a 500; a 400 naming the field, with nothing written. */

/** Files may be at most 4 KB here, so that junk goes past the limit. */
const service = useServiceApp({
  profileId: 'london',
  now: '2026-05-01T09:00:00Z',
  config: { uploadLimitBytes: 4096 },
})
let ctx: JunkContext

beforeAll(async () => {
  ctx = { service, cast: await makeCast(service) }
}, 60_000)

for (const entry of PARTNER_FORMS)
  describe(entryName(entry), () => {
    test('its form as filled in is accepted, and the entry names every input of the page', () =>
      checkValidForm(ctx, entry))
    test(
      'junk in any one field is refused naming that field, or accepted; never a 500',
      () => junkEachField(ctx, entry),
      300_000,
    )
  })
