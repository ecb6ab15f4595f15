import { inviteFamilyMember } from '../../src/app/family/invite-family-member.ts'
import { inviteToConference } from '../../src/app/invitations/invite-to-conference.ts'
import { makeCase, makeConference, makeProfessional } from '../support/factories.ts'
import { samplePdf } from '../support/sample-files.ts'
import { CAST_TEAM, type FormEntry, type JunkContext, type LooseField } from './junk-input-support.ts'
import { TEST_PASSWORD, type TestPerson, type WebSession } from './service-support.ts'

/**
 * The forms of partner agencies' practitioners and of families, for the junk test, each with a form
 * that is accepted: the directory of practitioners, a partner's link, reply and report (written or
 * a file), a family member's invitation, the link that opens their account, and their views.
 */

/** The Ford family, allocated to the cast, with a conference on Tuesday 12 May 2026: Ella (9) and Kim (her mother). */
async function fordConference(ctx: JunkContext) {
  const db = ctx.service.deps.db
  const made = await makeCase(db, {
    familyName: 'Ford',
    socialWorkerId: ctx.cast.worker.userId,
    teamManagerId: ctx.cast.manager.userId,
    team: CAST_TEAM,
    children: [{ firstName: 'Ella', dob: '2017-02-14' }],
    adults: [{ firstName: 'Kim', role: 'parent' }],
  })
  const conference = await makeConference(db, {
    caseId: made.id,
    date: '2026-05-12',
    start: '10:00',
    chairId: ctx.cast.chair.userId,
  })
  return { caseId: made.id, conferenceId: conference.id, kim: made.adults[0]!.id }
}

/** The path a message sent to `email` links to, matching `pattern`. */
async function linkSentTo(ctx: JunkContext, email: string, pattern: RegExp): Promise<string> {
  const rows = await ctx.service.deps.db
    .selectFrom('outbox')
    .select('body_text')
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .execute()
  for (const row of rows) {
    const found = pattern.exec(row.body_text)?.[0]
    if (found) return found
  }
  throw new Error(`no link like ${pattern} was sent to ${email}`)
}

let addresses = 0
const newAddress = (domain: string) => `junk-${++addresses}-${Date.now().toString(36)}@${domain}`

/** A partner practitioner with an account and a session, made once for the test file. */
const partners = new WeakMap<JunkContext, Promise<{ partner: TestPerson; session: WebSession }>>()
function partnerOf(ctx: JunkContext) {
  let made = partners.get(ctx)
  if (!made) {
    made = (async () => {
      const partner = await ctx.service.makeStaff('partner_practitioner', {
        agency: 'school',
        name: 'Ms Ada Head',
      })
      return { partner, session: await ctx.service.signInAs(partner) }
    })()
    partners.set(ctx, made)
  }
  return made
}

/** The Ford conference with the cast's partner invited to it, through their own professional record. */
async function partnerInvited(ctx: JunkContext) {
  const ford = await fordConference(ctx)
  const { partner, session } = await partnerOf(ctx)
  const professional = await makeProfessional(ctx.service.deps.db, {
    agency: 'school',
    name: partner.name,
    userId: partner.userId,
  })
  await ctx.service.deps.db
    .insertInto('invitations')
    .values({
      conference_id: ford.conferenceId,
      professional_id: professional.id,
      role: 'professional',
      agency: 'school',
    })
    .execute()
  return { ...ford, session, path: (rest: string) => `/partner/conferences/${ford.conferenceId}/${rest}` }
}

const practitioner: FormEntry = {
  route: '/practitioners/new',
  async prepare(ctx) {
    return {
      session: ctx.cast.sessions.admin,
      url: '/practitioners/new',
      page: '/practitioners/new',
      fields: {
        name: 'Mx Rowan Teacher',
        agency: 'school',
        roleTitle: 'Designated safeguarding lead',
        email: newAddress('school.example.org'),
        phone: '01632 960001',
      },
    }
  },
}

/** The password chosen twice: a password that is allowed but not typed again the same is refused at the second. */
const PASSWORD_TWICE: LooseField = {
  anchors: ['#confirmPassword'],
  why: 'a password that is allowed, but not the one typed again, is refused at the second',
}

const partnerLink: FormEntry = {
  route: '/partner/link/:token',
  async prepare(ctx) {
    const ford = await fordConference(ctx)
    const email = newAddress('school.example.org')
    const professional = await makeProfessional(ctx.service.deps.db, { agency: 'school', email })
    await inviteToConference(
      ctx.service.deps,
      ctx.cast.admin,
      {
        conferenceId: ford.conferenceId,
        invitees: [{ professionalId: professional.id, role: 'professional', sentVia: 'email' }],
      },
      { publicUrl: 'http://localhost:3000' },
    )
    const url = await linkSentTo(ctx, email, /\/partner\/link\/[A-Za-z0-9_-]{43}/)
    return {
      session: ctx.service.anonymous(),
      url,
      page: url,
      fields: {
        password: 'a long and unrelated passphrase',
        confirmPassword: 'a long and unrelated passphrase',
      },
    }
  },
  loose: { password: PASSWORD_TWICE },
}

const partnerReply: FormEntry = {
  route: '/partner/conferences/:conferenceId/reply',
  reusable: true,
  async prepare(ctx) {
    const invited = await partnerInvited(ctx)
    return {
      session: invited.session,
      url: invited.path('reply'),
      page: `/partner/conferences/${invited.conferenceId}`,
      fields: {
        response: 'report_and_substitute',
        substituteName: 'Ms Dee Marsh',
        reason: 'On a course that day.',
      },
    }
  },
}

const partnerReport: FormEntry = {
  route: '/partner/conferences/:conferenceId/report',
  reusable: true,
  numRuns: 5,
  async prepare(ctx) {
    const invited = await partnerInvited(ctx)
    return {
      session: invited.session,
      url: invited.path('report'),
      page: `/partner/conferences/${invited.conferenceId}`,
      fields: {},
    }
  },
  notJunked: {
    response: 'the reply, its own route',
    substituteName: 'the reply, its own route',
    reason: 'the reply, its own route',
  },
}

const partnerReportFile: FormEntry = {
  route: '/partner/conferences/:conferenceId/report-file',
  async prepare(ctx) {
    const invited = await partnerInvited(ctx)
    return {
      session: invited.session,
      url: invited.path('report-file'),
      page: `/partner/conferences/${invited.conferenceId}`,
      fields: {},
      files: { reportFile: { name: 'school report.pdf', type: 'application/pdf', bytes: samplePdf() } },
    }
  },
  notJunked: {
    response: 'the reply, its own route',
    substituteName: 'the reply, its own route',
    reason: 'the reply, its own route',
  },
}

const familyAccount: FormEntry = {
  route: '/cases/:caseId/family-accounts/:personId',
  async prepare(ctx) {
    const ford = await fordConference(ctx)
    const url = `/cases/${ford.caseId}/family-accounts/${ford.kim}`
    return { session: ctx.cast.sessions.worker, url, page: url, fields: { email: newAddress('example.org') } }
  },
}

/** Kim invited to her own account; the path of the link emailed to her. */
async function kimInvited(ctx: JunkContext) {
  const ford = await fordConference(ctx)
  const email = newAddress('example.org')
  await inviteFamilyMember(
    ctx.service.deps,
    ctx.cast.worker,
    { caseId: ford.caseId, personId: ford.kim, email },
    { publicUrl: 'http://localhost:3000' },
  )
  return { ...ford, link: await linkSentTo(ctx, email, /\/family\/join\/[A-Za-z0-9_-]+/) }
}

const familyJoin: FormEntry = {
  route: '/family/join/:token',
  async prepare(ctx) {
    const { link } = await kimInvited(ctx)
    return {
      session: ctx.service.anonymous(),
      url: link,
      page: link,
      fields: { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD },
    }
  },
  loose: { password: PASSWORD_TWICE },
}

const familyViews: FormEntry = {
  route: '/family/meetings/:conferenceId/views',
  reusable: true,
  async prepare(ctx) {
    const kim = await kimInvited(ctx)
    const session = ctx.service.anonymous()
    await session.get(kim.link)
    const opened = await session.post(kim.link, { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD })
    if (opened.statusCode !== 303)
      throw new Error(`the family link did not open the account: ${opened.statusCode}`)
    const url = `/family/meetings/${kim.conferenceId}/views`
    return {
      session,
      url,
      page: url,
      fields: { text: 'I want Ella to stay at her school.' },
      files: {
        file: {
          name: 'my letter.pdf',
          type: 'application/pdf',
          bytes: samplePdf('Kim’s letter (fictional)'),
        },
      },
    }
  },
}

export const PARTNER_FORMS: readonly FormEntry[] = [
  practitioner,
  partnerLink,
  partnerReply,
  partnerReport,
  partnerReportFile,
  familyAccount,
  familyJoin,
  familyViews,
]
