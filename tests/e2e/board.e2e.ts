// The board's and consent screens on the tablet sizes we support: no serious or critical axe-core findings,
// nothing wider than the screen, every control big enough for a finger. Full-page screenshots
// go to SCREENSHOT_DIR (board-*, child-*, ...) for a person to look at.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { checkRosterRows } from './support/managerForms.ts'
import { openScreen, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { servedAppPerFile } from './support/tablet.ts'

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 1024 },
  { width: 768, height: 1024 },
]
type Viewport = (typeof VIEWPORTS)[number]

async function board(page: Page) {
  await signIn(page, DEMO.keyworker)
  await openFromHome(page, /Who can be photographed/)
  await page.getByRole('heading', { level: 2, name: /Caterpillars: \d+ children/ }).waitFor()
}

/** How to reach each screen from a fresh page. */
const SCREENS: Record<string, (page: Page) => Promise<void>> = {
  board,
  child: async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Who can be photographed/)
    await page.getByRole('button', { name: 'Finn Lowther', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Finn Lowther' }).waitFor()
    // Open one history and the withdraw choice, so both are checked and photographed.
    const lj = page.getByRole('region', { name: /^Learning journey/ })
    await lj.getByText(/History \(3 records\)/).click()
    await page.getByRole('button', { name: 'Withdraw consent' }).click()
  },
  'consent-form': async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Who can be photographed/)
    await page.getByRole('button', { name: 'Esme Kirkby', exact: true }).click()
    await page.getByRole('button', { name: 'Record consent from a form' }).click()
    await page.getByRole('heading', { level: 1, name: /Record consent for/ }).waitFor()
    // Show the errors as well: the form's worst-looking state.
    await page.getByRole('button', { name: 'Save consent' }).click()
    await page
      .getByRole('alert')
      .getByText(/was not saved/)
      .waitFor()
  },
  reviews: async (page) => {
    await signIn(page, DEMO.manager)
    await openFromHome(page, /Consent reviews/)
    await page.getByRole('heading', { level: 2, name: /Overdue/ }).waitFor()
  },
  'roster-import': async (page) => {
    await signIn(page, DEMO.manager)
    await checkRosterRows(
      page,
      'firstName,lastName,dateOfBirth,room,keyworker\nWren,Abbott,2023-02-14,Caterpillars,Priya Shah\n,Carr,31/02/2023,Ladybirds,Priya Shah\n',
    )
    await page
      .getByRole('alert')
      .getByText(/Line 3/)
      .first()
      .waitFor()
  },
}

const app = servedAppPerFile()

function open(name: string, viewport: Viewport): Promise<Page> {
  return openScreen(app.browser, app.url, viewport, name, SCREENS[name])
}

/** Radio buttons and checkboxes are tapped through their label: the label is the target. */
async function smallTargets(page: Page, small: string[]): Promise<string[]> {
  const labelled = await page.evaluate(() =>
    [...document.querySelectorAll('label input')].flatMap((input) => {
      const box = input.closest('label')?.getBoundingClientRect()
      return box !== undefined && box.width >= 44 && box.height >= 44
        ? [input.outerHTML.slice(0, 80)]
        : []
    }),
  )
  return small.filter((s) => !labelled.some((l) => s.startsWith(l)))
}

describe.each(Object.keys(SCREENS))('the %s screen', (name) => {
  it.each(VIEWPORTS)('is axe-clean and fits $width×$height', async (viewport) => {
    const page = await open(name, viewport)
    // The header is sticky: from the top, a full-page shot shows it where a person sees it.
    await page.evaluate(() => {
      window.scrollTo(0, 0)
    })
    await page.screenshot({
      path: screenshotPath(`${name}-${String(viewport.width)}x${String(viewport.height)}`),
      fullPage: true,
    })
    expect(await seriousAxeViolations(page)).toEqual([])
    const { overflow, small } = await layoutProblems(page)
    expect({ overflow, small: await smallTargets(page, small) }).toEqual({ overflow: 0, small: [] })
    await page.close()
  })
})
