// A new version is deployed while the app is open. The page must never reload by itself (a
// reload can lose a half-tagged photo): it shows "Update ready" and waits. "Later" hides the
// prompt; "Update now" lets the new service worker take over and reloads into it.
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { sharedChromium } from './support/chromium.ts'
import { copyDist, startAppServer } from './support/appServer.ts'
import type { AppServer } from './support/appServer.ts'
import { screenshotPath, waitForServiceWorkerControl } from './support/page.ts'

let browser: Browser
let dist: ReturnType<typeof copyDist>
let server: AppServer
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await sharedChromium()
})
beforeEach(async () => {
  dist = copyDist()
  server = await startAppServer(dist.dir)
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  page = await context.newPage()
})
afterEach(async () => {
  await context.close()
  await server.close()
  dist.remove()
})

/** Loads the app, deploys a byte-different sw.js, and waits for the prompt it causes. */
async function openWithWaitingUpdate(): Promise<void> {
  await page.goto(server.url)
  await waitForServiceWorkerControl(page)
  appendFileSync(join(dist.dir, 'sw.js'), '\n// next version\n')
  await page.reload()
  await page.getByRole('button', { name: 'Update now' }).waitFor({ timeout: 30_000 })
  // A marker that only survives as long as this document does: gone means "reloaded".
  await page.evaluate(() => {
    document.documentElement.dataset.e2eMarker = 'still here'
  })
}

function markerPresent(): Promise<boolean> {
  return page.evaluate(() => document.documentElement.dataset.e2eMarker === 'still here')
}

function waitingWorker(): Promise<boolean> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    return registration?.waiting != null
  })
}

describe('an update while the app is open', () => {
  it('waits for the person, and "Later" hides the prompt without reloading', async () => {
    await openWithWaitingUpdate()
    await page.getByRole('region', { name: 'Update ready' }).waitFor()
    await page.screenshot({ path: screenshotPath('update-prompt-1024x768') })
    await page.setViewportSize({ width: 768, height: 1024 })
    await page.screenshot({ path: screenshotPath('update-prompt-768x1024') })

    await page.waitForTimeout(3_000)
    expect(await markerPresent()).toBe(true)
    expect(await waitingWorker()).toBe(true)

    await page.getByRole('button', { name: 'Later' }).click()
    await page.getByRole('button', { name: 'Update now' }).waitFor({ state: 'detached' })
    await page.waitForTimeout(1_000)
    expect(await markerPresent()).toBe(true)
    expect(await waitingWorker()).toBe(true)
  })

  it('"Update now" activates the new version and reloads into it', async () => {
    await openWithWaitingUpdate()
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Update now' }).click(),
    ])
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await markerPresent()).toBe(false)
    await waitForServiceWorkerControl(page)
    expect(await waitingWorker()).toBe(false)
    expect(await page.getByRole('button', { name: 'Update now' }).count()).toBe(0)
  })
})
