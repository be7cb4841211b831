// In Chromium: the manager opens the daily photo audit of a day with photos, a blocked
// attempt and a deletion, exports CSV and PDF, and both files say exactly what the tablet
// holds. pdftoppm renders the PDF's first page and the screen is photographed at two tablet
// sizes, for a person to look at; axe and the layout checks must be clean.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEventsOfType, seedAuditDay, type SeededDay } from './support/auditSeed.ts'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { cspViolations, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { openTablet, servedAppPerFile } from './support/tablet.ts'

const app = servedAppPerFile()
let context: BrowserContext
let page: Page
let seeded: SeededDay

beforeAll(async () => {
  ;({ context, page } = await openTablet(app.browser, app.url))
  await page.getByRole('heading', { level: 1, name: 'Who is using the tablet?' }).waitFor()
  seeded = await seedAuditDay(page)
  await signIn(page, DEMO.manager)
  await openFromHome(page, /Daily photo audit/)
  await page.getByText('Audit record intact').waitFor()
})
afterAll(async () => {
  // The exports (pdf-lib, blob: downloads) ran under the server's Content-Security-Policy.
  expect(await cspViolations(page)).toEqual([])
  await context.close()
})

async function download(button: RegExp): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])
  const path = await file.path()
  return { name: file.suggestedFilename(), path }
}

function total(label: string) {
  return page
    .getByRole('region', { name: 'Summary' })
    .getByText(label, { exact: true })
    .locator('+ dd')
}

describe('the daily photo audit', () => {
  it('shows the day as the tablet holds it, with an intact record', async () => {
    expect(await total('Photos').textContent()).toBe('3')
    expect(await total('Blocked attempts').textContent()).toBe('1')
    expect(await total('Deletions').textContent()).toBe('1')
    expect(await total('Tags removed after a block').textContent()).toBe('1')
    expect(await total('Flagged for removal').textContent()).toBe('1')
    await page
      .getByRole('img', { name: /Photo taken at/ })
      .first()
      .waitFor()
  })

  it.each([
    { width: 1024, height: 768 },
    { width: 1366, height: 1024 },
  ])('is axe-clean and fits $width×$height', async (viewport) => {
    await page.setViewportSize(viewport)
    await page.evaluate(() => {
      window.scrollTo(0, 0)
    })
    const name = `audit-${String(viewport.width)}x${String(viewport.height)}`
    await page.screenshot({ path: screenshotPath(name), fullPage: true })
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
  })

  it('exports a CSV whose rows are what the tablet holds, formulas neutralised, offline', async () => {
    // The manager's iPad often has no network: exports are made and saved on the tablet.
    await page.context().setOffline(true)
    const file = await download(/Export CSV/)
    expect(file.name).toMatch(/^consentlens-audit-demo-nursery-sample-data-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = readFileSync(file.path, 'utf8').replace(/^\uFEFF/, '')
    const rows = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
    }).data
    const photos = rows.filter((r) => r.Record === 'Photo')
    expect(photos.map((r) => r['Photo id'])).toEqual(seeded.photos.map((p) => p.id))
    for (const [i, expected] of seeded.photos.entries()) {
      expect(photos[i]).toMatchObject({
        'Date and time (UTC)': expected.takenAt,
        Staff: expected.staffName,
        Children: expected.children.join('; '),
        'Reason given': expected.reason.startsWith('=') ? `'${expected.reason}` : expected.reason,
      })
    }
    const blocked = rows.filter((r) => r.Record === 'Blocked attempt')
    expect(blocked).toHaveLength(1)
    expect(blocked[0]?.Children).toBe(seeded.blockedChild)
    expect(blocked[0]?.['Findings or rules']).toMatch(/refused consent/)
    const untagged = rows.filter((r) => r.Record === 'Tag removed after a block')
    expect(untagged.map((r) => r.Children)).toEqual([seeded.untaggedChild])
    const deletion = rows.find((r) => r.Record === 'Deletion')
    expect(deletion).toMatchObject({
      'Photo id': seeded.deletedPhotoId,
      'Reason given': 'Eyes closed',
    })
    expect(await auditEventsOfType(page, 'audit-exported')).toHaveLength(1)
  })

  it('exports a PDF to print and sign, with the same rows', async () => {
    const file = await download(/Export PDF/)
    expect(file.name).toMatch(/^consentlens-audit-demo-nursery-sample-data-\d{4}-\d{2}-\d{2}\.pdf$/)
    const text = execFileSync('pdftotext', ['-layout', file.path, '-'], { encoding: 'utf8' })
    expect(text).toContain('Demo Nursery (sample data)')
    expect(text).toMatch(/Photos 3 · Blocked attempts 1 · Deletions 1/)
    expect(text).toContain('Audit record intact')
    for (const photo of seeded.photos) expect(text).toContain(photo.children[0])
    expect(text).toContain('Eyes closed')
    expect(text).toContain('Tags removed after a block (1)')
    expect(text).toContain('Signature')
    const png = screenshotPath('audit-pdf-page1').replace(/\.png$/, '')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file.path,
      png,
    ])
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG')
    expect(await auditEventsOfType(page, 'audit-exported')).toHaveLength(2)
    await page.context().setOffline(false)
    await page.getByText(/\.pdf is in your downloads/).waitFor()
    await page.getByText('Audit record intact').waitFor()
  })
})
