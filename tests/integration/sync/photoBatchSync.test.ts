// Small photos go up several to a request (src/sync/photoBatches.ts), on fake-indexeddb against
// the real server: each is marked sent once, on its own acknowledgement; a batch cut off or
// refused leaves its photos waiting, and the next round sends them once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { detailsGate } from '../../../src/sync/detailsGate.ts'
import { syncApi } from '../../../src/sync/syncApi.ts'
import { getEnrolment, openSyncState } from '../../../src/sync/syncStateDb.ts'
import { uploadPhotos } from '../../../src/sync/uploadPhotos.ts'
import { BATCH_PHOTOS } from '../../../src/sync/photoBatches.ts'
import { FIRST_BATCH } from '../../../src/sync/pushOutbox.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { capturePhoto, type Captured } from '../../support/capturedPhoto.ts'
import { answerLostFetch, enrolledDevice } from '../../support/syncedDevice.ts'
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
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: 5_000 }))
  return { device, ids: photos.map((p) => p.meta.id) }
}

const isBatch = (url: string, init?: RequestInit) =>
  init?.method === 'POST' && url.endsWith('/api/sync/photos/content')

/** A fetch that counts the uploads it passes on: batches, and one-photo requests. */
function counting() {
  const seen = { batches: 0, single: 0 }
  const fetchFn: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (isBatch(url, init)) seen.batches += 1
    else if (init?.method === 'PUT' && url.includes('/content')) seen.single += 1
    return fetch(input, init)
  }
  return { seen, fetchFn }
}

/** How often the server recorded each photo as stored (its audit), and whether it is now. */
async function onServer(ids: string[]) {
  const events = await server.services.db
    .selectFrom('server_audit')
    .select('details')
    .where('type', '=', 'photo-stored')
    .execute()
  const times = new Map(ids.map((id) => [id, 0]))
  for (const e of events) {
    const id = (JSON.parse(e.details) as { photoId: string }).photoId
    if (times.has(id)) times.set(id, times.get(id)! + 1)
  }
  return ids.map((id) => times.get(id))
}

async function states(db: Awaited<ReturnType<typeof enrolledDevice>>['db'], ids: string[]) {
  const photos = await db.photos.bulkGet(ids)
  const images = await db.photoImages.bulkGet(ids)
  return ids.map((_, i) => ({
    state: photos[i]?.syncState,
    full: images[i]?.full === null ? 'dropped' : 'kept',
    thumbnailUploaded: photos[i]?.thumbnailUploaded === true,
  }))
}

describe('photos sent several to a request', () => {
  it('sends small photos in batches, and marks each sent once', async () => {
    const { device, ids } = await enrolledWith(BATCH_PHOTOS * 2 + 1)
    const { seen, fetchFn } = counting()
    const round = await syncOnce({ db: device.db, fetch: fetchFn })
    expect(round).toMatchObject({ ok: true, value: { uploaded: ids.length } })
    expect(seen.batches).toBeGreaterThan(0)
    expect(seen.batches + seen.single).toBeLessThan(ids.length)
    expect(await states(device.db, ids)).toEqual(
      ids.map(() => ({ state: 'sent', full: 'dropped', thumbnailUploaded: true })),
    )
    expect(await onServer(ids)).toEqual(ids.map(() => 1))
  })

  it('keeps a batch whose answer was lost, and sends it once more as the same photos', async () => {
    const { device, ids } = await enrolledWith(BATCH_PHOTOS)
    const lost = answerLostFetch((url) => url.endsWith('/api/sync/photos/content'))
    const cut = await syncOnce({ db: device.db, fetch: lost })
    expect(cut).toMatchObject({ ok: false, error: { code: 'offline' } })
    // The server stored them; the tablet never heard, so it keeps every image.
    expect(await onServer(ids)).toEqual(ids.map(() => 1))
    expect(await states(device.db, ids)).toEqual(
      ids.map(() => ({ state: 'waiting', full: 'kept', thumbnailUploaded: false })),
    )
    const again = await syncOnce({ db: device.db })
    expect(again).toMatchObject({ ok: true, value: { uploaded: ids.length } })
    expect(await states(device.db, ids)).toEqual(
      ids.map(() => ({ state: 'sent', full: 'dropped', thumbnailUploaded: true })),
    )
    expect(await onServer(ids)).toEqual(ids.map(() => 1))
  })

  it('sends the photos one by one when the server refuses a batch whole', async () => {
    const { device, ids } = await enrolledWith(BATCH_PHOTOS)
    const { seen, fetchFn } = counting()
    const refusing: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (!isBatch(url, init)) return fetchFn(input, init)
      const message = 'This batch of photos could not be read.'
      return Promise.resolve(
        Response.json({ ok: false, error: { code: 'bad_request', message } }, { status: 400 }),
      )
    }
    const round = await syncOnce({ db: device.db, fetch: refusing })
    expect(round).toMatchObject({ ok: true, value: { uploaded: ids.length, photoProblems: [] } })
    expect(seen.single).toBe(ids.length)
    expect(await states(device.db, ids)).toEqual(
      ids.map(() => ({ state: 'sent', full: 'dropped', thumbnailUploaded: true })),
    )
    expect(await onServer(ids)).toEqual(ids.map(() => 1))
  })

  it('marks the photos the server took, and keeps the one it refused', async () => {
    const { device, ids } = await enrolledWith(BATCH_PHOTOS)
    // Its stored image no longer matches the checksum its details carry: the server refuses it.
    const damaged = ids[1]!
    await device.db.photoImages.update(damaged, {
      full: new Blob([photoBytes(5_000)], { type: 'image/jpeg' }),
    })
    const { seen, fetchFn } = counting()
    const round = await syncOnce({ db: device.db, fetch: fetchFn })
    expect(round).toMatchObject({
      ok: true,
      value: {
        uploaded: ids.length - 1,
        photoProblems: [{ code: 'checksum_mismatch', status: 422 }],
      },
    })
    expect(seen).toEqual({ batches: 1, single: 0 })
    const after = await states(device.db, ids)
    expect(after[1]).toEqual({ state: 'waiting', full: 'kept', thumbnailUploaded: false })
    expect(after.filter((s) => s.state === 'sent')).toHaveLength(ids.length - 1)
    expect(await onServer(ids)).toEqual(ids.map((id) => (id === damaged ? 0 : 1)))
  })
})

describe('photos go up while their details are pushed', () => {
  it('starts uploading photos whose details were answered before the next batch is pushed', async () => {
    // More than one batch of details (FIRST_BATCH, then up to 100 a push).
    const { device, ids } = await enrolledWith(FIRST_BATCH + 1)
    let pushes = 0
    let uploadStarted: () => void = () => undefined
    const firstUpload = new Promise<void>((resolve) => (uploadStarted = resolve))
    const seen: string[] = []
    const watching: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (url.endsWith('/api/sync/push') && ++pushes === 2) {
        // Held until an upload has started; a round that uploads only after its whole push
        // would never get there, so a generous timer breaks that deadlock and the test fails.
        const breaker = new Promise((resolve) => setTimeout(resolve, 20_000, 'no upload'))
        seen.push(String(await Promise.race([firstUpload.then(() => 'upload'), breaker])))
      }
      if (url.includes('/api/sync/photos/') && url.includes('content')) uploadStarted()
      return fetch(input, init)
    }
    const round = await syncOnce({ db: device.db, fetch: watching })
    expect(round).toMatchObject({ ok: true, value: { uploaded: ids.length } })
    expect(seen).toEqual(['upload'])
    expect(await onServer(ids)).toEqual(ids.map(() => 1))
  }, 60_000)
})

describe('a photo saved while a round is under way', () => {
  it('waits for the next round, after its details, instead of reaching a server that does not know it', async () => {
    const { device, ids } = await enrolledWith(2)
    const state = openSyncState(device.db.name)
    const enrolment = (await getEnrolment(state))!
    state.close()
    const { seen, fetchFn } = counting()
    const api = syncApi(enrolment.serverUrl, enrolment.credential, fetchFn)
    // The round read its gate; then a photo is saved, its details only in the outbox.
    const gate = await detailsGate(device.db)
    const late = await capturePhoto(device.db, { deviceId: device.deviceId, size: 5_000 })
    gate.end()
    const outcome = await uploadPhotos(device.db, api, undefined, undefined, gate)
    expect(outcome).toEqual({ ok: true, value: { sent: 0, problems: [] } })
    expect(seen.batches + seen.single).toBe(0)
    expect((await device.db.photos.get(late.meta.id))?.syncState).toBe('waiting')
    // The next round sends its details, then all three photos, each once.
    const next = await syncOnce({ db: device.db })
    expect(next).toMatchObject({ ok: true, value: { uploaded: 3, photoProblems: [] } })
    expect(await onServer([...ids, late.meta.id])).toEqual([1, 1, 1])
  })
})
