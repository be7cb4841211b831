// Removal that really removes, on SQLite and (with DATABASE_URL) PostgreSQL: two
// iPads (Dexie on fake-indexeddb) and the manager's signed requests to the real server. A photo
// deleted on a tablet is erased on the server (image and thumbnail gone, a tombstone, an audit
// line); a withdrawal's photo is on the removal list with its uses, erased only once each use
// is confirmed taken down, and the erasure reaches the other tablet; a group photo is kept for
// the purposes no withdrawal concerns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deletePhoto, withdrawConsent } from '../../../src/db/index.ts'
import { recentPhotos } from '../../../src/db/photoQueries.ts'
import { testSigner } from '../../support/testSigners.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { Purpose } from '../../../src/policy/index.ts'
import { RemovalListSchema, type RemovalList } from '../../../src/protocol/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { staffDesk, type StaffDesk } from '../../support/signedStaff.ts'
import { enrolledDevice, type Device, synced } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const AVA = DEMO_SHOWCASE.allGranted.id
const OSCAR = demoChildId('ordinary1')
const MIA = demoChildId('ordinary2')
const MANAGER = DEMO_STAFF.manager
const PARENT = { name: 'Parent', relationship: 'mother', parentalResponsibility: true } as const

describe.each(BACKENDS)('removal that really removes on $backend', ({ backend, skip }) => {
  let server: TestServer
  let a: Device
  let b: Device
  let deskCredential: string
  let send: StaffDesk

  async function signed(
    person: { id: string; pin: string },
    method: string,
    path: string,
    json?: unknown,
  ) {
    const response = await send(person, method, path, json)
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }

  async function removalList(): Promise<RemovalList> {
    const answer = await signed(MANAGER, 'GET', '/api/library/removals')
    expect(answer.status).toBe(200)
    return RemovalListSchema.parse(answer.json)
  }

  const row = (id: string) =>
    server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  const thumbnailRows = (id: string) =>
    server.services.db
      .selectFrom('photo_thumbnails')
      .selectAll()
      .where('photo_id', '=', id)
      .execute()

  const audit = (type: string) =>
    server.services.db
      .selectFrom('server_audit')
      .selectAll()
      .where('type', '=', type)
      .execute()
      .then((rows) =>
        rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
      )

  async function withdraw(childId: string, purposes: Purpose[]) {
    const done = await withdrawConsent(
      a.db,
      { childId, purposes, givenBy: PARENT },
      await testSigner(a.db, MANAGER.id),
      new Date().toISOString(),
    )
    expect(done.ok).toBe(true)
    await synced(a)
  }

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    a = await enrolledDevice(server, DEMO_SETTING_ID)
    b = await enrolledDevice(server, DEMO_SETTING_ID)
    const desk = await staffDesk(server, DEMO_SETTING_ID)
    deskCredential = desk.credential
    send = desk.send
    for (const device of [a, b]) await synced(device)
  }, 60_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)(
    'a photo deleted on a tablet is erased on the server at its next sync',
    async () => {
      const photo = await capturePhoto(a.db, { deviceId: a.deviceId, size: 6_000 })
      await synced(a)
      const stored = await row(photo.meta.id)
      expect(stored.stored_at).not.toBeNull()
      expect(stored.thumbnail_checksum).not.toBeNull()
      expect(await server.services.photos.read(stored.checksum)).not.toBeNull()
      expect(await thumbnailRows(photo.meta.id)).toHaveLength(1)

      const deleted = await deletePhoto(
        a.db,
        { photoId: photo.meta.id, reason: 'Taken by mistake' },
        await testSigner(a.db, DEMO_STAFF.practitioner.id),
        new Date().toISOString(),
      )
      expect(deleted.ok).toBe(true)
      await synced(a)

      const tomb = await row(photo.meta.id)
      expect(tomb).toMatchObject({
        erased_cause: 'tablet-deleted',
        erased_by: DEMO_STAFF.practitioner.id,
        erased_reason: 'Taken by mistake',
        stored_at: null,
      })
      expect(tomb.bytes_removed_at).not.toBeNull()
      expect(await server.services.photos.read(stored.checksum)).toBeNull()
      expect(await server.services.photos.read(stored.thumbnail_checksum!)).toBeNull()
      expect(await thumbnailRows(photo.meta.id)).toEqual([])
      const lines = (await audit('photo-erased')).filter((l) => l.details.photoId === photo.meta.id)
      expect(lines).toEqual([
        expect.objectContaining({
          staff_id: DEMO_STAFF.practitioner.id,
          details: expect.objectContaining({ cause: 'tablet-deleted', reason: 'Taken by mistake' }),
        }),
      ])
      const image = await signed(MANAGER, 'GET', `/api/library/photos/${photo.meta.id}/image`)
      expect(image.status).toBe(410)
      // The bytes cannot come back: the server refuses them.
      const put = await fetch(`${server.url}/api/sync/photos/${photo.meta.id}/content?offset=0`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${deskCredential}`,
          'content-type': 'application/octet-stream',
        },
        body: photo.bytes,
      })
      expect(put.status).toBe(410)
    },
  )

  it.skipIf(skip)(
    'a withdrawn photo: on the list with its use, erased after the take-down, on the other tablet too',
    async () => {
      // Tablet B takes the photo and sends it; it keeps the thumbnail.
      const photo = await capturePhoto(b.db, {
        deviceId: b.deviceId,
        size: 7_000,
        childIds: [AVA],
        purposes: ['learning_journey', 'display'],
      })
      await synced(b)
      expect((await b.db.photoImages.get(photo.meta.id))?.thumbnail).toBeDefined()
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString()
      const use = await signed(MANAGER, 'POST', `/api/library/photos/${photo.meta.id}/uses`, {
        purpose: 'display',
        action: 'record',
        place: 'Butterflies room wall',
        until,
      })
      expect(use.status).toBe(200)
      const useId = (use.json.use as { id: string }).id

      await withdraw(AVA, ['display'])

      const item = (await removalList()).items.find((i) => i.photo.id === photo.meta.id)
      expect(item).toMatchObject({
        withdrawnPurposes: ['display'],
        keepablePurposes: ['learning_journey'],
        uses: [{ id: useId, place: 'Butterflies room wall', withdrawn: true, takenDown: null }],
      })
      const path = `/api/library/photos/${photo.meta.id}`
      const early = await signed(MANAGER, 'POST', `${path}/removal`, {
        decision: 'erase',
        reason: 'Mother withdrew consent for displays',
      })
      expect(early.status).toBe(409)
      expect(JSON.stringify(early.json)).toContain('Butterflies room wall')
      const keyworker = await signed(DEMO_STAFF.keyworker, 'GET', '/api/library/removals')
      expect(keyworker.status).toBe(403)

      const down = await signed(MANAGER, 'POST', `${path}/takedowns`, { useId, note: 'taken down' })
      expect(down.status).toBe(200)
      const erase = await signed(MANAGER, 'POST', `${path}/removal`, {
        decision: 'erase',
        reason: 'Mother withdrew consent for displays',
      })
      expect(erase.status).toBe(200)

      const tomb = await row(photo.meta.id)
      expect(tomb).toMatchObject({ erased_cause: 'withdrawal', erased_by: MANAGER.id })
      expect(await server.services.photos.read(tomb.checksum)).toBeNull()
      expect(await server.services.photos.read(tomb.thumbnail_checksum!)).toBeNull()
      expect((await removalList()).items.map((i) => i.photo.id)).not.toContain(photo.meta.id)
      expect(await audit('photo-use-taken-down')).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ useId, note: 'taken down' }),
        }),
      ])
      expect(
        (await audit('photo-erased')).filter((l) => l.details.photoId === photo.meta.id),
      ).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ cause: 'withdrawal' }) }),
      ])

      // Tablet B hears of it at its next sync: its thumbnail goes, the photo says it was erased.
      await synced(b)
      expect(await b.db.photoImages.get(photo.meta.id)).toBeUndefined()
      const onB = await b.db.photos.get(photo.meta.id)
      expect(onB?.erasedOnServer).toMatchObject({ reason: 'Mother withdrew consent for displays' })
      expect((await recentPhotos(b.db)).map((p) => p.id)).toContain(photo.meta.id)
    },
  )

  it.skipIf(skip)('a group photo is kept for the purposes no withdrawal concerns', async () => {
    const photo = await capturePhoto(b.db, {
      deviceId: b.deviceId,
      size: 8_000,
      childIds: [OSCAR, MIA],
      purposes: ['learning_journey', 'display'],
    })
    await synced(b)
    expect((await row(photo.meta.id)).quarantined_at).toBeNull()
    await withdraw(OSCAR, ['display'])
    const item = (await removalList()).items.find((i) => i.photo.id === photo.meta.id)
    expect(item).toMatchObject({
      withdrawnPurposes: ['display'],
      keepablePurposes: ['learning_journey'],
    })

    const path = `/api/library/photos/${photo.meta.id}`
    const keep = await signed(MANAGER, 'POST', `${path}/removal`, {
      decision: 'keep',
      reason: 'Stays in both learning journeys',
    })
    expect(keep.status).toBe(200)
    expect(keep.json).toMatchObject({ decision: 'keep', keptPurposes: ['learning_journey'] })
    expect((await removalList()).items.map((i) => i.photo.id)).not.toContain(photo.meta.id)
    const kept = await row(photo.meta.id)
    expect(kept.erased_at).toBeNull()
    expect(await server.services.photos.read(kept.checksum)).not.toBeNull()
    const display = await signed(MANAGER, 'POST', `${path}/uses`, {
      purpose: 'display',
      action: 'record',
      place: 'Hall',
      until: new Date(Date.now() + 86_400_000).toISOString(),
    })
    expect(display.status).toBe(422)
    expect(await audit('photo-kept-for-purposes')).toEqual([
      expect.objectContaining({
        staff_id: MANAGER.id,
        details: expect.objectContaining({ photoId: photo.meta.id, kept: ['learning_journey'] }),
      }),
    ])
  })
})
