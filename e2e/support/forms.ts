import { expect, type Locator } from '@playwright/test'
import { type DateParts, partsOf } from './dates.ts'

/** What the journeys do on any GOV.UK form: choose from a select by part of its text, type a date. */

/** Chooses the option of a select whose text contains `text` (there must be exactly one). */
export async function chooseOption(select: Locator, text: string): Promise<void> {
  const option = select.locator('option', { hasText: text })
  await expect(option, `one option “${text}”`).toHaveCount(1)
  const value = await option.getAttribute('value')
  await select.selectOption(value ?? '')
}

/** Types a date into the GOV.UK date input `group` (its fieldset). */
export async function enterDate(group: Locator, date: string | DateParts): Promise<void> {
  const parts = typeof date === 'string' ? partsOf(date) : date
  await group.getByLabel('Day').fill(parts.day)
  await group.getByLabel('Month').fill(parts.month)
  await group.getByLabel('Year').fill(parts.year)
}
