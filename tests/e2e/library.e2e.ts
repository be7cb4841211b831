// In Chromium: a keyworker on an enrolled iPad browses the setting's photos on the
// server, opens one large, uses it for a learning journal (downloaded under a file name with no
// child's name) and for a display (recorded with its audit line), and tries a purpose whose
// consent was withdrawn since the photo was taken: refused, with why. Screens at 1024×768 and
// 768×1024 are photographed for a person to look at; axe and the layout checks are clean.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SHOWCASE, demoChildId } from '../../src/demo/index.ts'
import type { Purpose } from '../../src/policy/index.ts'
import { lookedAtBothSizes } from './support/axe.ts'
import { enrolledLibraryTablet, withdrawOnServer } from './support/librarySeed.ts'
import { cspViolations } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { syncedAppPerFile } from './support/tablet.ts'

const app = syncedAppPerFile()
let context: BrowserContext
let page: Page
const photos = { ava: '', oscar: '' }

const card = (id: string) => page.locator(`[data-photo-id="${id}"]`)

beforeAll(async () => {
  const tablet = await enrolledLibraryTablet(app)
  ;({ context, page } = tablet)
  const both: Purpose[] = ['learning_journey', 'display']
  photos.ava = await tablet.seedPhoto([DEMO_SHOWCASE.allGranted.id], both)
  photos.oscar = await tablet.seedPhoto([demoChildId('ordinary1')], both)
  await withdrawOnServer(app.server.services, demoChildId('ordinary1'), 'display')
  await page.getByRole('button', { name: 'Switch user' }).click()
  await signIn(page, DEMO.keyworker)
}, 120_000)

afterAll(async () => {
  expect(await cspViolations(page)).toEqual([])
  await context.close()
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
    await lookedAtBothSizes(page, 'library-list')
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
    const uses = await app.server.services.db
      .selectFrom('photo_uses')
      .select(['purpose', 'action'])
      .orderBy('used_at')
      .execute()
    expect(uses).toEqual([
      { purpose: 'learning_journey', action: 'download' },
      { purpose: 'display', action: 'record' },
    ])
    const audit = await app.server.services.db
      .selectFrom('server_audit')
      .select('type')
      .where('type', '=', 'photo-used')
      .execute()
    expect(audit).toHaveLength(2)
    await lookedAtBothSizes(page, 'library-open')
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
    const refused = await app.server.services.db
      .selectFrom('server_audit')
      .select('details')
      .where('type', '=', 'photo-use-refused')
      .execute()
    expect(refused.map((r) => JSON.parse(r.details) as unknown)).toMatchObject([
      { photoId: photos.oscar, purpose: 'display', rules: ['consent-withdrawn'] },
    ])
    await lookedAtBothSizes(page, 'library-refused')
  }, 60_000)
})
