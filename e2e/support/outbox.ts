import { expect, type Page } from '@playwright/test'
import type { AccessibilityCheck } from './accessibility.ts'

/**
 * The service's messages (/admin/outbox) as the conference administrator reads them: the newest
 * message to an address, opened, and the one-time link it carries. The journeys take links from
 * here, as the person they were sent to would take them from their email.
 */
export async function newestMessageTo(
  page: Page,
  check: AccessibilityCheck,
  address: string,
): Promise<{ subject: string; text: string }> {
  await page.goto('/admin/outbox')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages')
  await check(page)
  const row = page
    .getByTestId('message')
    .filter({ has: page.getByTestId('message-to').filter({ hasText: address }) })
    .first()
  await expect(row, `a message to ${address}`).toBeVisible()
  await row.getByTestId('message-link').click()
  const subject = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? ''
  await expect(page.getByTestId('message-to')).toContainText(address)
  await check(page)
  const text = (await page.getByTestId('message-text').textContent()) ?? ''
  return { subject, text }
}

/** The address path of the link in a message that starts with `path` ("/partner/link"). */
export function linkIn(text: string, path: string): string {
  const found = new RegExp(`https?://[^\\s/]+(${path}/[A-Za-z0-9_-]+)`).exec(text)
  expect(found, `a link to ${path} in the message`).not.toBeNull()
  return found?.[1] ?? ''
}
