// An iPad (Dexie on fake-indexeddb) and the real server on a random port: capture offline,
// sync, and every way the network and the people around it can get in the way.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadPolicyContext, recordConsent, withdrawConsent } from '../../../src/db/index.ts'
import { readSignInSnapshot, writeSignInSnapshot } from '../../../src/db/signInSnapshot.ts'
import { readSignInList } from '../../../src/app/screens/sign-in/signInList.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { evaluateCapture, type CaptureRequest } from '../../../src/policy/index.ts'
import { revokeDevice } from '../../../src/server/devices/enrolment.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { openSyncState } from '../../../src/sync/syncStateDb.ts'
import { testSigner } from '../../support/testSigners.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { OTHER_SETTING, seedOtherSetting } from '../../support/serverFixtures.ts'
import { answerLostFetch, enrolledDevice, failingFetch } from '../../support/syncedDevice.ts'
import { memoryStorage } from '../../support/memoryStorage.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'
import { CLEAR_ATTESTATIONS } from '../../support/policyFixture.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer('sqlite')
  await seedOtherSetting(server.services.db)
})
afterAll(async () => {
  await server.close()
})

async function serverPhotos(id: string) {
  return server.services.db.selectFrom('photos').selectAll().where('id', '=', id).execute()
}

describe('a photo captured offline', () => {
  it('reaches the server with the same checksum, and the iPad keeps only the thumbnail', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const { meta, bytes } = await capturePhoto(device.db, { deviceId: device.deviceId })
    const result = await syncOnce({ db: device.db })
    expect(result).toMatchObject({ ok: true, value: { uploaded: 1 } })
    const rows = await serverPhotos(meta.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ checksum: meta.checksum, quarantined_at: null })
    const stored = await server.services.photos.read(meta.checksum)
    expect(Buffer.from(stored!).equals(Buffer.from(bytes))).toBe(true)
    const image = await device.db.photoImages.get(meta.id)
    expect(image?.full).toBeNull()
    expect(image?.thumbnail).toBeInstanceOf(Blob)
    expect((await device.db.photos.get(meta.id))?.syncState).toBe('sent')
    expect(await device.db.outbox.count()).toBe(0)
  })

  it('cut off after some chunks, then resumed, is exactly one photo', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    const { meta, bytes } = await capturePhoto(device.db, {
      deviceId: device.deviceId,
      size: 100_000,
    })
    const cut = failingFetch((_url, init) => init?.method === 'PUT', 3)
    const first = await syncOnce({ db: device.db, fetch: cut, chunkBytes: 16 * 1024 })
    expect(first).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect((await device.db.photoImages.get(meta.id))?.full).toBeInstanceOf(Blob)
    const partial = await server.services.photos.partialSize({
      owner: device.deviceId,
      name: `${DEMO_SETTING_ID}/${meta.id}`,
    })
    expect(partial).toBe(3 * 16 * 1024)
    expect((await syncOnce({ db: device.db, chunkBytes: 16 * 1024 })).ok).toBe(true)
    expect(await serverPhotos(meta.id)).toHaveLength(1)
    expect(
      Buffer.from((await server.services.photos.read(meta.checksum))!).equals(Buffer.from(bytes)),
    ).toBe(true)
    expect((await device.db.photoImages.get(meta.id))?.full).toBeNull()
  })

  it('pushed three times (the answers lost twice) is one photo', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    const { meta } = await capturePhoto(device.db, { deviceId: device.deviceId })
    const lost = answerLostFetch((url) => url.endsWith('/api/sync/push'))
    for (let i = 0; i < 2; i++)
      expect((await syncOnce({ db: device.db, fetch: lost })).ok).toBe(false)
    expect(await device.db.outbox.count()).toBe(1)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    expect(await serverPhotos(meta.id)).toHaveLength(1)
    const applied = await server.services.db
      .selectFrom('applied_changes')
      .selectAll()
      .where('device_id', '=', device.deviceId)
      .execute()
    expect(applied).toHaveLength(1)
  })
})

describe('the server down, then back', () => {
  it('loses nothing: every photo and change arrives', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const photos = [
      await capturePhoto(device.db, { deviceId: device.deviceId, size: 30_000 }),
      await capturePhoto(device.db, { deviceId: device.deviceId, size: 30_000 }),
    ]
    const withdrawn = await withdrawConsent(
      device.db,
      {
        childId: DEMO_SHOWCASE.reviewOverdue.id,
        purposes: ['display'],
        givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
      },
      await testSigner(device.db, DEMO_STAFF.manager.id),
      new Date().toISOString(),
    )
    expect(withdrawn.ok).toBe(true)
    const port = Number(new URL(server.url).port)
    server.app.server.close()
    server.app.server.closeAllConnections()
    const down = await syncOnce({ db: device.db })
    expect(down).toMatchObject({ ok: false, error: { code: 'offline' } })
    expect(await device.db.outbox.count()).toBe(3)
    await new Promise<void>((resolve) => server.app.server.listen(port, '127.0.0.1', resolve))
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    for (const { meta } of photos)
      expect((await serverPhotos(meta.id))[0]?.stored_at).not.toBeNull()
    const record = withdrawn.ok ? withdrawn.value.records[0]! : null
    const onServer = await server.services.db
      .selectFrom('entities')
      .select('id')
      .where('id', '=', record!.id)
      .execute()
    expect(onServer).toHaveLength(1)
    expect(await device.db.outbox.count()).toBe(0)
  })
})

describe('boundaries between settings and devices', () => {
  it('refuses a device of one setting reading another, and nothing of it arrives', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    const state = openSyncState(device.db.name)
    await state.state.update('enrolment', { settingId: OTHER_SETTING })
    state.close()
    const result = await syncOnce({ db: device.db })
    expect(result).toMatchObject({ ok: false, error: { code: 'wrong_setting', status: 403 } })
    expect(await device.db.children.get('b-child')).toBeUndefined()
  })

  it('wipes a revoked device without uploading anything, and says so', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    expect(await device.db.children.count()).toBeGreaterThan(0)
    const { meta } = await capturePhoto(device.db, { deviceId: device.deviceId })
    await revokeDevice(
      server.services.db,
      DEMO_SETTING_ID,
      device.deviceId,
      DEMO_STAFF.manager.id,
      new Date(),
    )
    const result = await syncOnce({ db: device.db })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'device_revoked', message: expect.stringContaining('removed') },
    })
    expect(await serverPhotos(meta.id)).toHaveLength(0)
    for (const table of [
      'photos',
      'photoImages',
      'children',
      'consents',
      'staff',
      'outbox',
      'audit',
    ] as const) {
      expect(await device.db.table(table).count()).toBe(0)
    }
    expect(await device.db.device.toArray()).toEqual([
      expect.objectContaining({ revoked: true, enrolled: false }),
    ])
    expect(await openSyncState(device.db.name).state.count()).toBe(0)
  })

  it("takes sign-in's snapshot of staff names with it", async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const storage = memoryStorage()
    vi.stubGlobal('localStorage', storage)
    try {
      writeSignInSnapshot(storage, await readSignInList(device.db))
      expect(readSignInSnapshot(storage)?.staff.length).toBeGreaterThan(0)
      await revokeDevice(
        server.services.db,
        DEMO_SETTING_ID,
        device.deviceId,
        DEMO_STAFF.manager.id,
        new Date(),
      )
      const result = await syncOnce({ db: device.db })
      expect(result).toMatchObject({ ok: false, error: { code: 'device_revoked' } })
      expect(storage.items.size).toBe(0)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('consent changes reach every iPad', () => {
  it('a withdrawal on one iPad blocks capture on another after its pull', async () => {
    const a = await enrolledDevice(server, DEMO_SETTING_ID)
    const b = await enrolledDevice(server, DEMO_SETTING_ID)
    for (const device of [a, b]) expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const child = DEMO_SHOWCASE.publicSocialRefused.id
    const request = (deviceId: string): CaptureRequest => ({
      staffId: DEMO_STAFF.practitioner.id,
      deviceId,
      locationId: 'demo-loc-garden',
      at: new Date().toISOString(),
      childIds: [child],
      purposes: ['display'],
      adultInFrame: false,
      attestations: { ...CLEAR_ATTESTATIONS },
      caption: 'Leaf collage',
      reason: null,
    })
    const decide = async () => {
      const context = await loadPolicyContext(b.db, {
        now: new Date().toISOString(),
        deviceId: b.deviceId,
      })
      return evaluateCapture(request(b.deviceId), context)
    }
    expect((await decide()).verdict).toBe('allow')
    const withdrawal = await withdrawConsent(
      a.db,
      {
        childId: child,
        purposes: ['display'],
        givenBy: { name: 'Parent', relationship: 'father', parentalResponsibility: true },
      },
      await testSigner(a.db, DEMO_STAFF.manager.id),
      new Date().toISOString(),
    )
    expect(withdrawal.ok).toBe(true)
    expect((await syncOnce({ db: a.db })).ok).toBe(true)
    expect((await decide()).verdict).toBe('allow')
    expect((await syncOnce({ db: b.db })).ok).toBe(true)
    const after = await decide()
    expect(after.verdict).toBe('block')
    expect(after.findings.map((f) => f.rule)).toContain('consent-withdrawn')
  })

  it('a form recorded on one iPad arrives on another whole: who signed, when, the form, conditions', async () => {
    const a = await enrolledDevice(server, DEMO_SETTING_ID)
    const b = await enrolledDevice(server, DEMO_SETTING_ID)
    for (const device of [a, b]) expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const child = DEMO_SHOWCASE.noConsent.id
    const recorded = await recordConsent(
      a.db,
      {
        childId: child,
        decisions: { display: 'granted' },
        givenBy: { name: 'Kim Kirkby', relationship: 'mother', parentalResponsibility: true },
        formRef: 'F-77',
        signedOn: '2026-11-02',
        conditions: 'First name only',
      },
      await testSigner(a.db, DEMO_STAFF.manager.id),
      new Date().toISOString(),
    )
    if (!recorded.ok) throw new Error(recorded.error.message)
    expect((await syncOnce({ db: a.db })).ok).toBe(true)
    expect((await syncOnce({ db: b.db })).ok).toBe(true)
    const id = recorded.value.records[0]!.id
    expect(await b.db.consents.get(id)).toEqual(recorded.value.records[0])
  })

  it('a PIN verifier reaches a new iPad, so staff can sign in offline', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const manager = await device.db.staff.get(DEMO_STAFF.manager.id)
    expect(manager?.pin).toMatchObject({
      iterations: expect.any(Number),
      hashB64: expect.any(String),
    })
    const { verifyPin } = await import('../../../src/db/index.ts')
    const signedIn = await verifyPin(
      device.db,
      DEMO_STAFF.manager.id,
      DEMO_STAFF.manager.pin,
      new Date().toISOString(),
    )
    expect(signedIn.ok).toBe(true)
  })
})
