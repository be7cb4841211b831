// The thumbnails of photos the server holds go to it for the setting's photo library: once
// each, with the full image's last chunk (src/sync/uploadPhotos.ts), or on their own
// (src/sync/uploadThumbnails.ts) when that did not take them, from the tablet that took it.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { enrolledDevice } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer('sqlite')
})
afterAll(async () => {
  await server.close()
})

it('sends each sent photo’s thumbnail once, and the server keeps it under its SHA-256', async () => {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  const photo = await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 })
  const puts: string[] = []
  const counting: typeof fetch = (input, init) => {
    if (init?.method === 'PUT') puts.push(input instanceof Request ? input.url : String(input))
    return fetch(input, init)
  }
  expect((await syncOnce({ db: device.db, fetch: counting })).ok).toBe(true)
  const thumbnail = await device.db.photoImages.get(photo.meta.id)
  const bytes = new Uint8Array(await thumbnail!.thumbnail.arrayBuffer())
  const row = await server.services.db
    .selectFrom('photos')
    .select(['thumbnail_checksum', 'thumbnail_bytes'])
    .where('id', '=', photo.meta.id)
    .executeTakeFirstOrThrow()
  expect(row).toEqual({
    thumbnail_checksum: createHash('sha256').update(bytes).digest('hex'),
    thumbnail_bytes: bytes.byteLength,
  })
  expect((await device.db.photos.get(photo.meta.id))?.thumbnailUploaded).toBe(true)
  // One request for the photo: the image and its thumbnail together.
  expect(puts).toHaveLength(1)
  expect(puts[0]).toMatch(/\/content\?offset=0&thumbnailBytes=\d+$/)
  expect((await syncOnce({ db: device.db, fetch: counting })).ok).toBe(true)
  expect(puts).toHaveLength(1)
})

/** Sends the image's last chunk without the thumbnail it carries (as an older server took it). */
async function withoutThumbnail(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input))
  const bytes = Number(url.searchParams.get('thumbnailBytes') ?? 0)
  if (bytes === 0 || !(init?.body instanceof Blob)) return fetch(input, init)
  url.searchParams.delete('thumbnailBytes')
  return fetch(url, { ...init, body: init.body.slice(0, init.body.size - bytes) })
}

it('keeps several thumbnails in flight, and marks each one the server answered even when another fails', async () => {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  const photos = []
  for (let i = 0; i < 8; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 }))
  const failing = photos[5]!.meta.id
  let inFlight = 0
  let most = 0
  // The first thumbnail's request waits until a second one is sent. Without it, a busy machine
  // could answer the first before the second left (CI saw `most` 1 under load), and the test
  // would measure the machine. It cannot wait for ever: the three senders each take a photo
  // before any request, and at most one of the three is the failing one.
  let firstWaiting = true
  let secondSent = () => {}
  const second = new Promise<void>((resolve) => {
    secondSent = resolve
  })
  // The images go without their thumbnails, so each thumbnail goes on its own.
  const watching: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (!url.endsWith('/thumbnail')) return withoutThumbnail(input, init)
    if (url.includes(failing)) {
      const body = { ok: false, error: { code: 'storage_failing', message: 'Try later.' } }
      return Response.json(body, { status: 503 })
    }
    inFlight += 1
    most = Math.max(most, inFlight)
    if (inFlight >= 2) secondSent()
    try {
      if (firstWaiting) {
        firstWaiting = false
        await second
      }
      return await fetch(input, init)
    } finally {
      inFlight -= 1
    }
  }
  // Chunks smaller than a photo: each goes alone (not in a batch), its last chunk stripped.
  const round = await syncOnce({ db: device.db, fetch: watching, chunkBytes: 2_000 })
  expect(round.ok).toBe(false)
  expect(most).toBeGreaterThan(1)
  expect(most).toBeLessThanOrEqual(3)
  const held = await server.services.db
    .selectFrom('photos')
    .select('id')
    .where(
      'id',
      'in',
      photos.map((p) => p.meta.id),
    )
    .where('thumbnail_checksum', 'is not', null)
    .execute()
  const marked = (await device.db.photos.bulkGet(photos.map((p) => p.meta.id)))
    .filter((p) => p?.thumbnailUploaded === true)
    .map((p) => p!.id)
  expect(marked.sort()).toEqual(held.map((r) => r.id).sort())
  expect(marked).not.toContain(failing)
  // The next round sends what is left, the failed one included.
  expect((await syncOnce({ db: device.db })).ok).toBe(true)
  const all = await device.db.photos.bulkGet(photos.map((p) => p.meta.id))
  expect(all.every((p) => p?.thumbnailUploaded === true)).toBe(true)
})
