import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { isoFromWords } from '../support/dates.ts'
import { chooseOption, enterDate } from '../support/forms.ts'
import { bannerText } from './conference-pages.ts'

/**
 * The decision for one child (/conferences/:id/meeting/children/:childId/decision): one long form,
 * section by section as the chair records it in the room. Axe runs on each page reached.
 */

export interface ProfessionalView {
  /** The row's legend: the attendee's name for those recorded as at the meeting. */
  name: string
  view: 'plan' | 'no_plan'
  /** The category they propose, if a plan ("Emotional abuse"). */
  category?: string
  reasons?: string
}

export interface Dissent {
  name: string
  agency: string
  reasons: string
}

export interface PlanDecision {
  /** The limb of the two-limb test, as the page words it. */
  limb: string
  category: string
  outlineOutcomes: string
  action: { what: string; who: string }
  /** Part of the lead social worker's name as the list shows it. */
  leadSocialWorker: string
  coreGroup: { name: string; agency?: string; role?: string }[]
}

export interface NoPlanDecision {
  childInNeedPlan: boolean
  recommendations?: string
}

export class DecisionPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  private form(): Locator {
    return this.page.getByTestId('decision-form')
  }

  /** Is the child at continuing risk of significant harm? */
  async threshold(met: boolean, limb?: string): Promise<void> {
    await this.page
      .getByRole('radio', { name: met ? 'Yes: a child protection plan' : 'No: no child protection plan' })
      .check()
    if (met && limb)
      await this.page
        .getByRole('group', { name: 'Which limb of the test is met?' })
        .getByRole('radio', { name: limb, exact: true })
        .check()
  }

  /** Each professional's view, in the row already named for them from the attendance. */
  async views(views: readonly ProfessionalView[]): Promise<void> {
    for (const view of views) {
      const row = this.page.getByRole('group', { name: view.name, exact: true })
      await row
        .getByRole('radio', {
          name: view.view === 'plan' ? 'Needs a child protection plan' : 'Does not need a plan',
        })
        .check()
      if (view.category)
        await row.getByLabel('Category they propose, if a plan').selectOption({ label: view.category })
      if (view.reasons) await row.getByLabel('Their reasons (optional)').fill(view.reasons)
    }
  }

  async chairReasons(reasons: string): Promise<void> {
    await this.page.getByLabel('The chair’s reasons').fill(reasons)
  }

  async dissent(dissent: Dissent): Promise<void> {
    const row = this.page.getByRole('group', { name: 'Dissent 1', exact: true })
    await row.getByLabel('Name', { exact: true }).fill(dissent.name)
    await row.getByLabel('Agency', { exact: true }).selectOption({ label: dissent.agency })
    await row.getByLabel('Their reasons').fill(dissent.reasons)
  }

  async parents(views: string, disagree: boolean): Promise<void> {
    await this.page.getByLabel('The parents’ views').fill(views)
    if (disagree) {
      await this.page.getByRole('checkbox', { name: 'The parents disagree with the decision' }).check()
      await this.page
        .getByRole('checkbox', { name: 'The chair told the parents how to challenge the decision' })
        .check()
    }
  }

  /** The procedure's limit for the first core group or the first review, as the page shows it. */
  limit(which: 'first-core-group' | 'first-review'): Locator {
    return this.page.getByTestId(`limit-${which}`)
  }

  /** The latest date the procedure allows for the first core group or review, read from the page. */
  async latestDate(which: 'first-core-group' | 'first-review'): Promise<string> {
    return isoFromWords((await this.limit(which).getByTestId('limit-when').textContent()) ?? '')
  }

  /** A plan: category, outline plan, who leads it, the core group, and its first dates at the procedure's limits. */
  async plan(plan: PlanDecision): Promise<{ firstCoreGroup: string; firstReview: string }> {
    await this.threshold(true, plan.limb)
    await this.page
      .getByRole('group', { name: 'Category of abuse or neglect' })
      .getByRole('checkbox', { name: plan.category, exact: true })
      .check()
    await this.form()
      .getByLabel('Specific, achievable, child-focused outcomes intended to safeguard each child.')
      .fill(plan.outlineOutcomes)
    const firstCoreGroup = await this.latestDate('first-core-group')
    const firstReview = await this.latestDate('first-review')
    const action = this.page.getByRole('group', { name: 'Action 1', exact: true })
    await action.getByLabel('What will be done').fill(plan.action.what)
    await action.getByLabel('Who will do it').fill(plan.action.who)
    await enterDate(action.getByRole('group', { name: 'By when' }), firstCoreGroup)
    await chooseOption(this.page.getByLabel('Lead social worker'), plan.leadSocialWorker)
    for (const [i, member] of plan.coreGroup.entries()) {
      const row = this.page.getByRole('group', { name: `Core group member ${i + 1}`, exact: true })
      await row.getByLabel('Name', { exact: true }).fill(member.name)
      if (member.agency) await row.getByLabel('Agency (optional)').selectOption({ label: member.agency })
      if (member.role) await row.getByLabel('Role (optional)').fill(member.role)
    }
    await enterDate(this.page.getByRole('group', { name: 'Date of the first core group' }), firstCoreGroup)
    await enterDate(
      this.page.getByRole('group', { name: 'Date of the first review conference' }),
      firstReview,
    )
    return { firstCoreGroup, firstReview }
  }

  async noPlan(outcome: NoPlanDecision): Promise<void> {
    await this.threshold(false)
    await this.page
      .getByRole('group', { name: 'Is a child in need plan made?' })
      .getByRole('radio', { name: outcome.childInNeedPlan ? 'Yes, a child in need plan' : 'No', exact: true })
      .check()
    if (outcome.recommendations)
      await this.page.getByLabel('The help recommended').fill(outcome.recommendations)
  }

  /** "Save and come back later": the draft is kept, and the overview says so. */
  async saveDraft(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save and come back later' }).click()
    await expect(bannerText(this.page, 'saved-banner')).toHaveText(
      'Your draft is saved. It is not part of the record until you record it.',
    )
  }

  draftNotice(): Locator {
    return this.page.getByTestId('draft-notice')
  }

  async record(): Promise<void> {
    await this.checkAccessibility(this.page)
    await this.page.getByRole('button', { name: 'Record the decision' }).click()
    await expect(bannerText(this.page, 'saved-banner')).toHaveText('The decision is recorded.')
    await this.checkAccessibility(this.page)
  }
}
