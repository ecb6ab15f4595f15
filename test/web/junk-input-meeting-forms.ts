import { requestExclusion } from '../../src/app/invitations/request-exclusion.ts'
import { finaliseConference } from '../../src/app/meeting/finalise-conference.ts'
import { adjournMeeting } from '../../src/app/meeting/quorum.ts'
import { recordAttendance } from '../../src/app/meeting/record-attendance.ts'
import { recordDecision } from '../../src/app/meeting/record-decision.ts'
import { makeCase, makeConference } from '../support/factories.ts'
import { INQUORATE, planDecision, QUORATE } from '../support/meeting-fixtures.ts'
import {
  CAST_TEAM,
  type Fields,
  type FormEntry,
  formInputNames,
  type JunkContext,
  type LooseField,
} from './junk-input-support.ts'
import type { WebSession } from './service-support.ts'
import { dateParams } from './support.ts'

/**
 * The chair's meeting forms for the junk test, each with a form that is accepted: the chair's
 * declared connection with the family, the opening checklist, attendance, the quorum and what
 * follows when there is none, adjourning and resuming, the notes, each child's decision and its correction, finalising, and deciding a request to exclude.
 * The service's clock is during the meeting (DURING_MEETING).
 */

/** The Rivers family, allocated to the cast, with a conference about Ada chaired by the cast's chair. */
async function riversMeeting(ctx: JunkContext, attendance: 'quorate' | 'inquorate' | 'none' = 'quorate') {
  const db = ctx.service.deps.db
  const made = await makeCase(db, {
    familyName: 'Rivers',
    socialWorkerId: ctx.cast.worker.userId,
    teamManagerId: ctx.cast.manager.userId,
    team: CAST_TEAM,
    children: [{ firstName: 'Ada', dob: '2019-02-11' }],
    adults: [{ firstName: 'Dana', role: 'parent' }],
  })
  const conference = await makeConference(db, { caseId: made.id, chairId: ctx.cast.chair.userId })
  if (attendance !== 'none')
    await recordAttendance(ctx.service.deps, ctx.cast.chair, {
      conferenceId: conference.id,
      attendees: attendance === 'quorate' ? QUORATE : INQUORATE,
    })
  const meeting = `/conferences/${conference.id}/meeting`
  return {
    conferenceId: conference.id,
    ada: made.children[0]!.id,
    dana: made.adults[0]!.id,
    meeting,
    path: (rest: string) => `${meeting}/${rest}`,
  }
}

/** The names of the inputs of the form posting to `action` on the page at `page`. */
async function namesOn(session: WebSession, page: string, action: string): Promise<string[]> {
  return formInputNames((await session.get(page)).body, action)
}

/** The button pressed: “draft” keeps a draft, anything else records. */
const BUTTON: LooseField = { statuses: [], anyMessage: true, why: 'the button pressed, not typed' }

const checklist: FormEntry = {
  reusable: true,
  route: '/conferences/:conferenceId/meeting/checklist',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const url = rivers.path('checklist')
    const fields: Fields = {}
    for (const name of await namesOn(ctx.cast.sessions.chair, url, url)) {
      if (name.endsWith('-done')) fields[name] = 'yes'
      if (name.endsWith('-note')) fields[name] = 'Done with the family present.'
    }
    return { session: ctx.cast.sessions.chair, url, page: url, fields }
  },
}

/** One attendee as the attendance form sends them. */
const ATTENDEE = {
  'attendees-0-name': 'DC Lee Hart',
  'attendees-0-role': 'professional',
  'attendees-0-agency': 'police',
  'attendees-0-capacity': 'detective constable',
  'attendees-0-inPerson': 'yes',
  'attendees-0-directContactWithChild': 'yes',
  'attendees-0-expertiseOnly': 'yes',
}

const attendance: FormEntry = {
  reusable: true,
  route: '/conferences/:conferenceId/meeting/attendance',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx, 'none')
    const url = rivers.path('attendance')
    return { session: ctx.cast.sessions.chair, url, page: url, fields: { ...ATTENDEE } }
  },
  notJunked: { 'attendees-0-id': 'the attendee changed, only on the form that changes one' },
}

const attendanceChanged: FormEntry = {
  route: '/conferences/:conferenceId/meeting/attendance',
  variant: 'changing an attendee',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const url = rivers.path('attendance')
    const attendee = await ctx.service.deps.db
      .selectFrom('attendance')
      .select('id')
      .where('conference_id', '=', rivers.conferenceId)
      .where('name', '=', 'DC Lee Hart')
      .executeTakeFirstOrThrow()
    return {
      session: ctx.cast.sessions.chair,
      url,
      page: `${url}?change=${attendee.id}`,
      fields: { 'attendees-0-id': attendee.id, ...ATTENDEE },
    }
  },
  loose: {
    'attendees-0-id': {
      statuses: [400, 404, 409],
      anyMessage: true,
      why: 'the attendee changed, a hidden input: another id is no one at the meeting',
    },
  },
}

/** A form that is only a button: the junk is sent in a field it does not have, which it must ignore. */
const BUTTON_ONLY = { numRuns: 5 }

const removeAttendee: FormEntry = {
  route: '/conferences/:conferenceId/meeting/attendance/:attendeeId/remove',
  ...BUTTON_ONLY,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const attendee = await ctx.service.deps.db
      .selectFrom('attendance')
      .select('id')
      .where('conference_id', '=', rivers.conferenceId)
      .executeTakeFirstOrThrow()
    return {
      session: ctx.cast.sessions.chair,
      url: rivers.path(`attendance/${attendee.id}/remove`),
      page: rivers.path('attendance'),
      fields: {},
    }
  },
  notJunked: Object.fromEntries(
    [...Object.keys(ATTENDEE), 'attendees-0-id'].map((name) => [name, 'the attendance form, its own route']),
  ),
}

const checkQuorum: FormEntry = {
  route: '/conferences/:conferenceId/meeting/quorum',
  ...BUTTON_ONLY,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    return {
      session: ctx.cast.sessions.chair,
      url: rivers.path('quorum'),
      page: rivers.path('quorum'),
      fields: {},
    }
  },
}

const proceed: FormEntry = {
  reusable: true,
  route: '/conferences/:conferenceId/meeting/quorum/proceed',
  // Each post loads the whole meeting record twice: fewer runs keep the file quick.
  numRuns: 6,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx, 'inquorate')
    const url = rivers.path('quorum/proceed')
    const fields: Fields = {}
    for (const name of await namesOn(ctx.cast.sessions.chair, rivers.path('quorum'), url)) {
      if (/^conditions-.+-met$/.test(name)) fields[name] = 'yes'
      if (/^conditions-.+-note$/.test(name)) fields[name] = 'Agreed by everyone present.'
    }
    return {
      session: ctx.cast.sessions.chair,
      url,
      page: rivers.path('quorum'),
      fields: {
        ...fields,
        ...dateParams('earlyReviewOn', '2026-06-23'),
        reasons: 'The agencies present know the family well.',
      },
    }
  },
}

const redate: FormEntry = {
  route: '/conferences/:conferenceId/meeting/quorum/redate',
  numRuns: 10,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx, 'inquorate')
    return {
      session: ctx.cast.sessions.chair,
      url: rivers.path('quorum/redate'),
      page: rivers.path('quorum'),
      fields: {
        ...dateParams('newDate', '2026-05-19'),
        startTime: '10:00',
        interimPlan: 'Daily visits until the new date.',
        'told-0-name': 'Dana Rivers',
        'told-0-role': 'mother',
        'told-0-how': 'email',
        'told-0-email': 'dana@example.org',
      },
    }
  },
}

const adjourn: FormEntry = {
  route: '/conferences/:conferenceId/meeting/adjourn',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const url = rivers.path('adjourn')
    return {
      session: ctx.cast.sessions.chair,
      url,
      page: url,
      fields: { reason: 'The interpreter had to leave.' },
    }
  },
}

const resume: FormEntry = {
  route: '/conferences/:conferenceId/meeting/resume',
  ...BUTTON_ONLY,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    await adjournMeeting(ctx.service.deps, ctx.cast.chair, {
      conferenceId: rivers.conferenceId,
      reason: 'The interpreter had to leave.',
    })
    return { session: ctx.cast.sessions.chair, url: rivers.path('resume'), page: rivers.meeting, fields: {} }
  },
}

const notes: FormEntry = {
  reusable: true,
  route: '/conferences/:conferenceId/meeting/notes',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const url = rivers.path('notes')
    const fields: Fields = { _action: 'save' }
    for (const name of await namesOn(ctx.cast.sessions.chair, url, url)) {
      if (name.startsWith('notes-')) fields[name] = 'Ada is happier at school since March.'
      if (name.startsWith('score-')) fields[name] = '6'
    }
    return { session: ctx.cast.sessions.chair, url, page: url, fields }
  },
  loose: { _action: BUTTON },
}

/**
 * Ada's decision as the decision page at `url` sends it: a plan for neglect, with every section of
 * the procedure's outline plan, an action and the dates.
 */
async function planForm(ctx: JunkContext, url: string): Promise<Fields> {
  const sections = (await namesOn(ctx.cast.sessions.chair, url, url)).filter((name) =>
    name.startsWith('outlinePlan-sections-'),
  )
  return {
    ...Object.fromEntries(sections.map((name) => [name, `What the plan says: ${name.slice(21)}.`])),
    _action: 'record',
    'threshold-met': 'yes',
    'threshold-limb': 'both',
    'professionalViews-0-name': 'Sam Okafor',
    'professionalViews-0-agency': 'childrens_social_care',
    'professionalViews-0-view': 'plan',
    'professionalViews-0-category': 'neglect',
    'professionalViews-0-reasons': 'Ada is often hungry at school.',
    'professionalViews-0-from': 'attendance',
    chairReasons: 'The concerns are serious and current.',
    categories: 'neglect',
    categoryReason: '',
    'dissent-0-name': 'Jo Price',
    'dissent-0-agency': 'school',
    'dissent-0-reasons': 'Attendance has improved since March.',
    'parents-views': 'Dana accepts that Ada needs more help.',
    'parents-disagree': 'yes',
    'parents-toldHowToChallenge': 'yes',
    'outlinePlan-actions-0-action': 'Health visitor to visit weekly',
    'outlinePlan-actions-0-owner': 'Ama Boateng',
    ...dateParams('outlinePlan-actions-0-dueOn', '2026-06-30'),
    leadSocialWorkerId: ctx.cast.worker.userId,
    'coreGroup-0-name': 'Sam Okafor',
    'coreGroup-0-agency': 'childrens_social_care',
    'coreGroup-0-role': 'lead social worker',
    ...dateParams('firstCoreGroup-date', '2026-05-20'),
    'firstCoreGroup-laterReason': '',
    ...dateParams('firstReview-date', '2026-08-04'),
    'firstReview-laterReason': '',
    'noPlan-childInNeedPlan': '',
    'noPlan-recommendations': '',
  }
}

/** A real date later than the procedure allows asks why it is later. */
function laterDate(name: string): Record<string, LooseField> {
  const loose: LooseField = {
    anchors: [`#${name}-laterReason`],
    why: 'a real date later than the procedure allows is a real answer, which asks why it is later',
  }
  return Object.fromEntries(['day', 'month', 'year'].map((part) => [`${name}-date-${part}`, loose]))
}

const DECISION_LOOSE: Record<string, LooseField> = {
  _action: BUTTON,
  'professionalViews-0-from': {
    statuses: [],
    why: 'a hidden marker of a row filled in from the attendance, not typed',
  },
  'threshold-met': {
    anchors: ['#noPlan-childInNeedPlan', '#threshold-met'],
    why: '“no” is a real answer, which asks whether there is a child in need plan',
  },
  categories: {
    anchors: ['#categoryReason', '#categories'],
    why: 'more than one category is refused, or asks why, as the procedure says',
  },
  ...laterDate('firstCoreGroup'),
  ...laterDate('firstReview'),
}

const decision: FormEntry = {
  route: '/conferences/:conferenceId/meeting/children/:childId/decision',
  numRuns: 8,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const url = rivers.path(`children/${rivers.ada}/decision`)
    return { session: ctx.cast.sessions.chair, url, page: url, fields: await planForm(ctx, url) }
  },
  loose: DECISION_LOOSE,
}

const correction: FormEntry = {
  route: '/conferences/:conferenceId/meeting/children/:childId/correction',
  numRuns: 6,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const recorded = await recordDecision(
      ctx.service.deps,
      ctx.cast.chair,
      planDecision(rivers.conferenceId, rivers.ada),
    )
    await finaliseConference(ctx.service.deps, ctx.cast.chair, { conferenceId: rivers.conferenceId })
    const url = rivers.path(`children/${rivers.ada}/correction`)
    return {
      session: ctx.cast.sessions.chair,
      url,
      page: url,
      fields: {
        ...(await planForm(ctx, url)),
        supersedesId: recorded.decision.id,
        correctionReason: 'The first review date was typed wrongly.',
      },
    }
  },
  loose: {
    ...DECISION_LOOSE,
    supersedesId: {
      statuses: [400, 404, 409],
      anyMessage: true,
      why: 'the decision corrected, a hidden input: another id is no decision of the child',
    },
  },
}

const finalise: FormEntry = {
  route: '/conferences/:conferenceId/meeting/finalise',
  ...BUTTON_ONLY,
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    await recordDecision(ctx.service.deps, ctx.cast.chair, planDecision(rivers.conferenceId, rivers.ada))
    return {
      session: ctx.cast.sessions.chair,
      url: rivers.path('finalise'),
      page: rivers.path('check-answers'),
      fields: {},
    }
  },
}

const exclusionDecision: FormEntry = {
  route: '/conferences/:conferenceId/exclusions/:exclusionId/decision',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const requested = await requestExclusion(ctx.service.deps, ctx.cast.worker, {
      conferenceId: rivers.conferenceId,
      personId: rivers.dana,
      scope: 'all',
      grounds: ['disruptive_behaviour'],
      evidence: 'Police report of threats made to the school (fictional).',
      requestedBy: 'DC Lee Hart, Police',
    })
    const url = `/conferences/${rivers.conferenceId}/exclusions/${requested.exclusion.id}/decision`
    return {
      session: ctx.cast.sessions.chair,
      url,
      page: url,
      fields: {
        decision: 'excluded',
        reasons: 'The threats were recent and specific.',
        viewsHeardBy: 'Her written statement is read out by the chair.',
        receives: ['decision_letter', 'social_work_report'],
      },
    }
  },
}

const chairConnection: FormEntry = {
  reusable: true,
  route: '/conferences/:conferenceId/meeting/connection',
  async prepare(ctx) {
    const rivers = await riversMeeting(ctx)
    const url = rivers.path('connection')
    return {
      session: ctx.cast.sessions.chair,
      url,
      page: url,
      fields: {
        connection: 'The chair knows Dana from a parents’ group (fictional).',
        discussedWith: 'Alex Senior, Head of Service',
        ...dateParams('discussedOn', '2026-05-06'),
        decision: 'chair_stays',
      },
    }
  },
}

export const MEETING_FORMS: readonly FormEntry[] = [
  chairConnection,
  checklist,
  attendance,
  attendanceChanged,
  removeAttendee,
  checkQuorum,
  proceed,
  redate,
  adjourn,
  resume,
  notes,
]

/** The decisions of the meeting, finalising it, and the chair's decision on a request to exclude. */
export const DECISION_FORMS: readonly FormEntry[] = [decision, correction, finalise, exclusionDecision]
