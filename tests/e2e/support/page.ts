// Page helpers shared by the e2e tests: waiting for the service worker, and where to put
// screenshots for people to look at.
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

export const SCREENSHOT_DIR = join(tmpdir(), 'consentlens-screenshots')

/** Resolves once a service worker controls the page (on the first visit, via clientsClaim). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  })
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, `${name}.png`)
}
