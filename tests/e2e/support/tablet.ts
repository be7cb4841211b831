// The set-up every e2e file shares: the app under test (this worker's Chromium and a server of
// the file's own on a random port), and tablets in it (a browser context each: its own
// IndexedDB, service worker and network switch, as a separate iPad has).
//
// The `…Per…` helpers register vitest hooks, so call them at the top of a file or describe
// block; what they return is read inside tests, after the hooks have run.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startAppServer, type AppServer } from './appServer.ts'
import { sharedChromium } from './chromium.ts'
import { recordCspViolations, waitForServiceWorkerControl } from './page.ts'
import { DEMO, openFromHome, signIn } from './signIn.ts'
import { startSyncServer, type SyncServer } from './syncServer.ts'

export type Viewport = { width: number; height: number }
export const LANDSCAPE: Viewport = { width: 1024, height: 768 }
export const PORTRAIT: Viewport = { width: 768, height: 1024 }

type BrowserOptions = { fakeCamera?: boolean }

export type ServedApp = { readonly browser: Browser; readonly url: string }
export type SyncedApp = ServedApp & { readonly server: SyncServer }

/**
 * For the whole file: the worker's browser (with Chromium's test-pattern camera if asked) and
 * the built app served by the real server with no sync (src/server/app.ts over dist/).
 */
export function servedAppPerFile(options: BrowserOptions = {}): ServedApp {
  return appPerFile(options, startAppServer)
}

/**
 * For the whole file: the worker's browser and the real sync server in-process, with its own
 * SQLite and photo folder in a temporary DATA_DIR and the demo setting seeded (syncServer.ts).
 */
export function syncedAppPerFile(options: BrowserOptions = {}): SyncedApp {
  return appPerFile(options, startSyncServer)
}

function appPerFile<S extends AppServer | SyncServer>(
  options: BrowserOptions,
  start: () => Promise<S>,
): ServedApp & { readonly server: S } {
  let browser: Browser | undefined
  let server: S | undefined
  beforeAll(async () => {
    browser = await sharedChromium(options)
    server = await start()
  })
  afterAll(async () => {
    await server?.close()
  })
  return {
    get browser() {
      return defined(browser, 'browser')
    },
    get url() {
      return defined(server, 'server').url
    },
    get server() {
      return defined(server, 'server')
    },
  }
}

export type Tablet = { readonly context: BrowserContext; readonly page: Page }

/**
 * For each test: a fresh tablet (a new context and a blank page at `viewport`, landscape unless
 * said), closed after the test. The page has not opened the app yet.
 */
export function freshTabletPerTest(
  app: ServedApp,
  options: { viewport?: Viewport; recordCsp?: boolean } = {},
): Tablet {
  let context: BrowserContext | undefined
  let page: Page | undefined
  beforeEach(async () => {
    context = await app.browser.newContext({ viewport: options.viewport ?? LANDSCAPE })
    if (options.recordCsp === true) await recordCspViolations(context)
    page = await context.newPage()
  })
  afterEach(async () => {
    await context?.close()
  })
  return {
    get context() {
      return defined(context, 'context')
    },
    get page() {
      return defined(page, 'page')
    },
  }
}

/**
 * A new tablet that has opened `url` and is controlled by the app's service worker (so it works
 * offline from here on). Leaves the page on the sign-in screen, the demo setting seeded; every
 * CSP violation it meets is recorded (page.ts cspViolations). The caller closes its context.
 */
export async function openTablet(
  browser: Browser,
  url: string,
  options: { viewport?: Viewport } = {},
): Promise<Tablet> {
  // Downloads are accepted (Playwright's default), as the exports and the library need.
  const context = await browser.newContext({ viewport: options.viewport ?? LANDSCAPE })
  await recordCspViolations(context)
  const page = await context.newPage()
  await page.goto(url)
  await waitForServiceWorkerControl(page)
  return { context, page }
}

/**
 * Signs the demo manager in and enrols the tablet on "This tablet" with `code`. Leaves the page
 * on "This tablet", the manager signed in, after the first sync with the server has finished.
 */
export async function enrolThisTablet(page: Page, code: string): Promise<void> {
  await signIn(page, DEMO.manager)
  await openFromHome(page, /This tablet/)
  await page.getByLabel('Enrolment code').fill(code)
  await page.getByRole('button', { name: 'Enrol this tablet' }).click()
  await page
    .getByRole('region', { name: 'Sync' })
    .getByText('Synced with the setting’s server')
    .waitFor()
}

function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The e2e ${what} is not set up yet: read it in a test`)
  return value
}
