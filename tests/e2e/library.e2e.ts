// In Chromium: a keyworker on an enrolled iPad browses the setting's photos on the
// server, opens one large, uses it for a learning journal (downloaded under a file name with no
// child's name) and for a display (recorded with its audit line), and tries a purpose whose
// consent was withdrawn since the photo was taken: refused, with why. Screens at 1024×768 and
// 768×1024 are photographed for a person to look at; axe and the layout checks are clean.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SHOWCASE, demoChildId } from '../../src/demo/index.ts'
import { layoutProblems, seriousAxeViolations } from './support/axe.ts'
import { browserJpeg } from './support/capture.ts'
import { launchChromium } from './support/chromium.ts'
import { seedLibraryPhoto, withdrawOnServer } from './support/librarySeed.ts'
import {
  cspViolations,
  recordCspViolations,
  screenshotPath,
  waitForServiceWorkerControl,
} from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { startSyncServer, type SyncServer } from './support/syncServer.ts'

let browser: Browser
let server: SyncServer
let context: BrowserContext
let page: Page
const photos = { ava: '', oscar: '' }

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
]

async function looked(name: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport)
    await page.evaluate(() => {
      window.scrollTo(0, 0)
    })
    const size = `${String(viewport.width)}x${String(viewport.height)}`
    await page.screenshot({ path: screenshotPath(`${name}-${size}`), fullPage: true })
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(await layoutProblems(page)).toEqual({ overflow: 0, small: [] })
  }
  await page.setViewportSize(VIEWPORTS[0]!)
}

const card = (id: string) => page.locator(`[data-photo-id="${id}"]`)

beforeAll(async () => {
  browser = await launchChromium()
  server = await startSyncServer()
  context = await browser.newContext({ viewport: VIEWPORTS[0], acceptDownloads: true })
  await recordCspViolations(context)
  page = await context.newPage()
  await page.goto(server.url)
  await waitForServiceWorkerControl(page)
  await signIn(page, DEMO.manager)
  await openFromHome(page, /This tablet/)
  await page.getByLabel('Enrolment code').fill(await server.enrolmentCode())
  await page.getByRole('button', { name: 'Enrol this tablet' }).click()
  await page
    .getByRole('region', { name: 'Sync' })
    .getByText('Synced with the setting’s server')
    .waitFor()
  const device = await server.services.db
    .selectFrom('devices')
    .select(['id', 'setting_id', 'name'])
    .executeTakeFirstOrThrow()
  const tablet = { id: device.id, settingId: device.setting_id, name: device.name }
  const image = await browserJpeg(page)
  photos.ava = await seedLibraryPhoto(server.services, tablet, {
    childIds: [DEMO_SHOWCASE.allGranted.id],
    purposes: ['learning_journey', 'display'],
    image,
    thumbnail: image,
  })
  photos.oscar = await seedLibraryPhoto(server.services, tablet, {
    childIds: [demoChildId('ordinary1')],
    purposes: ['learning_journey', 'display'],
    image,
    thumbnail: image,
  })
  await withdrawOnServer(server.services, demoChildId('ordinary1'), 'display')
  await page.getByRole('button', { name: 'Switch user' }).click()
  await signIn(page, DEMO.keyworker)
}, 120_000)

afterAll(async () => {
  expect(await cspViolations(page)).toEqual([])
  await context.close()
  await browser.close()
  await server.close()
})

describe('Photos of the setting', () => {
  it('lists the keyworker’s children’s photos with thumbnails and their state now', async () => {
    await openFromHome(page, /Photos of the setting/)
    await page.getByRole('heading', { level: 1, name: 'Photos of the setting' }).waitFor()
    await card(photos.ava).locator('img').waitFor()
    await card(photos.oscar).locator('img').waitFor()
    expect(await card(photos.ava).textContent()).toContain('In use')
    await card(photos.oscar)
      .getByText(/Displays in the setting: withdrawn since .* for Oscar/)
      .waitFor()
    await looked('library-list')
  }, 60_000)

  it('opens a photo large and downloads it for a journal, named without the child', async () => {
    await card(photos.ava)
      .getByRole('button', { name: /Open the photo/ })
      .click()
    await page.getByRole('img', { name: /Photo of Ava Appleby/ }).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download for the journal' }).click(),
    ])
    const name = download.suggestedFilename()
    expect(name).toMatch(/^photo-\d{4}-\d{2}-\d{2}-[A-Za-z0-9]{1,8}\.jpg$/)
    expect(name.toLowerCase()).not.toMatch(/ava|appleby/)
    await page.getByText(`Recorded. ${name} is in your downloads.`).waitFor()
  }, 60_000)

  it('records a display use, with its audit line on the server', async () => {
    await page.getByLabel('What for').selectOption('display')
    await page.getByLabel('Where').fill('Caterpillars wall')
    await page.getByLabel('Until').fill('2099-12-31')
    await page.getByRole('button', { name: 'Record this use' }).click()
    await page.getByText('Recorded. The use is in the setting’s daily audit.').waitFor()
    await page.getByText(/Displays in the setting, Caterpillars wall, until 31 Dec 2099/).waitFor()
    const uses = await server.services.db
      .selectFrom('photo_uses')
      .select(['purpose', 'action'])
      .orderBy('used_at')
      .execute()
    expect(uses).toEqual([
      { purpose: 'learning_journey', action: 'download' },
      { purpose: 'display', action: 'record' },
    ])
    const audit = await server.services.db
      .selectFrom('server_audit')
      .select('type')
      .where('type', '=', 'photo-used')
      .execute()
    expect(audit).toHaveLength(2)
    await looked('library-open')
  }, 60_000)

  it('says why a purpose withdrawn since the photo was taken cannot be used', async () => {
    await page.getByRole('button', { name: /Back to the photos/ }).click()
    await card(photos.oscar)
      .getByRole('button', { name: /Open the photo/ })
      .click()
    await page.getByRole('img', { name: /Photo of Oscar Fenwick/ }).waitFor()
    await page.getByLabel('What for').selectOption('display')
    await page
      .getByTestId('use-not-allowed')
      .getByText(/withdrew consent for displays/)
      .waitFor()
    await page.getByLabel('Where').fill('Hall')
    await page.getByLabel('Until').fill('2099-12-31')
    await page.getByRole('button', { name: 'Record this use' }).click()
    const alert = page.getByRole('alert')
    await alert.getByText(/cannot be used for displays in the setting today/).waitFor()
    expect(await alert.textContent()).toMatch(/Oscar Fenwick: .*withdrew consent for displays/)
    const refused = await server.services.db
      .selectFrom('server_audit')
      .select('details')
      .where('type', '=', 'photo-use-refused')
      .execute()
    expect(refused.map((r) => JSON.parse(r.details) as unknown)).toMatchObject([
      { photoId: photos.oscar, purpose: 'display', rules: ['consent-withdrawn'] },
    ])
    await looked('library-refused')
  }, 60_000)
})
