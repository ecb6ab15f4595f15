import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { ConferencePage } from './conference-pages.ts'
import { MyCasesPage } from './my-cases-page.ts'

/**
 * A submitted report as the staff read it (/reports/:id), part by part, with the parts withheld
 * from someone marked, and the form that withholds a part. Reached by the allocated social worker
 * from their case: the conference, its reports, the report.
 */

export interface WrittenPart {
  code: string
  title: string
  text: string
  withheldFrom: string
}

/** The conferences on a case page: those coming up, then those held before. */
export function conferenceLinks(page: Page): Locator {
  return page.locator('[data-qa="conference-link"], [data-qa="earlier-conferences"] a')
}

export class StaffReportPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  /** From "Your cases": the case, its conference, the conference's reports, the report by `author`. */
  static async openFromMyCases(
    page: Page,
    check: AccessibilityCheck,
    familyName: string,
    author: string,
  ): Promise<StaffReportPage> {
    const cases = new MyCasesPage(page, check)
    await cases.open()
    await cases.openCase(familyName)
    await conferenceLinks(page).first().click()
    const conference = new ConferencePage(page, check)
    await conference.expectOpen()
    const reports = await conference.openReports()
    await reports.report(author).getByRole('link', { name: author }).click()
    const report = new StaffReportPage(page, check)
    await report.expectOpen()
    return report
  }

  async expectOpen(title = 'Social work report'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title)
    await this.checkAccessibility(this.page)
  }

  /** The report's id, from its address. */
  reportId(): string {
    return /\/reports\/([0-9a-f-]{36})/.exec(this.page.url())?.[1] ?? ''
  }

  /** Every part as written, with whom it is withheld from ("" when from no one). */
  async parts(): Promise<WrittenPart[]> {
    const sections = this.page.getByTestId('report-section')
    const found: WrittenPart[] = []
    for (const section of await sections.all()) {
      const marker = section.getByTestId('withheld-marker')
      found.push({
        code: (await section.getAttribute('data-section')) ?? '',
        title: ((await section.locator('h3').textContent()) ?? '').trim(),
        text: ((await section.getByTestId('section-text').textContent()) ?? '').trim(),
        withheldFrom: (await marker.count()) > 0 ? ((await marker.textContent()) ?? '').trim() : '',
      })
    }
    expect(found.length, 'the report has parts').toBeGreaterThan(0)
    return found
  }

  /**
   * A part withheld from no one whose words no other part repeats, so that whether a reader sees
   * it can be told from the words alone.
   */
  async partWithWordsOfItsOwn(): Promise<WrittenPart> {
    const parts = await this.parts()
    const own = parts.find(
      (part) =>
        part.withheldFrom === '' &&
        part.text !== '' &&
        parts.every((other) => other === part || !other.text.includes(part.text)),
    )
    expect(own, 'a part with words of its own').toBeDefined()
    return own as WrittenPart
  }

  withheldRows(): Locator {
    return this.page.getByTestId('withheld-part')
  }

  /** Withholds a part (by its code) from an audience ("The child", "The advocate", or a person by name), with the reason. */
  async withhold(part: WrittenPart, audience: { person: string } | string, reason: string): Promise<void> {
    const form = this.page.getByTestId('withhold-form')
    await form.getByLabel('Which part?').selectOption(part.code)
    const audiences = form.getByRole('group', { name: 'Who is it withheld from?' })
    if (typeof audience === 'string') {
      await audiences.getByRole('radio', { name: audience, exact: true }).check()
    } else {
      await audiences.getByRole('radio', { name: 'One person in the family, named below' }).check()
      const person = form.getByLabel('The person it is withheld from')
      const option = person.locator('option', { hasText: audience.person })
      await person.selectOption((await option.getAttribute('value')) ?? '')
    }
    await form.getByLabel('Why is it withheld?').fill(reason)
    await form.getByRole('button', { name: 'Withhold this part' }).click()
    await expect(this.page.getByRole('heading', { level: 2, name: 'Parts withheld' })).toBeVisible()
    await this.checkAccessibility(this.page)
  }
}
