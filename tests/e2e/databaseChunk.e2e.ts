// Sign-in before the database's chunk has arrived (decision 0037): a start drawn from sign-in's
// snapshot lists its people with no Dexie loaded, takes a tap and a PIN, and checks the PIN
// once the chunk is there. The chunk is held back at the network, so this tablet runs without
// its service worker (which would answer from its cache): the page is the same either way.
import type { Route } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO } from './support/signIn.ts'
import { LANDSCAPE, servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile()
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

describe("the database's chunk", () => {
  it('is not needed to list the people and take a PIN; the check waits for it', async () => {
    const context = await app.browser.newContext({ viewport: LANDSCAPE, serviceWorkers: 'block' })
    closers.push(() => context.close())
    const page = await context.newPage()
    await page.goto(app.url)
    // The first start seeds the demo and keeps sign-in's snapshot.
    await page.locator('.sign-in__name').first().waitFor()
    await page.waitForFunction(() => localStorage.getItem('consentlens.signInSnapshot') !== null)
    const names = await page.locator('.sign-in__name').allTextContents()

    let release: (() => void) | undefined
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    let ask: (() => void) | undefined
    const asked = new Promise<void>((resolve) => {
      ask = resolve
    })
    await page.route(/\/assets\/database-[^/]+\.js$/, async (route: Route) => {
      ask?.()
      await released
      await route.continue()
    })
    await page.reload()
    await page.locator('.sign-in__name').first().waitFor()
    expect(await page.locator('.sign-in__name').allTextContents()).toEqual(names)
    // Asked for at once, with nobody having touched anything yet.
    await asked
    await page.getByRole('button', { name: new RegExp(DEMO.keyworker.name) }).click()
    await page.getByLabel('PIN (4 to 6 digits)').fill(DEMO.keyworker.pin)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('button', { name: 'Checking…' }).waitFor()
    // Nobody is in until it has come.
    expect(await page.getByRole('heading', { level: 1, name: /^Hello, / }).count()).toBe(0)
    release?.()
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor()
  })
})
