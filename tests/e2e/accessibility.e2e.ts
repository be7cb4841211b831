// The Home screen on the tablet sizes we support: no serious or critical axe-core findings,
// nothing wider than the screen, every control big enough for a finger (44px, WCAG 2.5.5).
// Screenshots go to SCREENSHOT_DIR so a person can look at the layout.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './support/chromium.ts'
import { startAppServer } from './support/appServer.ts'
import type { AppServer } from './support/appServer.ts'
import { screenshotPath, waitForServiceWorkerControl } from './support/page.ts'

type Violation = { id: string; impact: string | null; help: string; targets: string[] }
type AxeWindow = {
  axe: {
    run: () => Promise<{
      violations: {
        id: string
        impact?: string | null
        help: string
        nodes: { target: unknown[] }[]
      }[]
    }>
  }
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)
const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 1366, height: 1024 },
]

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

async function openHome(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport })
  await page.goto(server.url)
  await page.getByRole('heading', { level: 1 }).waitFor()
  // Let the readiness checklist settle, so we check (and photograph) the final state.
  await waitForServiceWorkerControl(page)
  await page.getByTestId('app-saved').getByText('Yes', { exact: true }).waitFor()
  await page.getByTestId('storage-kept').getByText('Checking…').waitFor({ state: 'detached' })
  return page
}

async function seriousAxeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: AXE_SOURCE })
  return page.evaluate(async () => {
    const { violations } = await (window as unknown as AxeWindow).axe.run()
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(' ')),
      }))
  })
}

describe('Home screen accessibility', () => {
  it.each(VIEWPORTS.slice(0, 2))(
    'has no serious or critical axe violations at $width×$height',
    async (viewport) => {
      const page = await openHome(viewport)
      expect(await seriousAxeViolations(page)).toEqual([])
      await page.close()
    },
  )

  it('shows a skip link when it gets keyboard focus', async () => {
    const page = await openHome({ width: 1024, height: 768 })
    await page.keyboard.press('Tab')
    const skipLink = page.getByRole('link', { name: 'Skip to main content' })
    expect(await skipLink.evaluate((el) => el === document.activeElement)).toBe(true)
    expect((await skipLink.boundingBox())?.y).toBeGreaterThanOrEqual(0)
    await page.close()
  })
})

describe('Home screen layout', () => {
  it.each(VIEWPORTS)('fits $width×$height with finger-sized controls', async (viewport) => {
    const page = await openHome(viewport)
    await page.screenshot({ path: screenshotPath(`home-${viewport.width}x${viewport.height}`) })

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBe(0)

    const small: string[] = []
    for (const control of await page.locator('button, a[href], input, select').all()) {
      const box = await control.boundingBox()
      if (box && (box.width < 44 || box.height < 44)) {
        small.push(
          `${await control.evaluate((el) => el.outerHTML.slice(0, 80))}: ${box.width}×${box.height}`,
        )
      }
    }
    expect(small).toEqual([])
    await page.close()
  })
})
