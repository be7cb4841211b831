// Acknowledged photos are marked sent in batches (src/sync/uploadPhotos.ts): a round cut short
// still marks what the server confirmed, an answer the device never heard costs a resend but
// never a second photo, and a batch boundary loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { RELEASE_BATCH } from '../../../src/sync/uploadPhotos.ts'
import { capturePhoto, type Captured } from '../../support/capturedPhoto.ts'
import { answerLostFetch, enrolledDevice, failingFetch } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer('sqlite')
})
afterAll(async () => {
  await server.close()
})

async function enrolledWith(count: number) {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  expect((await syncOnce({ db: device.db })).ok).toBe(true)
  const photos: Captured[] = []
  for (let i = 0; i < count; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: 2_000 }))
  return { device, photos }
}

async function storedOnServer(ids: string[]) {
  const rows = await server.services.db
    .selectFrom('photos')
    .select(['id', 'stored_at'])
    .where('id', 'in', ids)
    .execute()
  return rows.filter((r) => r.stored_at !== null).map((r) => r.id)
}

/** A photo's upload: one photo (PUT …/:id/content) or a batch (POST …/photos/content). */
const isUpload = (url: string) => url.includes('/api/sync/photos/') && url.includes('content')

describe('marking uploaded photos sent', () => {
  it('marks what the server confirmed before a round cut short ends, and keeps the rest', async () => {
    // Batches of several photos: one request of the first few gets through, the rest fail.
    const { device, photos } = await enrolledWith(10)
    const cut = await syncOnce({ db: device.db, fetch: failingFetch(isUpload, 1) })
    expect(cut).toMatchObject({ ok: false, error: { code: 'offline' } })
    const ids = photos.map((p) => p.meta.id)
    const stored = await storedOnServer(ids)
    expect(stored.length).toBeGreaterThan(1)
    expect(stored.length).toBeLessThan(10)
    for (const id of ids) {
      const photo = await device.db.photos.get(id)
      const image = await device.db.photoImages.get(id)
      const onServer = stored.includes(id)
      expect(photo?.syncState).toBe(onServer ? 'sent' : 'waiting')
      expect(image?.full === null).toBe(onServer)
      expect(image?.thumbnail).toBeInstanceOf(Blob)
    }
    expect(await syncOnce({ db: device.db })).toMatchObject({
      ok: true,
      value: { uploaded: 10 - stored.length },
    })
    expect(await storedOnServer(ids)).toHaveLength(10)
  })

  it('an acknowledgement the iPad never heard is sent again, and is still one photo', async () => {
    const { device, photos } = await enrolledWith(1)
    const lost = answerLostFetch((url) => url.includes('/content'))
    expect((await syncOnce({ db: device.db, fetch: lost })).ok).toBe(false)
    const id = photos[0]!.meta.id
    expect((await device.db.photoImages.get(id))?.full).toBeInstanceOf(Blob)
    expect(await syncOnce({ db: device.db })).toMatchObject({ ok: true, value: { uploaded: 1 } })
    expect((await device.db.photoImages.get(id))?.full).toBeNull()
    const rows = await server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', id)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('releases every photo across batch boundaries', async () => {
    const { device, photos } = await enrolledWith(RELEASE_BATCH + 3)
    const result = await syncOnce({ db: device.db })
    expect(result).toMatchObject({ ok: true, value: { uploaded: RELEASE_BATCH + 3 } })
    const images = await device.db.photoImages.bulkGet(photos.map((p) => p.meta.id))
    expect(images.every((i) => i?.full === null)).toBe(true)
    expect(await device.db.photos.where('syncState').equals('sent').count()).toBe(RELEASE_BATCH + 3)
  })
})
