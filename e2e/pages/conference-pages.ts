import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { chooseOption, enterDate } from '../support/forms.ts'

/**
 * The conference administrator's pages: their home (/conferences), booking (/conferences/book), a
 * conference's task list (/conferences/:id), its invitations and its reports. Axe runs on each page
 * reached.
 */

/** The words of a GOV.UK success banner with `qa` as its data-qa. */
export function bannerText(page: Page, qa: string): Locator {
  return page.getByTestId(qa).locator('.govuk-notification-banner__heading')
}

export class ConferencesHomePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  /** From the service navigation. */
  async openFromNavigation(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Conferences', exact: true }).click()
    await this.expectOpen()
  }

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Conferences')
    await this.checkAccessibility(this.page)
  }

  /** An authorised request waiting to be booked. */
  waiting(familyName: string): Locator {
    return this.page.getByTestId('waiting-row').filter({ hasText: `${familyName} family` })
  }

  async book(familyName: string): Promise<BookingPage> {
    await this.page.getByRole('link', { name: `Book the conference for the ${familyName} family` }).click()
    const booking = new BookingPage(this.page, this.checkAccessibility)
    await booking.expectOpen()
    return booking
  }
}

export interface Booking {
  date: string
  startTime: string
  endTime: string
  venue: string
  /** Part of the chair's name as the list shows it. */
  chair: string
  minuteTaker: string
  domesticAbuse: boolean
  schoolHoursReason?: string
}

export class BookingPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Book a conference')
    await this.checkAccessibility(this.page)
  }

  /** The time limits from the engine, by rule. */
  limit(rule: string): Locator {
    return this.page.getByTestId('limit').and(this.page.locator(`[data-rule="${rule}"]`))
  }

  children(): Locator {
    return this.page
      .getByRole('group', { name: 'The children the conference is about' })
      .getByRole('checkbox')
  }

  async fill(booking: Booking): Promise<void> {
    await enterDate(this.page.getByRole('group', { name: 'Date', exact: true }), booking.date)
    await this.page.getByLabel('Start time').fill(booking.startTime)
    await this.page.getByLabel('End time (optional)').fill(booking.endTime)
    await this.page.getByLabel('Venue', { exact: true }).fill(booking.venue)
    await chooseOption(this.page.getByLabel('Chair', { exact: true }), booking.chair)
    await chooseOption(this.page.getByLabel('Minute-taker'), booking.minuteTaker)
    if (booking.schoolHoursReason)
      await this.page
        .getByLabel('If the conference is in school hours, why (optional)')
        .fill(booking.schoolHoursReason)
    await this.page
      .getByRole('group', { name: 'Is domestic abuse flagged in the family?' })
      .getByRole('radio', { name: booking.domesticAbuse ? 'Yes' : 'No', exact: true })
      .check()
  }

  /** "Check this booking": the checks and time limits, nothing written. */
  async check(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Check this booking' }).click()
    const checks = this.page.getByTestId('booking-check')
    await expect(checks).toBeVisible()
    await this.checkAccessibility(this.page)
    return checks
  }

  async book(): Promise<ConferencePage> {
    await this.page.getByRole('button', { name: 'Book the conference' }).click()
    const conference = new ConferencePage(this.page, this.checkAccessibility)
    await conference.expectOpen()
    await expect(bannerText(this.page, 'done')).toHaveText('The conference is booked.')
    return conference
  }
}

/** A conference's task list: what gets it ready, each task with its state. */
export class ConferencePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByTestId('conference-summary')).toBeVisible()
    await this.checkAccessibility(this.page)
  }

  /** A task of the list, by its title. */
  task(title: string): Locator {
    return this.page
      .getByTestId('task-list')
      .getByRole('listitem')
      .filter({ has: this.page.getByText(title, { exact: true }) })
  }

  taskStatus(title: string): Locator {
    return this.task(title).locator('.govuk-task-list__status')
  }

  summary(key: string): Locator {
    return this.page
      .getByTestId('conference-summary')
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }

  /** A check or time limit recorded with the booking, by rule. */
  bookingCheck(rule: string): Locator {
    return this.page.getByTestId('booking-checks').locator(`[data-rule="${rule}"]`)
  }

  async openInvitations(): Promise<InvitationsPage> {
    await this.page.getByRole('link', { name: 'Send invitations and record replies' }).click()
    const invitations = new InvitationsPage(this.page, this.checkAccessibility)
    await invitations.expectOpen()
    return invitations
  }

  async openReports(): Promise<ReportsPage> {
    await this.page.getByRole('link', { name: 'Collect reports' }).click()
    const reports = new ReportsPage(this.page, this.checkAccessibility)
    await reports.expectOpen()
    return reports
  }
}

export type SentVia = 'By email' | 'By post' | 'By hand' | 'By phone'

/** Invitations (/conferences/:id/invitations): the procedure's list, the invitations sent and their replies. */
export class InvitationsPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Invitations')
    await this.checkAccessibility(this.page)
  }

  /** A row of the procedure's own list of who to invite. */
  proposal(name: string): Locator {
    return this.page.getByTestId('proposal').filter({ hasText: name })
  }

  /** An invitation sent. */
  invitation(name: string): Locator {
    return this.page.getByTestId('invitation').filter({ hasText: name })
  }

  /** Ticks people on the procedure's list and sends their invitations. */
  async inviteFromList(names: readonly string[], via: SentVia): Promise<void> {
    for (const name of names) await this.page.getByRole('checkbox', { name: `Invite ${name}` }).check()
    await this.page
      .getByRole('group', { name: 'How the invitations are sent' })
      .getByRole('radio', { name: via, exact: true })
      .check()
    await this.page.getByRole('button', { name: 'Send invitations to those ticked' }).click()
    await this.expectDone(
      'The invitations have been sent. Letters to post, hand over or read out are in the messages.',
    )
  }

  /** From the list's row for an agency with no one chosen yet: who to invite from it. */
  async chooseFromAgency(agency: string): Promise<InvitePage> {
    await this.page.getByRole('link', { name: `Choose who to invite from ${agency}` }).click()
    const invite = new InvitePage(this.page, this.checkAccessibility)
    await invite.expectOpen(`Invite someone from ${agency}`)
    return invite
  }

  async inviteSomeoneElse(): Promise<InvitePage> {
    await this.page.getByRole('link', { name: 'Invite someone else' }).click()
    const invite = new InvitePage(this.page, this.checkAccessibility)
    await invite.expectOpen('Invite someone')
    return invite
  }

  async recordReply(
    name: string,
    reply: 'Attending' | 'Attending remotely' | 'Not attending',
  ): Promise<void> {
    await this.page.getByRole('link', { name: `Record the reply from ${name}` }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(`Reply from ${name}`)
    await this.checkAccessibility(this.page)
    await this.page
      .getByRole('group', { name: 'Their reply' })
      .getByRole('radio', { name: reply, exact: true })
      .check()
    await this.page.getByRole('button', { name: 'Record the reply' }).click()
    await this.expectDone('The reply has been recorded.')
  }

  async expectDone(words: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Invitations')
    await expect(bannerText(this.page, 'done')).toHaveText(words)
    await this.checkAccessibility(this.page)
  }

  async backToTasks(): Promise<ConferencePage> {
    await this.page.getByRole('link', { name: 'Back to the conference’s tasks' }).click()
    const conference = new ConferencePage(this.page, this.checkAccessibility)
    await conference.expectOpen()
    return conference
  }
}

/** Inviting one person (/conferences/:id/invitations/new). */
export class InvitePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(heading: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await this.checkAccessibility(this.page)
  }

  async invite(who: string, role: string, via: SentVia): Promise<InvitationsPage> {
    await chooseOption(this.page.getByLabel('Who', { exact: true }), who)
    await this.page
      .getByRole('group', { name: 'Their role at the conference' })
      .getByRole('radio', { name: role, exact: true })
      .check()
    await this.page
      .getByRole('group', { name: 'How the invitation is sent' })
      .getByRole('radio', { name: via, exact: true })
      .check()
    await this.page.getByRole('button', { name: 'Send the invitation' }).click()
    const invitations = new InvitationsPage(this.page, this.checkAccessibility)
    await invitations.expectDone(
      'The invitations have been sent. Letters to post, hand over or read out are in the messages.',
    )
    return invitations
  }
}

/** The reports to a conference (/conferences/:id/reports): when they are due, asking for them, sharing them. */
export class ReportsPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Reports')
    await this.checkAccessibility(this.page)
  }

  async reopen(): Promise<void> {
    await this.page.reload()
    await this.expectOpen()
  }

  /** The dates the social worker's report is due, from the engine, each with its rule and source. */
  socialWorkerDue(): Locator {
    return this.page.getByTestId('social-worker-due').getByTestId('report-deadline')
  }

  report(author: string): Locator {
    return this.page.getByTestId('report').filter({ hasText: author })
  }

  async askFor(who: string): Promise<void> {
    await chooseOption(this.page.getByLabel('Who to ask'), who)
    await this.page.getByRole('button', { name: 'Ask for the report' }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Reports')
    await this.checkAccessibility(this.page)
  }

  /** Records that a received report was shared with the family, from its row. */
  async recordSharing(author: string, on: string, how: string): Promise<void> {
    const row = this.report(author)
    await enterDate(row.getByRole('group', { name: 'The day it was shared with the family' }), on)
    await row.getByLabel('How', { exact: true }).selectOption({ label: how })
    await row.getByRole('button', { name: 'Record the sharing' }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Reports')
    await this.checkAccessibility(this.page)
  }

  async backToTasks(): Promise<ConferencePage> {
    await this.page.getByRole('link', { name: 'Back to the conference’s tasks' }).click()
    const conference = new ConferencePage(this.page, this.checkAccessibility)
    await conference.expectOpen()
    return conference
  }
}
