import { requestReport } from '../../src/app/reports/request-report.ts'
import { councilProfile } from '../../src/app/use-case.ts'
import { reportOutline } from '../../src/domain/conference/report-contents.ts'
import { makeCase, makeConference } from '../support/factories.ts'
import { submittedReport } from './junk-input-conference-forms.ts'
import { CAST_TEAM, type Fields, type FormEntry, type JunkContext } from './junk-input-support.ts'
import { dateParams } from './support.ts'

/**
 * The report forms for the junk test, each with a form that is accepted: the social work report
 * saved as a draft and submitted, and once submitted its sharing with the family and a part withheld.
 */

/** The Brook family's conference, with the social work report asked of the cast's social worker. */
async function askedReport(ctx: JunkContext) {
  const db = ctx.service.deps.db
  const made = await makeCase(db, {
    familyName: 'Brook',
    socialWorkerId: ctx.cast.worker.userId,
    teamManagerId: ctx.cast.manager.userId,
    team: CAST_TEAM,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
    adults: [{ firstName: 'Lou', role: 'parent' }],
  })
  const conference = await makeConference(db, {
    caseId: made.id,
    date: '2026-05-12',
    chairId: ctx.cast.chair.userId,
  })
  const { report } = await requestReport(ctx.service.deps, ctx.cast.admin, {
    conferenceId: conference.id,
    kind: 'social_worker',
  })
  return report.id
}

/** Every section of the report written, a statement marked, and the signature. */
function writtenReport(ctx: JunkContext, action: 'save' | 'submit'): Fields {
  const outline = reportOutline(councilProfile(ctx.service.deps), 'social_worker', 'initial')
  return {
    ...Object.fromEntries(
      outline.sections.map((section) => [
        `sections.${section.code}`,
        `What the report says about ${section.code}.`,
      ]),
    ),
    'statements[0].section': 'analysis',
    'statements[0].text': 'Finn has bruising to his upper arm.',
    'statements[0].kind': 'observation',
    'statements[0].secondHand': 'first',
    'statements[0].from': 'Seen by the school nurse',
    signedBy: 'Sam Social',
    ...dateParams('signedOn', '2026-05-01'),
    action,
  }
}

const BUTTON = {
  statuses: [],
  anyMessage: true,
  why: 'the button pressed: anything but “submit” saves a draft',
}

function writeReport(action: 'save' | 'submit'): FormEntry {
  return {
    route: '/reports/:reportId',
    variant: action === 'save' ? 'a draft saved' : 'submitted',
    // A draft can be saved again and again; a report is submitted once.
    reusable: action === 'save',
    // Each post works out the report's due dates for its page: fewer runs keep the file quick; the
    // submitted form's fields are the draft's, with the signature.
    numRuns: action === 'save' ? 8 : 5,
    async prepare(ctx) {
      const url = `/reports/${await askedReport(ctx)}`
      return { session: ctx.cast.sessions.worker, url, page: url, fields: writtenReport(ctx, action) }
    },
    loose: { action: BUTTON },
  }
}

const shared: FormEntry = {
  route: '/reports/:reportId/shared',
  reusable: true,
  async prepare(ctx) {
    const { reportId } = await submittedReport(ctx)
    const url = `/reports/${reportId}`
    return {
      session: ctx.cast.sessions.worker,
      url: `${url}/shared`,
      page: url,
      fields: { ...dateParams('sharedOn', '2026-05-01'), how: 'in_person' },
    }
  },
  notJunked: {
    section: 'withholding a part, its own route',
    audience: 'withholding a part, its own route',
    audiencePersonId: 'withholding a part, its own route',
    reason: 'withholding a part, its own route',
  },
}

const withheld: FormEntry = {
  route: '/reports/:reportId/withheld',
  async prepare(ctx) {
    const { reportId, jo } = await submittedReport(ctx)
    const url = `/reports/${reportId}`
    return {
      // The chair decides what is kept from the parents in London (DIST-REDACTION, 8.16.6).
      session: ctx.cast.sessions.chair,
      url: `${url}/withheld`,
      page: url,
      fields: {
        section: 'chronology',
        audience: 'person',
        audiencePersonId: jo,
        reason: 'It gives Pat’s new address, which Jo must not know.',
      },
    }
  },
  notJunked: {
    'sharedOn-day': 'sharing the report, its own route',
    'sharedOn-month': 'sharing the report, its own route',
    'sharedOn-year': 'sharing the report, its own route',
    how: 'sharing the report, its own route',
  },
}

export const REPORT_FORMS: readonly FormEntry[] = [
  writeReport('save'),
  writeReport('submit'),
  shared,
  withheld,
]
