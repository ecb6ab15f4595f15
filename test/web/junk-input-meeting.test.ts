import { DURING_MEETING } from '../support/meeting-fixtures.ts'
import { MEETING_FORMS } from './junk-input-meeting-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of the chair’s meeting forms: never a 500; a 400 naming the field, with nothing written. */

describeJunkForms(MEETING_FORMS, { profileId: 'london', now: DURING_MEETING })
