// axe-core in the page under test: the serious and critical violations, in a form that reads
// well in a failed assertion. Minor and moderate findings are reviewed by people, not CI. With
// the layout checks (overflow, finger-sized targets) and one look at both tablet sizes.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { screenshotPath } from './page.ts'

export type Violation = { id: string; impact: string | null; help: string; targets: string[] }
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

export async function seriousAxeViolations(page: Page): Promise<Violation[]> {
  // Evaluated, not added as an inline <script>: the app's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE_SOURCE)
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

/**
 * Controls smaller than a finger (44 px, WCAG 2.5.5), measured as the target a finger meets
 * (an input's label when it has one), and how much the page overflows.
 */
export async function layoutProblems(page: Page): Promise<{ overflow: number; small: string[] }> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  const small: string[] = []
  for (const control of await page
    .locator('button:visible, a[href]:visible, input:visible, select:visible')
    .all()) {
    // A check box, radio button or file input inside its label is tapped through the label.
    const label = control.locator('xpath=ancestor::label[1]')
    const box = await ((await label.count()) > 0 ? label : control).boundingBox()
    if (box && (box.width < 44 || box.height < 44)) {
      small.push(
        `${await control.evaluate((el) => el.outerHTML.slice(0, 80))}: ${box.width}×${box.height}`,
      )
    }
  }
  return { overflow, small }
}

/**
 * Looks at the page as it is at both tablet sizes (1024×768, then 768×1024): a full-page
 * screenshot from the top, for a person, then no serious axe finding and nothing too wide or
 * too small. Leaves the page at 1024×768.
 */
export async function lookedAtBothSizes(page: Page, name: string): Promise<void> {
  const sizes = [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ]
  for (const viewport of sizes) {
    await page.setViewportSize(viewport)
    await page.evaluate(() => {
      window.scrollTo(0, 0)
    })
    const size = `${String(viewport.width)}x${String(viewport.height)}`
    await page.screenshot({ path: screenshotPath(`${name}-${size}`), fullPage: true })
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
  }
  await page.setViewportSize(sizes[0]!)
}
