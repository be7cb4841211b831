// Page helpers shared by the e2e tests: waiting for the service worker, where to put
// screenshots for people to look at, and the Content-Security-Policy violations a page met.
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'

export const SCREENSHOT_DIR = join(tmpdir(), 'consentlens-screenshots')

/** Resolves once a service worker controls the page (on the first visit, via clientsClaim). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  })
}

/**
 * A fresh page of `viewport` size at `url`, once the service worker controls it, taken to a
 * screen by `reach` (a SCREENS entry of the screen-by-screen checks), or an error naming it.
 */
export async function openScreen(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  name: string,
  reach: ((page: Page) => Promise<void>) | undefined,
): Promise<Page> {
  if (reach === undefined) throw new Error(`No way to reach ${name}`)
  const page = await browser.newPage({ viewport })
  await page.goto(url)
  await waitForServiceWorkerControl(page)
  await reach(page)
  return page
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, `${name}.png`)
}

type CspWindow = { __cspViolations?: string[] }

/** Makes every page of `context` record the CSP violations it meets, for `cspViolations`. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as CspWindow).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  })
}

/** What the page's CSP refused so far: it should be nothing, or a feature is broken. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as CspWindow).__cspViolations ?? [])
}
