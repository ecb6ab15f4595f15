import AxeBuilder from '@axe-core/playwright'
import { type Browser, expect, type Page } from '@playwright/test'

/** The WCAG 2.2 AA rules axe checks on every page the tests visit. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Runs axe on the page as it is now and fails with each violation and where it is. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    where: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }))
  expect(violations, `axe on ${page.url()}`).toEqual([])
}

/** How a page object checks each page it reaches. */
export type AccessibilityCheck = (page: Page) => Promise<void>

/**
 * For a page loaded with JavaScript turned off, where axe (itself a script) cannot run: the same
 * address opened with scripts on, and checked there. Every page here is a GET, so the address is the page.
 */
export function checkedWithScriptsOn(browser: Browser): AccessibilityCheck {
  return async (page) => {
    const context = await browser.newContext({ javaScriptEnabled: true })
    try {
      const copy = await context.newPage()
      await copy.goto(page.url())
      await expectAccessible(copy)
    } finally {
      await context.close()
    }
  }
}
