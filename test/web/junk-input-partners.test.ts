import { PARTNER_FORMS } from './junk-input-partner-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of the partners’ and families’ forms: never a 500; a 400 naming the field, with nothing written. */

/** Files may be at most 4 KB here, so that junk goes past the limit. */
describeJunkForms(PARTNER_FORMS, {
  profileId: 'london',
  now: '2026-05-01T09:00:00Z',
  config: { uploadLimitBytes: 4096 },
})
