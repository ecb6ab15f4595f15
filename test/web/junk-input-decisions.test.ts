import { DURING_MEETING } from '../support/meeting-fixtures.ts'
import { DECISION_FORMS } from './junk-input-meeting-forms.ts'
import { describeJunkForms } from './junk-input-suite.ts'

/** Junk in every field of the chair’s decisions at the meeting: never a 500; a 400 naming the field, with nothing written. */

describeJunkForms(DECISION_FORMS, { profileId: 'london', now: DURING_MEETING })
