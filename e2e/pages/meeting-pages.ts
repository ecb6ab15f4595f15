import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { bannerText } from './conference-pages.ts'
import { DecisionPage } from './decision-page.ts'

/**
 * The chair's pages: their conferences (/chair) and the meeting, a step at a time, under
 * /conferences/:id/meeting: the overview, the opening checklist, attendance, the quorum, the notes
 * and "check your answers". A child's decision has a page object of its own (decision-page.ts).
 */

export class ChairConferencesPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Your conferences')
    await this.checkAccessibility(this.page)
  }

  /** A conference coming up, by the names of its children as the list writes them ("Kai Fernside and Mia Fernside"). */
  comingUp(children: string): Locator {
    return this.page
      .getByTestId('coming-up')
      .getByTestId('agenda-row')
      .filter({ has: this.page.getByRole('link', { name: `Open the meeting about ${children}` }) })
  }

  /** The row of a conference whether it is today or coming up, or held and still to be finalised. */
  row(children: string): Locator {
    return this.page
      .getByTestId('agenda-row')
      .filter({ has: this.page.getByRole('link', { name: `Open the meeting about ${children}` }) })
  }

  async openMeeting(children: string): Promise<MeetingPage> {
    await this.page.getByRole('link', { name: `Open the meeting about ${children}` }).click()
    const meeting = new MeetingPage(this.page, this.checkAccessibility)
    await meeting.expectOpen(children)
    return meeting
  }
}

/** The meeting's overview: its steps, each with how far it has got. */
export class MeetingPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(children: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(`Meeting about ${children}`)
    await this.checkAccessibility(this.page)
  }

  banner(): Locator {
    return bannerText(this.page, 'saved-banner')
  }

  step(title: string): Locator {
    return this.page
      .getByTestId('meeting-steps')
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) })
  }

  stepStatus(title: string): Locator {
    return this.step(title).locator('.govuk-task-list__status')
  }

  stepHint(title: string): Locator {
    return this.step(title).locator('.govuk-task-list__hint')
  }

  private async openStep(title: string, heading: string): Promise<void> {
    await this.page.getByTestId('meeting-steps').getByRole('link', { name: title, exact: true }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await this.checkAccessibility(this.page)
  }

  async openChecklist(): Promise<ChecklistPage> {
    await this.openStep('Opening checklist', 'Opening checklist')
    return new ChecklistPage(this.page, this.checkAccessibility)
  }

  async openAttendance(): Promise<AttendancePage> {
    await this.openStep('Attendance', 'Attendance')
    return new AttendancePage(this.page, this.checkAccessibility)
  }

  async openQuorum(): Promise<QuorumPage> {
    await this.openStep('Quorum', 'Quorum')
    return new QuorumPage(this.page, this.checkAccessibility)
  }

  async openNotes(title: string): Promise<NotesPage> {
    await this.openStep(title, title)
    return new NotesPage(this.page, this.checkAccessibility)
  }

  async openDecision(child: string): Promise<DecisionPage> {
    await this.openStep(`Decision for ${child}`, `Decision for ${child}`)
    return new DecisionPage(this.page, this.checkAccessibility)
  }

  async openCheckAnswers(): Promise<CheckAnswersPage> {
    await this.openStep('Check your answers and finalise', 'Check your answers')
    return new CheckAnswersPage(this.page, this.checkAccessibility)
  }
}

/** Back to the overview from any step, and what it said was saved. */
async function backToMeeting(
  page: Page,
  check: AccessibilityCheck,
  children: string,
  saved: string,
): Promise<MeetingPage> {
  const meeting = new MeetingPage(page, check)
  await meeting.expectOpen(children)
  await expect(meeting.banner()).toHaveText(saved)
  return meeting
}

export class ChecklistPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  items(): Locator {
    return this.page.getByTestId('checklist-item')
  }

  /** Ticks every item of the procedure's checklist, with a note on the first, and saves it. */
  async tickEverything(children: string, note: string): Promise<MeetingPage> {
    const boxes = this.page.getByTestId('checklist-form').getByRole('checkbox')
    const count = await boxes.count()
    expect(count).toBeGreaterThan(0)
    for (let i = 0; i < count; i++) await boxes.nth(i).check()
    await this.items().first().getByLabel('Note (optional)').fill(note)
    await this.page.getByRole('button', { name: 'Save the checklist' }).click()
    return backToMeeting(this.page, this.checkAccessibility, children, 'The checklist is saved.')
  }
}

export interface Attendee {
  name: string
  role: 'Professional' | 'Parent' | 'Carer' | 'Child or young person' | 'Advocate' | 'Supporter'
  agency?: string
  capacity?: string
  remote?: boolean
  directContactWithChild?: boolean
}

export class AttendancePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  attendees(): Locator {
    return this.page.getByTestId('attendance').getByTestId('attendee')
  }

  quorumVerdict(): Locator {
    return this.page.getByTestId('quorum-verdict')
  }

  async add(person: Attendee): Promise<void> {
    const form = this.page.getByTestId('attendee-form')
    await form.getByLabel('Name', { exact: true }).fill(person.name)
    await form.getByLabel('Role', { exact: true }).selectOption({ label: person.role })
    await form.getByLabel('Agency', { exact: true }).selectOption({ label: person.agency ?? 'None' })
    if (person.capacity) await form.getByLabel('Job or part in the meeting (optional)').fill(person.capacity)
    await form
      .getByRole('group', { name: 'In person or remote?' })
      .getByRole('radio', { name: person.remote ? 'Remote' : 'In person', exact: true })
      .check()
    if (person.directContactWithChild)
      await form.getByRole('checkbox', { name: 'Has had direct contact with the child' }).check()
    await form.getByRole('button', { name: 'Add to the attendance' }).click()
    await expect(bannerText(this.page, 'saved-banner')).toHaveText('The attendance is saved.')
    await expect(this.attendees().filter({ hasText: person.name })).toHaveCount(1)
    await this.checkAccessibility(this.page)
  }

  async backToMeeting(children: string): Promise<MeetingPage> {
    await this.page.getByRole('link', { name: 'Back to the meeting' }).click()
    const meeting = new MeetingPage(this.page, this.checkAccessibility)
    await meeting.expectOpen(children)
    return meeting
  }
}

export class QuorumPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  verdict(): Locator {
    return this.page.getByTestId('quorum-verdict')
  }

  source(): Locator {
    return this.page.getByTestId('quorum-source')
  }

  async checkAndRecord(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check and record the quorum' }).click()
    await expect(bannerText(this.page, 'saved-banner')).toHaveText('The quorum is checked and recorded.')
    await expect(this.page.getByTestId('last-checked')).toContainText('Last checked and recorded at')
    await this.checkAccessibility(this.page)
  }

  async backToMeeting(children: string): Promise<MeetingPage> {
    await this.page.getByRole('link', { name: 'Back to the meeting' }).click()
    const meeting = new MeetingPage(this.page, this.checkAccessibility)
    await meeting.expectOpen(children)
    return meeting
  }
}

export class NotesPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  /** Writes the notes under the practice model's headings, by heading, and saves them. */
  async write(children: string, notes: Record<string, string>): Promise<MeetingPage> {
    for (const [heading, text] of Object.entries(notes))
      await this.page
        .getByTestId('heading')
        .filter({ has: this.page.getByRole('heading', { name: heading, exact: true }) })
        .getByLabel('Notes')
        .fill(text)
    await this.page.getByRole('button', { name: 'Save the notes' }).click()
    return backToMeeting(this.page, this.checkAccessibility, children, 'The notes are saved.')
  }
}

/** "Check your answers": the whole record, what stops finalising, and Finalise; then the record as finalised. */
export class CheckAnswersPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }

  /** A child's decision, as a summary card. */
  decision(child: string): Locator {
    return this.page
      .getByTestId('child-decision')
      .filter({ has: this.page.getByRole('heading', { name: `Decision for ${child}`, exact: true }) })
  }

  /** A row of a child's decision by its data-qa (summary-outcome, summary-first-core-group, ...). */
  decisionRow(child: string, qa: string): Locator {
    return this.decision(child).getByTestId(qa).locator('.govuk-summary-list__value')
  }

  meetingRow(qa: string): Locator {
    return this.page.getByTestId(qa).locator('.govuk-summary-list__value')
  }

  missing(): Locator {
    return this.page.getByTestId('missing')
  }

  errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary')
  }

  async finalise(): Promise<void> {
    await this.page.getByRole('button', { name: 'Finalise the conference' }).click()
    await this.page.waitForLoadState('load')
  }

  /** After finalising: the meeting record, read only. */
  async expectFinalised(): Promise<void> {
    await expect(this.heading()).toHaveText('The meeting record')
    await expect(bannerText(this.page, 'saved-banner')).toHaveText(
      'The conference is finalised. The decisions can no longer be changed, only corrected.',
    )
    await expect(this.page.getByTestId('finalise-form')).toHaveCount(0)
    await this.checkAccessibility(this.page)
  }
}
