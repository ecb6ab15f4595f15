import { DISCLOSURE_FORMS } from './junk-input-disclosure-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of break-glass access, enquiries, disclosures and subject access requests: never a 500; a 400 naming the field, with nothing written. */

describeJunkForms(DISCLOSURE_FORMS, { profileId: 'london', now: '2026-06-01T09:00:00Z' })
