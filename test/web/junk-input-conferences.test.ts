import { CONFERENCE_FORMS } from './junk-input-conference-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of the conference administrator’s forms: never a 500; a 400 naming the field, with nothing written. */

describeJunkForms(CONFERENCE_FORMS, { profileId: 'london', now: '2026-05-01T09:00:00Z' })
