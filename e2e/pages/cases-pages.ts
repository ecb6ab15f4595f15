import { expect, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { chooseOption, enterDate } from '../support/forms.ts'
import { CasePage } from './case-page.ts'

/** Finding a case (/cases) and creating one (/cases/new), as a person uses them. Axe runs on each page reached. */

export class FindCasePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  /** From the service navigation. */
  async openFromNavigation(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Find a case')
    await this.checkAccessibility(this.page)
  }

  async createCase(): Promise<NewCasePage> {
    await this.page.getByRole('button', { name: 'Create a case' }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Create a case')
    await this.checkAccessibility(this.page)
    return new NewCasePage(this.page, this.checkAccessibility)
  }
}

export interface NewChild {
  firstName: string
  lastName: string
  dateOfBirth: string
  subject: boolean
}

export interface NewAdult {
  firstName: string
  lastName: string
  role: 'Parent' | 'Carer' | 'Member of the household' | 'Relative'
  /** The children, by their number on the form (1, 2, ...), they hold parental responsibility for. */
  parentalResponsibilityFor: number[]
}

export interface NewCase {
  familyName: string
  householdAddress: string
  /** Part of the social worker's name as the list shows it. */
  socialWorker: string
  teamManager: string
  children: NewChild[]
  adults: NewAdult[]
}

export class NewCasePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  private child(n: number) {
    return this.page.getByRole('group', { name: `Child ${n}`, exact: true })
  }

  private adult(n: number) {
    return this.page.getByRole('group', { name: `Adult ${n}`, exact: true })
  }

  /** Fills the whole form, adding rows for more children and adults as a person would; creates the case. */
  async create(family: NewCase): Promise<CasePage> {
    await this.page.getByLabel('Family name', { exact: true }).fill(family.familyName)
    await this.page.getByLabel('Household address', { exact: true }).fill(family.householdAddress)
    await chooseOption(this.page.getByLabel('Social worker', { exact: true }), family.socialWorker)
    await chooseOption(this.page.getByLabel('Team manager', { exact: true }), family.teamManager)
    for (const [i, child] of family.children.entries()) {
      if (i > 0) {
        await this.page.getByRole('button', { name: 'Add another child' }).click()
        await expect(this.child(i + 1)).toBeVisible()
      }
      const row = this.child(i + 1)
      await row.getByLabel('First name', { exact: true }).fill(child.firstName)
      await row.getByLabel('Last name', { exact: true }).fill(child.lastName)
      await enterDate(row.getByRole('group', { name: 'Date of birth', exact: true }), child.dateOfBirth)
      await row
        .getByRole('group', { name: 'Is this child a subject of the conference?' })
        .getByRole('radio', { name: child.subject ? 'Yes' : 'No', exact: true })
        .check()
    }
    for (const [i, adult] of family.adults.entries()) {
      if (i > 0) {
        await this.page.getByRole('button', { name: 'Add another adult' }).click()
        await expect(this.adult(i + 1)).toBeVisible()
      }
      const row = this.adult(i + 1)
      await row.getByLabel('First name', { exact: true }).fill(adult.firstName)
      await row.getByLabel('Last name', { exact: true }).fill(adult.lastName)
      await row.getByLabel('How are they related to the children?').selectOption({ label: adult.role })
      const responsibility = row.getByRole('group', { name: 'Who do they hold parental responsibility for?' })
      for (const n of adult.parentalResponsibilityFor)
        await responsibility.getByRole('checkbox', { name: new RegExp(`^Child ${n}\\b`) }).check()
    }
    await this.checkAccessibility(this.page)
    await this.page.getByRole('button', { name: 'Create case' }).click()
    const casePage = new CasePage(this.page, this.checkAccessibility)
    await casePage.expectOpen(family.familyName)
    await expect(casePage.banner()).toHaveText('The case has been created.')
    return casePage
  }
}
