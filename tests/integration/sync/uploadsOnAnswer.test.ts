// A photo's upload starts when the push's answer names its details, not after the tablet has
// deleted them from its outbox (decision 0038): the deletion is IndexedDB work the uploads
// need not wait for. An entry a crash leaves in the outbox is pushed again and answered at once.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { detailsGate } from '../../../src/sync/detailsGate.ts'
import { pushOutbox } from '../../../src/sync/pushOutbox.ts'
import { syncApi } from '../../../src/sync/syncApi.ts'
import { getEnrolment, openSyncState } from '../../../src/sync/syncStateDb.ts'
import { uploadPhotos } from '../../../src/sync/uploadPhotos.ts'
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

const isUpload = (url: string, method: string | undefined) =>
  method !== undefined && method !== 'GET' && /\/photos\/[^?]*content/.test(url)

it('starts uploading a photo before its answered details have left the outbox', async () => {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  const photos = []
  for (let i = 0; i < 3; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 }))
  let uploadStarted: () => void = () => undefined
  const upload = new Promise<void>((resolve) => (uploadStarted = resolve))
  const watching: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (isUpload(url, init?.method)) uploadStarted()
    return fetch(input, init)
  }
  // The outbox's deletion waits for an upload to start (or, if none starts without it, for a
  // fallback, so the round still ends): it says which came first.
  const order: string[] = []
  const bulkDelete = device.db.outbox.bulkDelete.bind(device.db.outbox)
  const waitingForAnUpload = async (keys: number[]) => {
    let fallback: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      upload.then(() => order.push('upload')),
      new Promise<void>((resolve) => {
        fallback = setTimeout(() => {
          order.push('no upload yet')
          resolve()
        }, 2_000)
      }),
    ])
    clearTimeout(fallback)
    return bulkDelete(keys)
  }
  // Dexie's own promise type is not needed by the caller, which only awaits it.
  vi.spyOn(device.db.outbox, 'bulkDelete').mockImplementation(
    waitingForAnUpload as unknown as typeof bulkDelete,
  )
  const round = await syncOnce({ db: device.db, fetch: watching })
  expect(round.ok && round.value.uploaded).toBe(3)
  expect(order[0]).toBe('upload')
  expect(await device.db.outbox.where('kind').equals('photo').count()).toBe(0)
  for (const photo of photos)
    expect((await device.db.photos.get(photo.meta.id))?.syncState).toBe('sent')
}, 20_000)

it('a deletion that fails after the uploads started leaves the entries to push again, and each photo sent once', async () => {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  const photos = []
  for (let i = 0; i < 3; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 }))
  const uploads: string[] = []
  const counting: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (isUpload(url, init?.method)) uploads.push(url)
    return fetch(input, init)
  }
  const bulkDelete = device.db.outbox.bulkDelete.bind(device.db.outbox)
  const failing = vi
    .spyOn(device.db.outbox, 'bulkDelete')
    .mockRejectedValueOnce(new Error('the app was closed'))
  await expect(syncOnce({ db: device.db, fetch: counting })).rejects.toThrow('the app was closed')
  failing.mockImplementation(bulkDelete)
  // The entries stayed, and the photos their answer released went up in that round.
  expect(await device.db.outbox.where('kind').equals('photo').count()).toBe(3)
  for (const photo of photos)
    expect((await device.db.photos.get(photo.meta.id))?.syncState).toBe('sent')
  const sentOnce = uploads.length
  const round = await syncOnce({ db: device.db, fetch: counting })
  expect(round.ok).toBe(true)
  expect(await device.db.outbox.where('kind').equals('photo').count()).toBe(0)
  for (const photo of photos) {
    expect((await device.db.photos.get(photo.meta.id))?.syncState).toBe('sent')
    expect((await device.db.photoImages.get(photo.meta.id))?.full).toBeNull()
  }
  const stored = await server.services.db
    .selectFrom('server_audit')
    .select('details')
    .where('type', '=', 'photo-stored')
    .execute()
  for (const photo of photos) {
    const times = stored.filter((row) => row.details.includes(photo.meta.id)).length
    expect(times).toBe(1)
  }
  // The next round pushes the entries again and sends no image a second time.
  expect(uploads.length).toBe(sentOnce)
}, 20_000)

it('uploads a photo whose answer came before the uploads read what is waiting, its entries not yet deleted', async () => {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  const photos = []
  for (let i = 0; i < 3; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: 3_000 }))
  const state = openSyncState(device.db.name)
  const enrolment = (await getEnrolment(state))!
  state.close()
  const api = syncApi(enrolment.serverUrl, enrolment.credential, fetch)
  // The details reach the server, and the entries are read back into the outbox: the moment
  // between the push's answer and their deletion.
  const entries = await device.db.outbox.toArray()
  const pushed = await pushOutbox(device.db, api, enrolment.settingId)
  expect(pushed.ok && pushed.value.sent).toBe(3)
  await device.db.outbox.bulkAdd(entries)
  const gate = await detailsGate(device.db)
  gate.acknowledged(entries.map((e) => e.id))
  gate.end()
  const uploaded = await uploadPhotos(device.db, api, undefined, undefined, gate)
  expect(uploaded.ok && uploaded.value.sent).toBe(3)
  for (const photo of photos)
    expect((await device.db.photos.get(photo.meta.id))?.syncState).toBe('sent')
})
