// Moving around the app as on an iPad: every screen opens at its top (Home's "Needs your
// attention" is never scrolled away), the page title and focus follow the screen, and the
// browser's Back (the iPad's swipe back) steps back through the app, never out of it.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { waitForServiceWorkerControl } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile()

async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor()
  await page.waitForFunction(
    (n) => document.activeElement?.tagName === 'H1' && document.title.includes(n),
    typeof name === 'string' ? name : '',
  )
}

describe('navigation', () => {
  it('opens every screen at its top, and Back stays in the app', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1024, height: 768 } })
    await page.goto('about:blank')
    await page.goto(app.url)
    await waitForServiceWorkerControl(page)
    await signIn(page, DEMO.manager)
    await heading(page, 'Hello, Morgan')
    expect(await page.title()).toBe('Hello, Morgan · ConsentLens')

    await openFromHome(page, /Who can be photographed/)
    await heading(page, 'Who can be photographed')
    // The room's children, read after the heading shows: the page is only tall once they are.
    await page.getByRole('heading', { level: 2, name: /: \d+ children/ }).waitFor()
    await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight)
    })
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Home' })
      .click()
    await heading(page, 'Hello, Morgan')
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    expect(await page.getByRole('region', { name: 'Needs your attention' }).isVisible()).toBe(true)

    // Home → board → a child; Back twice is board then Home; once more stays at Home.
    await openFromHome(page, /Who can be photographed/)
    await heading(page, 'Who can be photographed')
    await page.getByRole('button', { name: 'Finn Lowther', exact: true }).click()
    await heading(page, 'Finn Lowther')
    await page.goBack()
    await heading(page, 'Who can be photographed')
    await page.goBack()
    await heading(page, 'Hello, Morgan')
    await page.goBack()
    await heading(page, 'Hello, Morgan')
    expect(page.url()).toBe(`${app.url}/`)
    await page.close()
  }, 120_000)
})
