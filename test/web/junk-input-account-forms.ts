import { disableUser } from '../../src/app/admin/disable-user.ts'
import { makeUser } from '../support/factories.ts'
import type { FormEntry, JunkContext, LooseField } from './junk-input-support.ts'
import { TEST_PASSWORD, type TestPerson, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * The forms of signing in and out, and the system administrator's and the outbox's, for the junk
 * test, each with a form that is accepted. A refused sign-in is recorded by design (the audit log,
 * and a locked account's email), so those tables may change when one is refused.
 */

/** A refused sign-in, code or link is recorded, and the fifth in a row locks the account and says so by email. */
const RECORDED_REFUSALS = ['audit_log', 'outbox']

/** Where the page goes after signing in: a hidden input carried from the address. */
const NEXT: LooseField = {
  statuses: [],
  anyMessage: true,
  why: 'where to go next, a hidden input: junk goes home',
}

/** A form carried through signing in, a hidden input: junk is no form to carry. */
const CARRIED: LooseField = {
  statuses: [],
  anyMessage: true,
  why: 'a form carried through signing in, hidden',
}

async function staffWithPassword(ctx: JunkContext, secondFactor = true): Promise<TestPerson> {
  return ctx.service.makeStaff('social_worker', { secondFactor })
}

/** An anonymous browser that has signed in with a password and waits at the step after it. */
async function pastPassword(ctx: JunkContext, person: TestPerson): Promise<WebSession> {
  const browser = ctx.service.anonymous()
  await browser.get('/sign-in')
  const response = await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD })
  if (response.statusCode !== 303) throw new Error(`sign-in with the password failed: ${response.statusCode}`)
  return browser
}

const signIn: FormEntry = {
  route: '/sign-in',
  reusable: true,
  async prepare(ctx) {
    const person = await staffWithPassword(ctx)
    return {
      session: ctx.service.anonymous(),
      url: '/sign-in',
      page: '/sign-in?next=/cases',
      fields: { email: person.email, password: TEST_PASSWORD, next: '/cases', carried: '' },
    }
  },
  refusalWrites: RECORDED_REFUSALS,
  loose: {
    next: NEXT,
    carried: CARRIED,
    password: {
      anchors: ['#email'],
      why: 'a wrong password is refused at the email address, so as not to say which of the two was wrong',
    },
  },
}

const code: FormEntry = {
  route: '/sign-in/code',
  async prepare(ctx) {
    const person = await staffWithPassword(ctx)
    const browser = await pastPassword(ctx, person)
    return {
      session: browser,
      url: '/sign-in/code',
      page: '/sign-in/code',
      fields: { code: await ctx.service.codeFor(person), next: '/cases', carried: '' },
    }
  },
  refusalWrites: RECORDED_REFUSALS,
  loose: { next: NEXT, carried: CARRIED },
}

const setUp: FormEntry = {
  route: '/sign-in/set-up',
  async prepare(ctx) {
    const person = await staffWithPassword(ctx, false)
    const browser = await pastPassword(ctx, person)
    const page = html((await browser.get('/sign-in/set-up')).body)
    const secret = textOf(page.querySelector('[data-qa="secret"]')).replaceAll(' ', '')
    return {
      session: browser,
      url: '/sign-in/set-up',
      page: '/sign-in/set-up',
      fields: {
        code: await ctx.service.codeFor({ ...person, totpSecret: secret }),
        next: '/cases',
        carried: '',
      },
    }
  },
  refusalWrites: RECORDED_REFUSALS,
  loose: { next: NEXT, carried: CARRIED },
}

const forgot: FormEntry = {
  route: '/sign-in/forgot',
  reusable: true,
  async prepare(ctx) {
    const person = await staffWithPassword(ctx)
    return {
      session: ctx.service.anonymous(),
      url: '/sign-in/forgot',
      page: '/sign-in/forgot',
      fields: { email: person.email },
    }
  },
}

/** The path of the newest password reset link sent to `email`. */
async function resetLinkFor(ctx: JunkContext, email: string): Promise<string> {
  const row = await ctx.service.deps.db
    .selectFrom('outbox')
    .select('body_text')
    .where('to_address', '=', email)
    .where('kind', '=', 'password_reset')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow()
  const path = /\/sign-in\/reset\/[\w-]+/.exec(row.body_text)?.[0]
  if (!path) throw new Error('no reset link in the message')
  return path
}

const reset: FormEntry = {
  route: '/sign-in/reset/:token',
  async prepare(ctx) {
    const person = await staffWithPassword(ctx)
    const browser = ctx.service.anonymous()
    await browser.get('/sign-in/forgot')
    await browser.post('/sign-in/forgot', { email: person.email })
    const url = await resetLinkFor(ctx, person.email)
    return {
      session: browser,
      url,
      page: url,
      fields: { password: 'lantern orchard velvet', confirmPassword: 'lantern orchard velvet' },
    }
  },
  refusalWrites: RECORDED_REFUSALS,
  loose: {
    password: {
      anchors: ['#confirmPassword'],
      why: 'a new password that is allowed, but not the one typed again, is refused at the second',
    },
  },
}

const signOut: FormEntry = {
  route: '/sign-out',
  numRuns: 5,
  async prepare(ctx) {
    const person = await staffWithPassword(ctx)
    return {
      session: await ctx.service.signInAs(person),
      url: '/sign-out',
      page: '/account',
      fields: { everywhere: 'yes' },
    }
  },
}

interface AccountState {
  /** Disabled, to enable it again. */
  disabled?: boolean
  /** Locked by wrong passwords, to unlock it. */
  locked?: boolean
  /** With a second factor set up, to reset it. */
  secondFactor?: boolean
}

/** A person's account for the system administrator to change, in the state the change needs. */
async function account(ctx: JunkContext, state: AccountState = {}) {
  const db = ctx.service.deps.db
  const person = state.secondFactor
    ? await ctx.service.makeStaff('social_worker')
    : await makeUser(db, 'social_worker')
  if (state.disabled) await disableUser(ctx.service.deps, ctx.cast.sysadmin, { userId: person.userId })
  if (state.locked)
    await db
      .updateTable('users')
      .set({ failed_sign_ins: 5, locked_until: new Date('2026-05-01T09:15:00Z') })
      .where('id', '=', person.userId)
      .execute()
  return `/admin/users/${person.userId}`
}

let newUsers = 0

const newUser: FormEntry = {
  route: '/admin/users/new',
  async prepare(ctx) {
    newUsers += 1
    return {
      session: ctx.cast.sessions.sysadmin,
      url: '/admin/users/new',
      page: '/admin/users/new',
      fields: {
        email: `new.user.${newUsers}@example.org`,
        displayName: 'Nia New',
        roles: ['social_worker', 'team_manager'],
        team: 'Assessment Team South',
        agency: 'childrens_social_care',
      },
    }
  },
}

const roles: FormEntry = {
  route: '/admin/users/:id/roles',
  reusable: true,
  async prepare(ctx) {
    const path = await account(ctx)
    return {
      session: ctx.cast.sessions.sysadmin,
      url: `${path}/roles`,
      page: path,
      fields: { roles: ['social_worker', 'chair'] },
    }
  },
}

/** One of the buttons on a person's account page: a form without fields. */
function accountAction(action: string, state: AccountState = {}): FormEntry {
  return {
    route: `/admin/users/:id/${action}`,
    numRuns: 5,
    async prepare(ctx) {
      const path = await account(ctx, state)
      return { session: ctx.cast.sessions.sysadmin, url: `${path}/${action}`, page: path, fields: {} }
    },
    notJunked: { roles: 'the roles, their own route' },
  }
}

const deliver: FormEntry = {
  route: '/admin/outbox/deliver',
  numRuns: 5,
  reusable: true,
  async prepare(ctx) {
    return {
      session: ctx.cast.sessions.admin,
      url: '/admin/outbox/deliver',
      page: '/admin/outbox',
      fields: {},
    }
  },
}

export const ACCOUNT_FORMS: readonly FormEntry[] = [
  signIn,
  code,
  setUp,
  forgot,
  reset,
  signOut,
  newUser,
  roles,
  accountAction('disable'),
  accountAction('enable', { disabled: true }),
  accountAction('unlock', { locked: true }),
  accountAction('reset-second-factor', { secondFactor: true }),
  accountAction('send-link'),
  deliver,
]
