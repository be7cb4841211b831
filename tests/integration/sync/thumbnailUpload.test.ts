// The thumbnails of photos the server holds go to it for the setting's photo library
// (src/sync/uploadThumbnails.ts): once each, after the full image, from the tablet that took it.
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
  expect(puts.filter((url) => url.endsWith('/thumbnail'))).toHaveLength(1)
  expect((await syncOnce({ db: device.db, fetch: counting })).ok).toBe(true)
  expect(puts.filter((url) => url.endsWith('/thumbnail'))).toHaveLength(1)
})
