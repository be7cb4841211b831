// Two iPads (two Chromium contexts, each its own IndexedDB) enrolled with the real server
// in-process (its own SQLite and photo folder): a photo taken on iPad B while it is offline
// survives, reaches the server with the same checksum when B is back online, and B says Sent;
// the manager withdraws a consent on iPad A and downloads every tablet's day from the server
// (B's photo is in it); after B syncs, the same capture is blocked.
import { readFile } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { confirmAll, openCapture, tag, takePhoto } from './support/capture.ts'
import { cspViolations, screenshotPath } from './support/page.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { openTablet, syncedAppPerFile, type Tablet } from './support/tablet.ts'

const CHILD = 'Otis'
const CHILD_NAME = 'Otis Pemberton'

const app = syncedAppPerFile({ fakeCamera: true })
const contexts: BrowserContext[] = []

afterAll(async () => {
  for (const context of contexts) await context.close()
})

async function newIpad(): Promise<Tablet> {
  const tablet = await openTablet(app.browser, app.url)
  contexts.push(tablet.context)
  return tablet
}

const syncBar = (page: Page) => page.getByRole('region', { name: 'Sync' })

/** The manager enrols the tablet on "This tablet" with a code from the server. */
async function enrol(page: Page): Promise<void> {
  await signIn(page, DEMO.manager)
  await openFromHome(page, /This tablet/)
  await page.getByLabel('Enrolment code').fill(await app.server.enrolmentCode())
  expect(await page.getByLabel('Server address').inputValue()).toBe(app.url)
  await page.getByRole('button', { name: 'Enrol this tablet' }).click()
  // The form gives way to the enrolment's facts: the setting, then the first sync.
  await page.getByText('Demo Nursery (sample data)').waitFor()
  await syncBar(page).getByText('Synced with the setting’s server').waitFor()
}

async function syncNow(page: Page): Promise<void> {
  await openFromHome(page, /This tablet/)
  await page.getByRole('button', { name: 'Sync now' }).click()
  await page.getByRole('button', { name: 'Sync now' }).waitFor()
}

async function switchTo(page: Page, who: { name: string; pin: string }): Promise<void> {
  await page.getByRole('button', { name: 'Switch user' }).click()
  await signIn(page, who)
}

async function captureChild(page: Page): Promise<void> {
  await openCapture(page)
  await takePhoto(page)
  await tag(page, CHILD)
  await confirmAll(page)
}

/** The one photo on the tablet, read from its IndexedDB. */
async function storedPhoto(page: Page): Promise<{ id: string; checksum: string }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('consentlens')
      request.onsuccess = () => {
        resolve(request.result)
      }
    })
    const rows = await new Promise<{ id: string; checksum: string }[]>((resolve) => {
      const request = db.transaction('photos').objectStore('photos').getAll()
      request.onsuccess = () => {
        resolve(request.result as { id: string; checksum: string }[])
      }
    })
    db.close()
    if (rows.length !== 1) throw new Error(`expected one photo, found ${rows.length}`)
    return { id: rows[0]!.id, checksum: rows[0]!.checksum }
  })
}

describe('two iPads and the setting’s server', () => {
  it('an offline photo arrives once back online; a withdrawal on A blocks the capture on B', async () => {
    const a = await newIpad()
    const b = await newIpad()
    await enrol(a.page)
    await enrol(b.page)
    await a.page.screenshot({ path: screenshotPath('tablet-enrolled-1024x768') })
    await switchTo(b.page, DEMO.practitioner)

    await b.context.setOffline(true)
    await captureChild(b.page)
    await b.page.getByRole('button', { name: 'Save photo', exact: true }).click()
    await b.page
      .getByRole('status')
      .filter({ hasText: /Saved for/ })
      .waitFor()
    await syncBar(b.page).getByText('1 photo waiting to be sent').waitFor()
    await syncBar(b.page)
      .getByText(/Cannot reach the setting’s server|Offline/)
      .waitFor()
    await b.page.screenshot({ path: screenshotPath('sync-bar-offline-1024x768') })
    const photo = await storedPhoto(b.page)

    await b.context.setOffline(false)
    await syncNow(b.page)
    await syncBar(b.page).getByText('No photos waiting').waitFor()
    const rows = await app.server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photo.id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.checksum).toBe(photo.checksum)
    expect(await app.server.services.photos.read(photo.checksum)).not.toBeNull()
    await openFromHome(b.page, /Photos on this tablet/)
    const item = b.page.getByRole('listitem').filter({ hasText: CHILD_NAME })
    await item.getByText('Sent: the server holds it').waitFor()

    await openFromHome(a.page, /Who can be photographed/)
    await a.page.getByRole('button', { name: CHILD_NAME, exact: true }).click()
    await a.page.getByRole('button', { name: 'Withdraw consent' }).click()
    await a.page.getByRole('button', { name: 'All purposes' }).click()
    const askedBy = a.page.getByLabel('Asked by')
    if ((await askedBy.inputValue()) === '') await askedBy.fill('A parent')
    await a.page.getByRole('button', { name: 'Withdraw now' }).click()
    await a.page.getByText(/Consent withdrawn for every purpose/).waitFor()
    await syncNow(a.page)
    await syncBar(a.page).getByText('Synced with the setting’s server').waitFor()

    // The manager on A downloads every tablet's day from the server: B's photo is in it.
    await openFromHome(a.page, /Daily photo audit/)
    const serverDay = a.page.getByRole('region', { name: 'Every tablet’s day, from the server' })
    await serverDay.getByLabel('Your PIN').fill(DEMO.manager.pin)
    const [download] = await Promise.all([
      a.page.waitForEvent('download'),
      serverDay.getByRole('button', { name: 'Download the server’s CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^consentlens-audit-.*\.csv$/)
    const csv = await readFile(await download.path(), 'utf8')
    const photoRows = csv.split('\r\n').filter((line) => line.startsWith('Photo,'))
    expect(photoRows.filter((line) => line.includes(CHILD_NAME))).toHaveLength(1)
    await serverDay.getByText(/is in your downloads: every tablet’s day/).waitFor()
    expect(await serverDay.getByLabel('Your PIN').inputValue()).toBe('')
    await a.page.screenshot({ path: screenshotPath('audit-server-day-1024x768'), fullPage: true })

    await syncNow(b.page)
    await captureChild(b.page)
    await b.page.getByRole('heading', { name: 'Cannot be saved as it is' }).waitFor()
    await b.page
      .getByText(/Otis Pemberton: parents withdrew consent for/)
      .first()
      .waitFor()
    expect(await b.page.getByRole('button', { name: 'Save photo', exact: true }).isDisabled()).toBe(
      true,
    )
    await b.page.screenshot({ path: screenshotPath('capture-blocked-after-sync-1024x768') })
    // Enrolment, sync, uploads and the server download ran under the server's CSP.
    for (const ipad of [a, b]) expect(await cspViolations(ipad.page)).toEqual([])
  })
})
