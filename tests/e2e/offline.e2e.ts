// The app loads, a service worker takes control on the first visit, and from then on the app
// opens with the network cut: the promise a nursery tablet depends on.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from './support/chromium.ts'
import { startAppServer } from './support/appServer.ts'
import type { AppServer } from './support/appServer.ts'
import { waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'

let browser: Browser
let server: AppServer
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
  server = await startAppServer()
})
afterAll(async () => {
  await browser.close()
  await server.close()
})
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  page = await context.newPage()
})
afterEach(async () => {
  await context.close()
})

describe('the app shell', () => {
  it('loads and asks who is using the tablet', async () => {
    await page.goto(server.url)
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
    await page.getByRole('banner').getByText('ConsentLens').waitFor()
    expect(await page.getByRole('status').filter({ hasText: 'Online' }).count()).toBe(1)
  })

  it('is controlled by the service worker on the first visit', async () => {
    await page.goto(server.url)
    await waitForServiceWorkerControl(page)
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /This tablet/)
    const appSaved = page.getByTestId('app-saved')
    await appSaved.getByText('Yes', { exact: true }).waitFor()
  })
})

describe('offline', () => {
  it('reloads and works with the network cut', async () => {
    await page.goto(server.url)
    await waitForServiceWorkerControl(page)

    await context.setOffline(true)
    await page.reload()
    // Chromium reports navigator.onLine as true after a reload under emulation, so prove the
    // network is cut directly: the server cannot be reached, yet the app is all there.
    const reach = await page.evaluate(() =>
      fetch('/api/health', { cache: 'no-store' }).then(
        () => 'reached',
        () => 'cut',
      ),
    )
    expect(reach).toBe('cut')
    // Sign-in reads the staff from IndexedDB: the data is there as well as the app.
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /This tablet/)
    await page.getByTestId('app-saved').getByText('Yes', { exact: true }).waitFor()
  })

  it('says "Offline" in words the moment the connection drops', async () => {
    await page.goto(server.url)
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
    await context.setOffline(true)
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor()
  })

  it('opens a deep link from the cache with the network cut', async () => {
    await page.goto(server.url)
    await waitForServiceWorkerControl(page)

    await context.setOffline(true)
    await page.goto(`${server.url}/children/42`)
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
  })
})
