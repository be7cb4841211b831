// The shell's screens on the tablet sizes we support: no serious or critical axe-core findings,
// nothing wider than the screen, every control big enough for a finger (44px, WCAG 2.5.5).
// Screenshots go to SCREENSHOT_DIR so a person can look at the layout.
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { openScreen, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { servedAppPerFile } from './support/tablet.ts'

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

const app = servedAppPerFile()

/**
 * A screen reached at a size, once: the axe check and the fit check at that size look at the
 * same page (reaching it again would sign in again for nothing). The fit check runs last at
 * every size and closes it; whatever a failure left open is closed at the end.
 */
const reached = new Map<string, Promise<Page>>()

const keyOf = (name: string, viewport: Viewport) =>
  `${name} ${String(viewport.width)}x${String(viewport.height)}`

function open(name: string, viewport: Viewport): Promise<Page> {
  const key = keyOf(name, viewport)
  const known = reached.get(key)
  if (known !== undefined) return known
  const page = openScreen(app.browser, app.url, viewport, name, SCREENS[name])
  reached.set(key, page)
  return page
}

async function done(name: string, viewport: Viewport, page: Page): Promise<void> {
  reached.delete(keyOf(name, viewport))
  await page.close()
}

afterAll(async () => {
  for (const page of reached.values()) {
    await page.then(
      (p) => p.close(),
      () => undefined,
    )
  }
})

describe.each(Object.keys(SCREENS))('the %s screen', (name) => {
  it.each(VIEWPORTS.slice(0, 2))(
    'has no serious or critical axe violations at $width×$height',
    async (viewport) => {
      const page = await open(name, viewport)
      expect(await seriousAxeViolations(page)).toEqual([])
    },
  )

  it.each(VIEWPORTS)('fits $width×$height with finger-sized controls', async (viewport) => {
    const page = await open(name, viewport)
    await page.screenshot({ path: screenshotPath(`${name}-${viewport.width}x${viewport.height}`) })
    expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
    await done(name, viewport, page)
  })
})

describe('keyboard use', () => {
  it('shows a skip link when it gets keyboard focus', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1024, height: 768 } })
    await page.goto(app.url)
    await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Skip to main content' })
    expect(await skipLink.evaluate((el) => el === document.activeElement)).toBe(true)
    expect((await skipLink.boundingBox())?.y).toBeGreaterThanOrEqual(0)
    await page.close()
  })
})
