import { REPORT_FORMS } from './junk-input-report-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of the report forms: never a 500; a 400 naming the field, with nothing written. */

describeJunkForms(REPORT_FORMS, { profileId: 'london', now: '2026-05-01T09:00:00Z' })
