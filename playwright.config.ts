import { createServer } from 'node:net'
import { defineConfig, devices } from '@playwright/test'

/**
 * Browser tests: the system Chromium (Debian's `chromium` package, /usr/bin/chromium), never a
 * downloaded browser. The app runs as a user starts it (`convene serve`) on a free port.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

// Chosen once by the runner; its workers inherit it through the environment.
process.env.CONVENE_E2E_PORT ??= String(await freePort())
const port = Number(process.env.CONVENE_E2E_PORT)
const baseURL = `http://127.0.0.1:${port}`

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Journeys run axe on every page; on a shared two-core machine one run can take ten seconds.
  timeout: 240_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 1 : 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    testIdAttribute: 'data-qa',
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // A new embedded database each run, loaded with the demo data as on a first start.
    command: 'rm -rf ./data/e2e && node bin/convene.js serve',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      CONVENE_DATA_DIR: './data/e2e',
      CONVENE_PROFILE: 'london',
      CONVENE_COUNCIL_NAME: 'Convene Demo Council (fictional)',
      LOG_LEVEL: 'warn',
    },
  },
})
