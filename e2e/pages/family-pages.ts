import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'

/**
 * The pages of a family member, a young person or an advocate (/family): their meetings, a
 * meeting's invitation, the reports shared with them, sending their views, the decision letter and
 * who has looked at the family's record. Axe runs on each page reached.
 */

/** Words the family's pages never use: the professionals' abbreviations and the procedure's codes. */
export const JARGON = ['ICPC', 'RCPC', 's47', 'section 47', 'T-RPT', 'T-CORE', 'London 8.', 'P-ADVOCATE']

/** The text of the page's main part, for words that must or must not be there. */
export async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? ''
}

export class FamilyHomePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(heading = 'Your meetings'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await this.checkAccessibility(this.page)
  }

  async openFromNavigation(name = 'Your meetings', heading = name): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name, exact: true }).click()
    await this.expectOpen(heading)
  }

  meetings(): Locator {
    return this.page.getByTestId('meeting')
  }

  /** A meeting in the list, by the family it is for. */
  meetingOf(familyName: string): Locator {
    return this.page.getByTestId('meeting').filter({
      has: this.page.locator('xpath=ancestor::ul/preceding-sibling::h2[1]', { hasText: familyName }),
    })
  }

  async openMeeting(which: Locator): Promise<FamilyMeetingPage> {
    await which.getByRole('link').click()
    const meeting = new FamilyMeetingPage(this.page, this.checkAccessibility)
    await meeting.expectOpen()
    return meeting
  }

  async openWhoLooked(): Promise<WhoLookedPage> {
    await this.page.getByRole('link', { name: 'Who has looked at your family’s record' }).click()
    const reads = new WhoLookedPage(this.page, this.checkAccessibility)
    await reads.expectOpen()
    return reads
  }
}

/** A meeting's invitation: what it is, when and where, who will be there, reports, views, decision. */
export class FamilyMeetingPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByTestId('when-where')).toBeVisible()
    await this.checkAccessibility(this.page)
  }

  /** The meeting's id, from its address. */
  conferenceId(): string {
    return /\/family\/meetings\/([0-9a-f-]{36})/.exec(this.page.url())?.[1] ?? ''
  }

  whenWhere(): Locator {
    return this.page.getByTestId('when-where')
  }

  async openReports(): Promise<FamilyReportsPage> {
    await this.page.getByTestId('reports-link').click()
    const reports = new FamilyReportsPage(this.page, this.checkAccessibility)
    await reports.expectOpen()
    return reports
  }

  async openViews(): Promise<ViewsPage> {
    await this.page.getByTestId('views-link').click()
    const views = new ViewsPage(this.page, this.checkAccessibility)
    await views.expectOpen()
    return views
  }

  async openDecision(): Promise<DecisionLetterPage> {
    await this.page.getByTestId('decision-link').click()
    const letter = new DecisionLetterPage(this.page, this.checkAccessibility)
    await letter.expectOpen()
    return letter
  }
}

export class FamilyReportsPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Reports for the meeting')
    await this.checkAccessibility(this.page)
  }

  reports(): Locator {
    return this.page.getByTestId('report')
  }

  async open(title: string): Promise<FamilyReportPage> {
    await this.page.getByRole('link', { name: title, exact: true }).click()
    const report = new FamilyReportPage(this.page, this.checkAccessibility)
    await report.expectOpen(title)
    return report
  }
}

export class FamilyReportPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(title: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title)
    await this.checkAccessibility(this.page)
  }

  parts(): Locator {
    return this.page.getByTestId('report-parts')
  }

  /** The headings of the parts shown, in order. */
  async headings(): Promise<string[]> {
    return (await this.parts().locator('h2').allTextContents()).map((text) => text.trim())
  }

  /** The report as the text file the page offers to download. */
  async downloaded(): Promise<string> {
    const href = (await this.page.getByTestId('download').getAttribute('href')) ?? ''
    const response = await this.page.request.get(href)
    expect(response.status()).toBe(200)
    return response.text()
  }
}

/** Sending views before the meeting: written, a file, or both. */
export class ViewsPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Send your views')
    await this.checkAccessibility(this.page)
  }

  async send(views: { text?: string; file?: { name: string; mimeType: string; buffer: Buffer } }) {
    if (views.text !== undefined) await this.page.getByLabel('Your views', { exact: true }).fill(views.text)
    if (views.file)
      await this.page.getByLabel('A file with your views (if you have one)').setInputFiles(views.file)
    await this.page.getByRole('button', { name: 'Send your views' }).click()
  }

  errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary')
  }
}

export class DecisionLetterPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('What was decided')
    await this.checkAccessibility(this.page)
  }

  /** What was decided for one child, by their name. */
  child(name: string): Locator {
    return this.page
      .getByTestId('child-decision')
      .filter({ has: this.page.getByRole('heading', { level: 2, name, exact: true }) })
  }

  async downloaded(): Promise<string> {
    const href = (await this.page.getByTestId('download').getAttribute('href')) ?? ''
    const response = await this.page.request.get(href)
    expect(response.status()).toBe(200)
    return response.text()
  }
}

export class WhoLookedPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(
      'Who has looked at your family’s record',
    )
    await this.checkAccessibility(this.page)
  }

  reads(): Locator {
    return this.page.getByTestId('read')
  }

  /** The reads by someone (as the page words them: "Your social worker") of something ("a report"). */
  read(who: string, what: string): Locator {
    return this.reads()
      .filter({ has: this.page.locator('td:nth-child(2)', { hasText: who }) })
      .filter({ has: this.page.locator('td:nth-child(4)', { hasText: what }) })
  }
}
