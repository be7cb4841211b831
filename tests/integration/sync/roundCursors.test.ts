// A sync round reads the tablet's photos with single getAll requests, never by walking a
// cursor over them: a cursor is a round trip per photo, and the photos table keeps the
// metadata of every photo the tablet ever took (decision 0038). Read at the round's start (the
// photos waiting) and its end (the sent photos whose thumbnail may still be owed).
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
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
afterEach(() => {
  vi.restoreAllMocks()
})

/** Counts the cursors opened on an index of the photos store from now on. */
function photoCursors(): { count: () => number } {
  let count = 0
  const prototype = IDBIndex.prototype
  for (const method of ['openCursor', 'openKeyCursor'] as const) {
    const original: (this: IDBIndex, ...args: unknown[]) => IDBRequest = Reflect.get(
      prototype,
      method,
    ) as never
    vi.spyOn(prototype, method).mockImplementation(function (this: IDBIndex, ...args: unknown[]) {
      if (this.objectStore.name === 'photos') count += 1
      return original.apply(this, args) as never
    })
  }
  return { count: () => count }
}

it('sends waiting photos and owed thumbnails without walking a cursor over the photos', async () => {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  for (let i = 0; i < 3; i++)
    await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 })
  expect((await syncOnce({ db: device.db })).ok).toBe(true)
  // One sent photo still owes its thumbnail (its answer was lost): the round's end sends it.
  const [owed] = await device.db.photos.toArray()
  await device.db.photos.update(owed!.id, { thumbnailUploaded: undefined })
  const fresh = await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 })
  const cursors = photoCursors()
  const round = await syncOnce({ db: device.db })
  expect(round.ok && round.value.uploaded).toBe(1)
  expect(cursors.count()).toBe(0)
  expect((await device.db.photos.get(fresh.meta.id))?.syncState).toBe('sent')
  expect((await device.db.photos.get(owed!.id))?.thumbnailUploaded).toBe(true)
})
