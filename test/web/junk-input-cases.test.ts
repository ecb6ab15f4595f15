import { CASE_FORMS } from './junk-input-case-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of the case forms: never a 500; a 400 naming the field, with nothing written. */

describeJunkForms(CASE_FORMS, { profileId: 'london', now: '2026-05-01T09:00:00Z' })
