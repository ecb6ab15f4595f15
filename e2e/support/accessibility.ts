import AxeBuilder from '@axe-core/playwright'
import { type Browser, expect, type Page } from '@playwright/test'

/** The WCAG 2.2 AA rules axe checks on every page the tests visit. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]
type ViolationNode = Violation['nodes'][number]

/**
 * GOV.UK Frontend's conditional reveals put aria-expanded on the radio or checkbox that reveals the
 * question. ARIA does not list it for those roles, so axe reports it; the Design System keeps it on
 * purpose because screen readers announce it (a known issue: alphagov/govuk-frontend#979 and #1280).
 * Only that one finding on a GOV.UK radio or checkbox is set aside; anything else about the element is
 * still reported.
 */
function isGovukConditionalReveal(rule: string, node: ViolationNode): boolean {
  if (rule !== 'aria-allowed-attr') return false
  if (!/class="[^"]*govuk-(radios|checkboxes)__input/.test(node.html)) return false
  const found = [...node.all, ...node.any, ...node.none].flatMap((check) => check.message.split('\n'))
  const notAllowed = found.filter((message) => /not allowed/i.test(message))
  return (
    notAllowed.length > 0 &&
    notAllowed.every((message) =>
      /^ARIA attribute is not allowed: aria-expanded="(true|false)"$/.test(message),
    )
  )
}

/** Runs axe on the page as it is now and fails with each violation and where it is. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const violations = results.violations
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter((node) => !isGovukConditionalReveal(violation.id, node)),
    }))
    .filter((violation) => violation.nodes.length > 0)
    .map((violation) => ({
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
 * address opened with scripts on, as the same signed-in person (the cookies are carried over), and
 * checked there. Every page checked this way is reached by a GET, so the address is the page.
 */
export function checkedWithScriptsOn(browser: Browser): AccessibilityCheck {
  return async (page) => {
    const context = await browser.newContext({
      javaScriptEnabled: true,
      storageState: await page.context().storageState(),
    })
    try {
      const copy = await context.newPage()
      await copy.goto(page.url())
      await expectAccessible(copy)
    } finally {
      await context.close()
    }
  }
}
