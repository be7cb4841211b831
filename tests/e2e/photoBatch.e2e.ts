// Photos taken offline go up together once the iPad is back online (src/sync/photoBatches.ts):
// in real Chromium, against the real server in-process, the batch's body (a manifest, then each
// image and thumbnail, built from the stored Blobs) reaches the server, every photo is stored
// with its checksum and its thumbnail, and the tablet says no photo is waiting.
import { afterAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { confirmAll, openCapture, tag, takePhoto } from './support/capture.ts'
import { DEMO, openFromHome, signIn } from './support/signIn.ts'
import { openTablet, syncedAppPerFile } from './support/tablet.ts'

const PHOTOS = 3
const app = syncedAppPerFile({ fakeCamera: true })
const contexts: BrowserContext[] = []

afterAll(async () => {
  for (const context of contexts) await context.close()
})

const syncBar = (page: Page) => page.getByRole('region', { name: 'Sync' })

/** The photos on the tablet, read from its IndexedDB. */
function storedPhotos(page: Page): Promise<{ id: string; checksum: string }[]> {
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
    return rows.map((r) => ({ id: r.id, checksum: r.checksum }))
  })
}

describe('photos taken offline', () => {
  it('go up several to a request once the iPad is back online', async () => {
    const { page, context } = await openTablet(app.browser, app.url)
    contexts.push(context)
    await signIn(page, DEMO.manager)
    await openFromHome(page, /This tablet/)
    await page.getByLabel('Enrolment code').fill(await app.server.enrolmentCode())
    await page.getByRole('button', { name: 'Enrol this tablet' }).click()
    await syncBar(page).getByText('Synced with the setting’s server').waitFor()
    await page.getByRole('button', { name: 'Switch user' }).click()
    await signIn(page, DEMO.practitioner)

    await context.setOffline(true)
    for (let i = 0; i < PHOTOS; i++) {
      await openCapture(page)
      await takePhoto(page)
      await tag(page, 'Otis')
      await confirmAll(page)
      await page.getByRole('button', { name: 'Save photo', exact: true }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /Saved for/ })
        .waitFor()
    }
    await syncBar(page).getByText(`${PHOTOS} photos waiting to be sent`).waitFor()
    const photos = await storedPhotos(page)
    expect(photos).toHaveLength(PHOTOS)

    const batches: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/sync/photos/content'))
        batches.push(request.url())
    })
    await context.setOffline(false)
    await openFromHome(page, /This tablet/)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await syncBar(page).getByText('No photos waiting').waitFor()
    expect(batches.length).toBeGreaterThan(0)
    const rows = await app.server.services.db
      .selectFrom('photos')
      .select(['id', 'checksum', 'stored_at', 'thumbnail_checksum'])
      .where(
        'id',
        'in',
        photos.map((p) => p.id),
      )
      .orderBy('id')
      .execute()
    expect(rows).toEqual(
      [...photos]
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((p) => ({
          id: p.id,
          checksum: p.checksum,
          stored_at: expect.any(String),
          thumbnail_checksum: expect.any(String),
        })),
    )
    for (const p of photos) expect(await app.server.services.photos.read(p.checksum)).not.toBeNull()
  }, 120_000)
})
