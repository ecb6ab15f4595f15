import { expect, type Page } from '@playwright/test'
import { generate } from 'otplib'

/**
 * An authenticator app, as a practitioner sets one up: it keeps the key the set-up page shows and
 * gives the code for now. The service takes each 30-second code once, so a second sign-in waits
 * for the next code, as a person waits for the app to change.
 */
export class Authenticator {
  private lastStep = -1

  private constructor(private readonly secret: string) {}

  /** Reads the key typed into the app from the "Set up your sign-in code" page. */
  static async fromSetUpPage(page: Page): Promise<Authenticator> {
    const key = (await page.getByTestId('secret').textContent())?.replaceAll(' ', '').trim() ?? ''
    expect(key, 'the key to type into the app').toMatch(/^[A-Z2-7]{16,}$/)
    return new Authenticator(key)
  }

  /** The code the app shows now, never one already given. */
  async code(): Promise<string> {
    let step = Math.floor(Date.now() / 30_000)
    if (step <= this.lastStep) {
      await new Promise((resolve) => setTimeout(resolve, (this.lastStep + 1) * 30_000 - Date.now() + 500))
      step = Math.floor(Date.now() / 30_000)
    }
    this.lastStep = step
    return generate({ secret: this.secret, epoch: step * 30 })
  }
}
