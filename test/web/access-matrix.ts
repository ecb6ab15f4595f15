import { type MatrixFixture, UNKNOWN_TOKEN, WHO, type Who } from './access-matrix-fixture.ts'

/**
 * The access matrix: for every route the app registers, who gets what. The test
 * (access-matrix.test.ts) reads the app's route table and fails for a route with no entry here, so
 * a new route is not served until someone has said who may use it.
 *
 * Each entry builds the route's address from the fixture (access-matrix-fixture.ts: case A, which
 * every relationship is to, and case B) and gives the answer for each column:
 * - ok: the page (200, 204) or where it leads (303, not to sign-in). A form is sent with only the ids
 *   of its address, so a person who may act gets the form back with its errors (400) or is told the
 *   record does not allow it now (409): either means they got past who-may-do-what;
 * - forbidden: 403;
 * - sign_in: sent to sign in (303 to /sign-in, or 401 with the form carried for a post);
 * - not_found: 404, where the address names nothing this person may know of.
 */

export type Answer = 'ok' | 'forbidden' | 'sign_in' | 'not_found'

export interface MatrixEntry {
  /** The address to ask, built from the fixture. */
  path: (f: MatrixFixture) => string
  /** A form's fields beyond the address's ids (none by default); an API call sends JSON. */
  form?: (f: MatrixFixture) => Record<string, string | string[]>
  json?: unknown
  expect: Record<Who, Answer>
  /** The request ends the session (sign out): the runner signs in again after it. */
  endsSession?: true
}

type Group = readonly Exclude<Who, 'anonymous'>[]

const SIGNED_IN: Group = WHO.filter((who): who is Exclude<Who, 'anonymous'> => who !== 'anonymous')
/** Everyone on the staff of the matrix, whatever their relationship to case A. */
const STAFF: Group = ['allocated_worker', 'manager', 'other_worker', 'chair', 'other_chair', 'administrator']
/** The staff with a relationship to case A. */
const ON_CASE: Group = ['allocated_worker', 'manager', 'chair', 'administrator']
/** Social workers and team managers (their lists, opening a case). */
const WORKERS: Group = ['allocated_worker', 'manager', 'other_worker']
const CHAIRS: Group = ['chair', 'other_chair']
const CASE_WRITERS: Group = ['allocated_worker', 'manager', 'administrator']
const PARTNERS: Group = ['partner_invited', 'partner_not_invited']
const PARENTS: Group = ['parent', 'other_parent']

/** `ok` for the group, `others` for everyone else signed in, and sign-in for anyone who is not. */
function only(
  group: Group,
  others: Answer = 'forbidden',
  anonymous: Answer = 'sign_in',
): Record<Who, Answer> {
  const answers = { anonymous } as Record<Who, Answer>
  for (const who of SIGNED_IN) answers[who] = group.includes(who) ? 'ok' : others
  return answers
}

const EVERYONE = only(SIGNED_IN, 'ok', 'ok')
/** A step of signing in that no one here is part-way through: back to the start of signing in. */
const NOT_PART_WAY = only([], 'sign_in')
/** A link no one was sent: not found, whoever asks. */
const NO_SUCH_LINK = only([], 'not_found', 'not_found')
const SIGNED_IN_ONLY = only(SIGNED_IN)

const caseA =
  (rest = '') =>
  (f: MatrixFixture) =>
    `/cases/${f.caseA.id}${rest}`
const conferenceA =
  (rest = '') =>
  (f: MatrixFixture) =>
    `/conferences/${f.conferenceA}${rest}`
const meetingA = (rest = '') => conferenceA(`/meeting${rest}`)
const fixed = (path: string) => () => path

export const ACCESS_MATRIX: Record<string, MatrixEntry> = {
  // Public: assets, the start page, the calculator and its API, the health check.
  'GET /assets/*': { path: fixed('/assets/images/favicon.svg'), expect: EVERYONE },
  'GET /build/*': { path: fixed('/build/init.mjs'), expect: EVERYONE },
  'GET /favicon.ico': { path: fixed('/favicon.ico'), expect: EVERYONE },
  'GET /': { path: fixed('/'), expect: EVERYONE },
  'GET /api': { path: fixed('/api'), expect: EVERYONE },
  'GET /healthz': { path: fixed('/healthz'), expect: EVERYONE },
  'GET /deadlines': { path: fixed('/deadlines'), expect: EVERYONE },
  'GET /deadlines/compare': { path: fixed('/deadlines/compare'), expect: EVERYONE },
  'POST /api/v1/deadlines': { path: fixed('/api/v1/deadlines'), json: {}, expect: EVERYONE },
  'GET /api/v1/openapi.json': { path: fixed('/api/v1/openapi.json'), expect: EVERYONE },

  // Signing in and out, and links sent by email: open to anyone; a link nobody was sent is refused alike.
  'GET /sign-in': { path: fixed('/sign-in'), expect: EVERYONE },
  'POST /sign-in': { path: fixed('/sign-in'), expect: EVERYONE },
  'GET /sign-in/code': { path: fixed('/sign-in/code'), expect: NOT_PART_WAY },
  'POST /sign-in/code': { path: fixed('/sign-in/code'), expect: NOT_PART_WAY },
  'GET /sign-in/set-up': { path: fixed('/sign-in/set-up'), expect: NOT_PART_WAY },
  'POST /sign-in/set-up': { path: fixed('/sign-in/set-up'), expect: NOT_PART_WAY },
  'GET /sign-in/forgot': { path: fixed('/sign-in/forgot'), expect: EVERYONE },
  'POST /sign-in/forgot': { path: fixed('/sign-in/forgot'), expect: EVERYONE },
  'GET /sign-in/reset/:token': { path: fixed(`/sign-in/reset/${UNKNOWN_TOKEN}`), expect: NO_SUCH_LINK },
  'POST /sign-in/reset/:token': { path: fixed(`/sign-in/reset/${UNKNOWN_TOKEN}`), expect: NO_SUCH_LINK },
  'POST /sign-out': { path: fixed('/sign-out'), expect: only([], 'sign_in'), endsSession: true },
  'GET /account': { path: fixed('/account'), expect: SIGNED_IN_ONLY },
  'GET /partner/link/:token': { path: fixed(`/partner/link/${UNKNOWN_TOKEN}`), expect: NO_SUCH_LINK },
  'POST /partner/link/:token': { path: fixed(`/partner/link/${UNKNOWN_TOKEN}`), expect: NO_SUCH_LINK },
  'GET /family/join/:token': { path: fixed(`/family/join/${UNKNOWN_TOKEN}`), expect: NO_SUCH_LINK },
  'POST /family/join/:token': { path: fixed(`/family/join/${UNKNOWN_TOKEN}`), expect: NO_SUCH_LINK },

  // Each role's own lists: what they show is limited to the person's relationships (test/app/access).
  'GET /cases': { path: fixed('/cases'), expect: only(STAFF) },
  'GET /my-cases': { path: fixed('/my-cases'), expect: only(WORKERS) },
  'GET /chair': { path: fixed('/chair'), expect: only(CHAIRS) },
  'GET /conferences': { path: fixed('/conferences'), expect: only(['administrator']) },
  'GET /partner': { path: fixed('/partner'), expect: only(PARTNERS) },
  'GET /family': { path: fixed('/family'), expect: only(PARENTS) },

  // Opening a case.
  'GET /cases/new': { path: fixed('/cases/new'), expect: only([...WORKERS, 'administrator']) },
  'POST /cases/new': { path: fixed('/cases/new'), expect: only([...WORKERS, 'administrator']) },

  // Case A's pages: the staff with a relationship to it; its forms, those whose role acts on it.
  'GET /cases/:caseId': { path: caseA(), expect: only(ON_CASE) },
  'GET /cases/:caseId/add-child': { path: caseA('/add-child'), expect: only(CASE_WRITERS) },
  'POST /cases/:caseId/add-child': { path: caseA('/add-child'), expect: only(CASE_WRITERS) },
  'GET /cases/:caseId/add-adult': { path: caseA('/add-adult'), expect: only(CASE_WRITERS) },
  'POST /cases/:caseId/add-adult': { path: caseA('/add-adult'), expect: only(CASE_WRITERS) },
  'GET /cases/:caseId/people/:personId/edit': {
    path: (f) => `/cases/${f.caseA.id}/people/${f.parentA}/edit`,
    expect: only(CASE_WRITERS),
  },
  'POST /cases/:caseId/people/:personId/edit': {
    path: (f) => `/cases/${f.caseA.id}/people/${f.parentA}/edit`,
    expect: only(CASE_WRITERS),
  },
  'GET /cases/:caseId/record-event': { path: caseA('/record-event'), expect: only(CASE_WRITERS) },
  'POST /cases/:caseId/record-event': { path: caseA('/record-event'), expect: only(CASE_WRITERS) },
  'GET /cases/:caseId/request-conference': {
    path: caseA('/request-conference'),
    expect: only(['allocated_worker', 'manager']),
  },
  'POST /cases/:caseId/request-conference': {
    path: caseA('/request-conference'),
    expect: only(['allocated_worker', 'manager']),
  },
  'GET /cases/:caseId/requests/:requestId/decide': {
    path: (f) => `/cases/${f.caseA.id}/requests/${f.requestA}/decide`,
    expect: only(['manager']),
  },
  'POST /cases/:caseId/requests/:requestId/decide': {
    path: (f) => `/cases/${f.caseA.id}/requests/${f.requestA}/decide`,
    expect: only(['manager']),
  },
  'GET /cases/:caseId/conferences/:conferenceId/delay': {
    path: (f) => `/cases/${f.caseA.id}/conferences/${f.conferenceA}/delay`,
    expect: only(['allocated_worker', 'manager']),
  },
  'POST /cases/:caseId/conferences/:conferenceId/delay': {
    path: (f) => `/cases/${f.caseA.id}/conferences/${f.conferenceA}/delay`,
    expect: only(['allocated_worker', 'manager']),
  },
  'GET /cases/:caseId/viewed': { path: caseA('/viewed'), expect: only(['manager']) },
  'GET /cases/:caseId/family-accounts': {
    path: caseA('/family-accounts'),
    expect: only(['allocated_worker', 'administrator']),
  },
  'GET /cases/:caseId/family-accounts/:personId': {
    path: (f) => `/cases/${f.caseA.id}/family-accounts/${f.otherParentA}`,
    expect: only(['allocated_worker', 'administrator']),
  },
  'POST /cases/:caseId/family-accounts/:personId': {
    form: () => ({ email: 'piotr.nowak@example.org' }),
    path: (f) => `/cases/${f.caseA.id}/family-accounts/${f.otherParentA}`,
    expect: only(['allocated_worker', 'administrator']),
  },
  'GET /cases/:caseId/enquiries': { path: caseA('/enquiries'), expect: only(ON_CASE) },
  'GET /cases/:caseId/disclosures': { path: caseA('/disclosures'), expect: only(ON_CASE) },
  'GET /cases/:caseId/disclosures/new': { path: caseA('/disclosures/new'), expect: only(['manager']) },
  'POST /cases/:caseId/disclosures/new': { path: caseA('/disclosures/new'), expect: only(['manager']) },

  // Break glass: team managers; a manager with a relationship to A is let straight in.
  'GET /access/break-glass/cases/:caseId': {
    path: (f) => `/access/break-glass/cases/${f.caseA.id}`,
    expect: only(['manager']),
  },
  'POST /access/break-glass/cases/:caseId': {
    path: (f) => `/access/break-glass/cases/${f.caseA.id}`,
    expect: only(['manager']),
  },
  'GET /access/break-glass': { path: fixed('/access/break-glass'), expect: only(['manager']) },
  'GET /access/break-glass/:grantId': {
    path: (f) => `/access/break-glass/${f.grantA}`,
    expect: only(['manager']),
  },
  'POST /access/break-glass/:grantId': {
    path: (f) => `/access/break-glass/${f.grantA}`,
    expect: only(['manager']),
  },

  // Booking, rebooking and cancelling: the conference team.
  'GET /conferences/book': {
    path: (f) => `/conferences/book?caseId=${f.caseA.id}`,
    expect: only(['administrator']),
  },
  'POST /conferences/book': { path: fixed('/conferences/book'), expect: only(['administrator']) },
  'GET /conferences/:conferenceId/rebook': { path: conferenceA('/rebook'), expect: only(['administrator']) },
  'POST /conferences/:conferenceId/rebook': { path: conferenceA('/rebook'), expect: only(['administrator']) },
  'GET /conferences/:conferenceId/cancel': { path: conferenceA('/cancel'), expect: only(['administrator']) },
  'POST /conferences/:conferenceId/cancel': { path: conferenceA('/cancel'), expect: only(['administrator']) },

  // Getting conference A ready: the staff on the case see it; each form, the roles that act on it.
  'GET /conferences/:conferenceId': { path: conferenceA(), expect: only(ON_CASE) },
  'GET /conferences/:conferenceId/invitations': { path: conferenceA('/invitations'), expect: only(ON_CASE) },
  'POST /conferences/:conferenceId/invitations': {
    form: (f) => ({ invitees: `professional:${f.spareProfessional}:professional`, sentVia: 'post' }),
    path: conferenceA('/invitations'),
    expect: only(['administrator']),
  },
  'POST /conferences/:conferenceId/invitations/agree': {
    path: conferenceA('/invitations/agree'),
    expect: only(['chair']),
  },
  'GET /conferences/:conferenceId/invitations/new': {
    path: conferenceA('/invitations/new'),
    expect: only(ON_CASE),
  },
  'POST /conferences/:conferenceId/invitations/new': {
    form: (f) => ({ invitee: `professional:${f.spareProfessional}`, role: 'professional', sentVia: 'post' }),
    path: conferenceA('/invitations/new'),
    expect: only(['administrator']),
  },
  'GET /conferences/:conferenceId/invitations/:invitationId': {
    path: (f) => `/conferences/${f.conferenceA}/invitations/${f.invitationA}`,
    expect: only(ON_CASE),
  },
  'POST /conferences/:conferenceId/invitations/:invitationId': {
    form: () => ({ response: 'attending' }),
    path: (f) => `/conferences/${f.conferenceA}/invitations/${f.invitationA}`,
    expect: only(['allocated_worker', 'chair', 'administrator', 'partner_invited']),
  },
  'POST /conferences/:conferenceId/invitations/:invitationId/new-link': {
    path: (f) => `/conferences/${f.conferenceA}/invitations/${f.invitationA}/new-link`,
    expect: only(['administrator']),
  },
  'GET /conferences/:conferenceId/invitations/:invitationId/not-attending': {
    path: (f) => `/conferences/${f.conferenceA}/invitations/${f.parentInvitationA}/not-attending`,
    expect: only(ON_CASE),
  },
  'POST /conferences/:conferenceId/invitations/:invitationId/not-attending': {
    path: (f) => `/conferences/${f.conferenceA}/invitations/${f.parentInvitationA}/not-attending`,
    expect: only(['allocated_worker', 'chair', 'administrator']),
  },
  'GET /conferences/:conferenceId/interpreters': {
    path: conferenceA('/interpreters'),
    expect: only(ON_CASE),
  },
  'POST /conferences/:conferenceId/interpreters': {
    path: conferenceA('/interpreters'),
    expect: only(['allocated_worker', 'administrator']),
  },
  'GET /conferences/:conferenceId/children': { path: conferenceA('/children'), expect: only(ON_CASE) },
  'POST /conferences/:conferenceId/children/:childId': {
    path: (f) => `/conferences/${f.conferenceA}/children/${f.childA}`,
    expect: only(['allocated_worker', 'manager', 'chair']),
  },
  'GET /conferences/:conferenceId/observers': { path: conferenceA('/observers'), expect: only(ON_CASE) },
  'POST /conferences/:conferenceId/observers': { path: conferenceA('/observers'), expect: only(ON_CASE) },
  'POST /conferences/:conferenceId/observers/:observerId/consents': {
    path: (f) => `/conferences/${f.conferenceA}/observers/${f.observerA}/consents`,
    expect: only(['chair', 'administrator']),
  },
  'GET /conferences/:conferenceId/exclusions': { path: conferenceA('/exclusions'), expect: only(ON_CASE) },
  'POST /conferences/:conferenceId/exclusions': { path: conferenceA('/exclusions'), expect: only(ON_CASE) },
  'GET /conferences/:conferenceId/exclusions/:exclusionId/decision': {
    path: (f) => `/conferences/${f.conferenceA}/exclusions/${f.exclusionA}/decision`,
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/exclusions/:exclusionId/decision': {
    path: (f) => `/conferences/${f.conferenceA}/exclusions/${f.exclusionA}/decision`,
    expect: only(['chair']),
  },
  'GET /conferences/:conferenceId/reports': { path: conferenceA('/reports'), expect: only(ON_CASE) },
  'POST /conferences/:conferenceId/reports': {
    form: (f) => ({ who: `user:${f.people.allocated_worker.userId}` }),
    path: conferenceA('/reports'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/reports/:reportId/shared': {
    path: (f) => `/conferences/${f.conferenceA}/reports/${f.reportA}/shared`,
    expect: only(['allocated_worker', 'administrator']),
  },
  'GET /conferences/:conferenceId/quorum': { path: conferenceA('/quorum'), expect: only(ON_CASE) },
  'GET /conferences/:conferenceId/family-views': {
    path: conferenceA('/family-views'),
    expect: only(ON_CASE),
  },

  // The meeting: the chair named on conference A and the conference team; its decisions, the chair alone.
  'GET /conferences/:conferenceId/meeting': { path: meetingA(), expect: only(['chair', 'administrator']) },
  'GET /conferences/:conferenceId/meeting/connection': {
    path: meetingA('/connection'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/connection': {
    path: meetingA('/connection'),
    expect: only(['chair', 'administrator']),
  },
  'GET /conferences/:conferenceId/meeting/checklist': {
    path: meetingA('/checklist'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/checklist': {
    form: (f) => ({ [`item-${f.checklistItemA}-done`]: 'yes' }),
    path: meetingA('/checklist'),
    expect: only(['chair']),
  },
  'GET /conferences/:conferenceId/meeting/attendance': {
    path: meetingA('/attendance'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/attendance': {
    path: meetingA('/attendance'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/attendance/:attendeeId/remove': {
    path: (f) => `/conferences/${f.conferenceA}/meeting/attendance/${f.attendeeA}/remove`,
    expect: only(['chair', 'administrator']),
  },
  'GET /conferences/:conferenceId/meeting/quorum': {
    path: meetingA('/quorum'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/quorum': {
    path: meetingA('/quorum'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/quorum/proceed': {
    path: meetingA('/quorum/proceed'),
    expect: only(['chair']),
  },
  'POST /conferences/:conferenceId/meeting/quorum/redate': {
    path: meetingA('/quorum/redate'),
    expect: only(['chair']),
  },
  'GET /conferences/:conferenceId/meeting/adjourn': {
    path: meetingA('/adjourn'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/adjourn': { path: meetingA('/adjourn'), expect: only(['chair']) },
  'POST /conferences/:conferenceId/meeting/resume': { path: meetingA('/resume'), expect: only(['chair']) },
  'GET /conferences/:conferenceId/meeting/notes': {
    path: meetingA('/notes'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/notes': {
    path: meetingA('/notes'),
    expect: only(['chair', 'administrator']),
  },
  'GET /conferences/:conferenceId/meeting/children/:childId/decision': {
    path: (f) => `/conferences/${f.conferenceA}/meeting/children/${f.childA}/decision`,
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/children/:childId/decision': {
    path: (f) => `/conferences/${f.conferenceA}/meeting/children/${f.childA}/decision`,
    expect: only(['chair']),
  },
  'GET /conferences/:conferenceId/meeting/children/:childId/correction': {
    path: (f) => `/conferences/${f.conferenceA}/meeting/children/${f.childA}/correction`,
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/children/:childId/correction': {
    path: (f) => `/conferences/${f.conferenceA}/meeting/children/${f.childA}/correction`,
    expect: only(['chair']),
  },
  'GET /conferences/:conferenceId/meeting/check-answers': {
    path: meetingA('/check-answers'),
    expect: only(['chair', 'administrator']),
  },
  'POST /conferences/:conferenceId/meeting/finalise': {
    path: meetingA('/finalise'),
    expect: only(['chair']),
  },

  // A report: the staff on the case and the partner it was asked of; writing it, its writer.
  'GET /reports/:reportId': {
    path: (f) => `/reports/${f.reportA}`,
    expect: only([...ON_CASE, 'partner_invited']),
  },
  'POST /reports/:reportId': {
    path: (f) => `/reports/${f.reportA}`,
    expect: only(['administrator', 'partner_invited']),
  },
  'POST /reports/:reportId/shared': {
    path: (f) => `/reports/${f.reportA}/shared`,
    expect: only(['allocated_worker', 'administrator']),
  },
  // The matrix runs under London, where the chair decides what is kept from the parents (8.16.6).
  'POST /reports/:reportId/withheld': {
    path: (f) => `/reports/${f.reportA}/withheld`,
    expect: only(['chair']),
  },
  'GET /files/:fileId': {
    path: (f) => `/files/${f.fileA}`,
    expect: only([...ON_CASE, 'partner_invited']),
  },

  // A partner's own pages: only the conferences they are invited to.
  'GET /partner/conferences/:conferenceId': {
    path: (f) => `/partner/conferences/${f.conferenceA}`,
    expect: only(['partner_invited']),
  },
  'POST /partner/conferences/:conferenceId/reply': {
    path: (f) => `/partner/conferences/${f.conferenceA}/reply`,
    expect: only(['partner_invited']),
  },
  'POST /partner/conferences/:conferenceId/report': {
    path: (f) => `/partner/conferences/${f.conferenceA}/report`,
    expect: only(['partner_invited']),
  },
  'POST /partner/conferences/:conferenceId/report-file': {
    path: (f) => `/partner/conferences/${f.conferenceA}/report-file`,
    expect: only(['partner_invited']),
  },
  'GET /practitioners/new': { path: fixed('/practitioners/new'), expect: only(['administrator']) },
  'POST /practitioners/new': { path: fixed('/practitioners/new'), expect: only(['administrator']) },

  // A family's own pages: only their own family's.
  'GET /family/meetings/:conferenceId': {
    path: (f) => `/family/meetings/${f.conferenceA}`,
    expect: only(['parent']),
  },
  'GET /family/meetings/:conferenceId/reports': {
    path: (f) => `/family/meetings/${f.conferenceA}/reports`,
    expect: only(['parent']),
  },
  'GET /family/reports/:reportId': { path: (f) => `/family/reports/${f.reportA}`, expect: only(['parent']) },
  'GET /family/reports/:reportId/download': {
    path: (f) => `/family/reports/${f.reportA}/download`,
    expect: only(['parent']),
  },
  'GET /family/reports/:reportId/file': {
    path: (f) => `/family/reports/${f.reportA}/file`,
    expect: only(['parent']),
  },
  'GET /family/meetings/:conferenceId/decision': {
    path: (f) => `/family/meetings/${f.conferenceA}/decision`,
    expect: only(['parent']),
  },
  'GET /family/meetings/:conferenceId/decision/download': {
    path: (f) => `/family/meetings/${f.conferenceA}/decision/download`,
    expect: only(['parent']),
  },
  'GET /family/record/:caseId/who-looked': {
    path: (f) => `/family/record/${f.caseA.id}/who-looked`,
    expect: only(['parent']),
  },
  'GET /family/meetings/:conferenceId/views': {
    path: (f) => `/family/meetings/${f.conferenceA}/views`,
    expect: only(['parent']),
  },
  'POST /family/meetings/:conferenceId/views': {
    path: (f) => `/family/meetings/${f.conferenceA}/views`,
    expect: only(['parent']),
  },

  // Enquiries, disclosure and subject access.
  'GET /enquiries/new': { path: fixed('/enquiries/new'), expect: only(['manager', 'administrator']) },
  'POST /enquiries/new': { path: fixed('/enquiries/new'), expect: only(['manager', 'administrator']) },
  'GET /enquiries/designated-manager': {
    path: fixed('/enquiries/designated-manager'),
    expect: only(['system_admin']),
  },
  'POST /enquiries/designated-manager': {
    path: fixed('/enquiries/designated-manager'),
    expect: only(['system_admin']),
  },
  'GET /enquiries/:enquiryId': {
    path: fixed(`/enquiries/${crypto.randomUUID()}`),
    expect: { ...only([]), manager: 'not_found', administrator: 'not_found' },
  },
  'GET /subject-access': { path: fixed('/subject-access'), expect: only(['manager']) },
  'GET /subject-access/people/:personId': {
    path: (f) => `/subject-access/people/${f.parentA}`,
    expect: only(['manager']),
  },
  'POST /subject-access/people/:personId': {
    path: (f) => `/subject-access/people/${f.parentA}`,
    expect: only(['manager']),
  },
  'GET /subject-access/:requestId': {
    path: fixed(`/subject-access/${crypto.randomUUID()}`),
    expect: { ...only([]), manager: 'not_found' },
  },
  'POST /subject-access/:requestId/export': {
    path: fixed(`/subject-access/${crypto.randomUUID()}/export`),
    expect: { ...only([]), manager: 'not_found' },
  },

  // The messages the service sends, and the system administrator's pages.
  'GET /admin/outbox': { path: fixed('/admin/outbox'), expect: only(['administrator', 'system_admin']) },
  'GET /admin/outbox/:id': {
    path: (f) => `/admin/outbox/${f.messageA}`,
    expect: only(['administrator', 'system_admin']),
  },
  'POST /admin/outbox/deliver': {
    path: fixed('/admin/outbox/deliver'),
    expect: only(['administrator', 'system_admin']),
  },
  'GET /admin/users/new': { path: fixed('/admin/users/new'), expect: only(['system_admin']) },
  'POST /admin/users/new': { path: fixed('/admin/users/new'), expect: only(['system_admin']) },
  'GET /admin/users': { path: fixed('/admin/users'), expect: only(['system_admin']) },
  'GET /admin/users/:id': {
    path: (f) => `/admin/users/${f.bystander.userId}`,
    expect: only(['system_admin']),
  },
  'POST /admin/users/:id/roles': {
    path: (f) => `/admin/users/${f.bystander.userId}/roles`,
    expect: only(['system_admin']),
  },
  'GET /admin/users/:id/disable': {
    path: (f) => `/admin/users/${f.bystander.userId}/disable`,
    expect: only(['system_admin']),
  },
  'GET /admin/users/:id/reset-second-factor': {
    path: (f) => `/admin/users/${f.bystander.userId}/reset-second-factor`,
    expect: only(['system_admin']),
  },
  'POST /admin/users/:id/disable': {
    path: (f) => `/admin/users/${f.bystander.userId}/disable`,
    expect: only(['system_admin']),
  },
  'POST /admin/users/:id/enable': {
    path: (f) => `/admin/users/${f.bystander.userId}/enable`,
    expect: only(['system_admin']),
  },
  'POST /admin/users/:id/unlock': {
    path: (f) => `/admin/users/${f.bystander.userId}/unlock`,
    expect: only(['system_admin']),
  },
  'POST /admin/users/:id/reset-second-factor': {
    path: (f) => `/admin/users/${f.bystander.userId}/reset-second-factor`,
    expect: only(['system_admin']),
  },
  'POST /admin/users/:id/send-link': {
    path: (f) => `/admin/users/${f.bystander.userId}/send-link`,
    expect: only(['system_admin']),
  },
  'GET /admin/configuration': { path: fixed('/admin/configuration'), expect: only(['system_admin']) },
}
