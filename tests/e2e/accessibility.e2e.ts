// The shell's screens on the tablet sizes we support: no serious or critical axe-core findings,
// nothing wider than the screen, every control big enough for a finger (44px, WCAG 2.5.5).
// Screenshots go to SCREENSHOT_DIR so a person can look at the layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { startAppServer } from './support/appServer.ts'
import type { AppServer } from './support/appServer.ts'
import { openScreen, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 1366, height: 1024 },
]

type Viewport = { width: number; height: number }

/** How to reach each screen from a fresh page. */
const SCREENS: Record<string, (page: Page) => Promise<void>> = {
  'sign-in': async (page) => {
    await page.getByRole('button', { name: new RegExp(DEMO.manager.name) }).click()
    await page.getByLabel('PIN (4 to 6 digits)').waitFor()
  },
  home: async (page) => {
    await signIn(page, DEMO.manager)
  },
  // Home for the room's roles too: their own jobs, then the manager's greyed with the reason.
  'home-keyworker': async (page) => {
    await signIn(page, DEMO.keyworker)
    await page.getByRole('region', { name: 'Other jobs in ConsentLens' }).waitFor()
  },
  'home-practitioner': async (page) => {
    await signIn(page, DEMO.practitioner)
    await page.getByRole('region', { name: 'Other jobs in ConsentLens' }).waitFor()
  },
  tablet: async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /This tablet/)
    // Let the readiness checklist settle, so we check (and photograph) the final state.
    await page.getByTestId('app-saved').getByText('Yes', { exact: true }).waitFor()
    await page.getByTestId('storage-kept').getByText('Checking…').waitFor({ state: 'detached' })
  },
  settings: async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Settings/)
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
  },
  locations: async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /^Locations/)
    await page.getByRole('heading', { level: 2, name: 'Toilets' }).waitFor()
  },
  capture: async (page) => {
    await signIn(page, DEMO.keyworker)
    await openFromHome(page, /Take a photo/)
    await page.getByRole('button', { name: /Not to be photographed now/ }).waitFor()
  },
  staff: async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Staff and photo permission/)
    await page.getByRole('heading', { level: 1, name: 'Staff and photo permission' }).waitFor()
  },
}

let browser: Browser
let server: AppServer

beforeAll(async () => {
  browser = await launchChromium()
  server = await startAppServer()
})
afterAll(async () => {
  await browser.close()
  await server.close()
})

function open(name: string, viewport: Viewport): Promise<Page> {
  return openScreen(browser, server.url, viewport, name, SCREENS[name])
}

describe.each(Object.keys(SCREENS))('the %s screen', (name) => {
  it.each(VIEWPORTS.slice(0, 2))(
    'has no serious or critical axe violations at $width×$height',
    async (viewport) => {
      const page = await open(name, viewport)
      expect(await seriousAxeViolations(page)).toEqual([])
      await page.close()
    },
  )

  it.each(VIEWPORTS)('fits $width×$height with finger-sized controls', async (viewport) => {
    const page = await open(name, viewport)
    await page.screenshot({ path: screenshotPath(`${name}-${viewport.width}x${viewport.height}`) })
    expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
    await page.close()
  })
})

describe('keyboard use', () => {
  it('shows a skip link when it gets keyboard focus', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } })
    await page.goto(server.url)
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Skip to main content' })
    expect(await skipLink.evaluate((el) => el === document.activeElement)).toBe(true)
    expect((await skipLink.boundingBox())?.y).toBeGreaterThanOrEqual(0)
    await page.close()
  })
})
