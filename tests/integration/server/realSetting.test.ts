// A real setting made by the admin command (not the demo): enrol a tablet with its code, sign
// in there as its manager with the one-time PIN, and nothing of the demo reaches it, while a
// demo tablet on the same server keeps seeing only the demo. Then the manager's tablet
// operations (the Tablets screen's routes) with that manager's PIN: a code, the list with
// unsent photos, rename, revoke, each in the server's audit; and reset-pin reaching the tablet.
// On SQLite, and on PostgreSQL when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setPin, verifyPin } from '../../../src/db/index.ts'
import { StaffPinWireSchema } from '../../../src/protocol/index.ts'
import { pinMatchesVerifier } from '../../../src/server/auth/pinVerifier.ts'
import { getEntity } from '../../../src/server/storage/entities.ts'
import { freshDb } from '../../support/testDb.ts'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { adminEnrolmentCode } from '../../../src/server/admin/deviceAdmin.ts'
import {
  createSetting,
  resetPin,
  type AdminContext,
  type CreatedSetting,
} from '../../../src/server/admin/settingAdmin.ts'
import { enrolDevice, syncOnce } from '../../../src/sync/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { call } from '../../support/serverFixtures.ts'
import { enrolledDevice, failingFetch } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

describe.each(BACKENDS)('a real setting on $backend', ({ backend, skip }) => {
  let server: TestServer
  let ctx: AdminContext
  let real: CreatedSetting

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    ctx = { db: server.services.db, now: server.services.now }
    const created = await createSetting(ctx, { name: 'Acorns Nursery', manager: 'Ada Lovelace' })
    if (!created.ok) throw new Error(created.error.message)
    real = created.value
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  async function realTablet() {
    const code = await adminEnrolmentCode(ctx, real.settingId)
    if (!code.ok) throw new Error(code.error.message)
    const db = freshDb()
    const enrolled = await enrolDevice(db, {
      serverUrl: server.url,
      code: code.value.code,
      now: new Date().toISOString(),
    })
    expect(enrolled).toMatchObject({ ok: true, settingName: 'Acorns Nursery' })
    expect((await syncOnce({ db })).ok).toBe(true)
    const deviceId = (await db.device.toArray())[0]!.id
    return { db, deviceId, credential: await credentialOf(db) }
  }

  /** The manager signs in on `db` with their PIN: the session's seed signs their changes. */
  async function signInManager(db: ReturnType<typeof freshDb>, pin: string) {
    const signedIn = await verifyPin(db, real.managerId, pin, new Date().toISOString())
    if (!signedIn.ok) throw new Error(signedIn.error.message)
    const { signingSeed } = signedIn.value
    if (signingSeed === null) throw new Error('The PIN gave no signing key')
    return { id: real.managerId, signingSeed }
  }

  async function credentialOf(db: ReturnType<typeof freshDb>): Promise<string> {
    const { openSyncState, getEnrolment } = await import('../../../src/sync/syncStateDb.ts')
    const state = openSyncState(db.name)
    try {
      return (await getEnrolment(state))!.credential
    } finally {
      state.close()
    }
  }

  it.skipIf(skip)(
    'enrols a tablet, its manager signs in with the one-time PIN, and the demo never mixes in',
    async () => {
      const tablet = await realTablet()
      expect((await tablet.db.setting.toArray()).map((s) => [s.id, s.isDemo])).toEqual([
        [real.settingId, false],
      ])
      expect((await tablet.db.staff.toArray()).map((s) => s.name)).toEqual(['Ada Lovelace'])
      expect(await tablet.db.children.count()).toBe(0)
      expect(await tablet.db.consents.count()).toBe(0)
      const signedIn = await verifyPin(
        tablet.db,
        real.managerId,
        real.oneTimePin,
        new Date().toISOString(),
      )
      expect(signedIn).toMatchObject({
        ok: true,
        value: { staff: { name: 'Ada Lovelace', role: 'manager', mustChangePin: true } },
      })

      const demo = await enrolledDevice(server, DEMO_SETTING_ID)
      expect((await syncOnce({ db: demo.db })).ok).toBe(true)
      expect((await demo.db.staff.toArray()).map((s) => s.name)).not.toContain('Ada Lovelace')
      expect(await demo.db.children.count()).toBeGreaterThan(0)
      expect((await demo.db.setting.toArray()).map((s) => s.id)).toEqual([DEMO_SETTING_ID])
    },
  )

  it.skipIf(skip)(
    'the manager’s tablet operations work with their PIN and are audited',
    async () => {
      const tablet = await realTablet()
      const other = await realTablet()
      // The other tablet's photo record reaches the server, its image not (yet): taken there
      // by the manager, signed in with the one-time PIN (nobody else works here yet).
      const by = await signInManager(other.db, real.oneTimePin)
      await capturePhoto(other.db, { deviceId: other.deviceId, childIds: [], by })
      const noImages = failingFetch((url) => url.includes('/content'))
      await syncOnce({ db: other.db, fetch: noImages })
      const auth = { staffId: real.managerId, pin: real.oneTimePin }
      const opts = (json: object) => ({ credential: tablet.credential, json: { ...auth, ...json } })

      const code = await call(server, 'POST', '/api/manager/enrolment-codes', opts({}))
      expect(code).toMatchObject({ status: 200, body: { ok: true, code: expect.any(String) } })

      const list = await call(server, 'POST', '/api/manager/devices', opts({}))
      expect(list.status).toBe(200)
      const devices = list.body.devices as { id: string; unsentPhotos: number }[]
      expect(devices.map((d) => d.id)).toEqual(
        expect.arrayContaining([tablet.deviceId, other.deviceId]),
      )
      expect(devices.find((d) => d.id === other.deviceId)?.unsentPhotos).toBe(1)
      expect(devices.find((d) => d.id === tablet.deviceId)?.unsentPhotos).toBe(0)

      const renamed = await call(
        server,
        'POST',
        `/api/manager/devices/${other.deviceId}/rename`,
        opts({ name: '  Ladybirds iPad ' }),
      )
      expect(renamed).toMatchObject({ status: 200, body: { device: { name: 'Ladybirds iPad' } } })
      const blank = await call(
        server,
        'POST',
        `/api/manager/devices/${other.deviceId}/rename`,
        opts({ name: '   ' }),
      )
      expect(blank.status).toBe(400)
      const wrongPin = await call(server, 'POST', `/api/manager/devices/${other.deviceId}/rename`, {
        credential: tablet.credential,
        json: { staffId: real.managerId, pin: '000000', name: 'Stolen' },
      })
      expect(wrongPin.status).toBe(403)

      const revoked = await call(
        server,
        'POST',
        `/api/manager/devices/${other.deviceId}/revoke`,
        opts({}),
      )
      expect(revoked).toMatchObject({
        status: 200,
        body: { device: { revokedAt: expect.any(String) } },
      })
      expect((await syncOnce({ db: other.db })).ok).toBe(false)

      const audit = await server.services.db
        .selectFrom('server_audit')
        .select(['type', 'staff_id', 'details'])
        .where('setting_id', '=', real.settingId)
        .orderBy('at')
        .execute()
      const types = audit.map((a) => a.type)
      expect(types).toEqual(
        expect.arrayContaining([
          'setting-created',
          'enrolment-code-created',
          'device-renamed',
          'device-revoked',
        ]),
      )
      expect(audit.find((a) => a.type === 'device-renamed')).toMatchObject({
        staff_id: real.managerId,
      })
      expect(JSON.stringify(audit)).not.toContain(real.oneTimePin)
    },
  )

  it.skipIf(skip)(
    'the manager’s own PIN, chosen on the tablet, ends the one-time PIN on the server',
    async () => {
      const tablet = await realTablet()
      expect((await tablet.db.staff.get(real.managerId))?.mustChangePin).toBe(true)
      const session = await signInManager(tablet.db, real.oneTimePin)
      const now = new Date().toISOString()
      // A manager's new PIN has 6 digits; the one-time PIN's key signs the change.
      const own = await setPin(tablet.db, real.managerId, '975312', session, now)
      expect(own.ok).toBe(true)
      expect((await syncOnce({ db: tablet.db })).ok).toBe(true)
      const stored = StaffPinWireSchema.parse(
        await getEntity(server.services.db, real.settingId, 'staffPin', real.managerId),
      )
      expect(stored.mustChange).toBeUndefined()
      expect(await pinMatchesVerifier('975312', stored.pin)).toBe(true)
      const again = await realTablet()
      expect((await again.db.staff.get(real.managerId))?.mustChangePin).toBe(false)
    },
  )

  it.skipIf(skip)('reset-pin reaches the tablet at its next sync', async () => {
    const tablet = await realTablet()
    const reset = await resetPin(ctx, { staffId: real.managerId })
    if (!reset.ok) throw new Error(reset.error.message)
    expect((await syncOnce({ db: tablet.db })).ok).toBe(true)
    const now = new Date().toISOString()
    expect((await verifyPin(tablet.db, real.managerId, reset.value.oneTimePin, now)).ok).toBe(true)
    if (reset.value.oneTimePin !== real.oneTimePin) {
      expect((await verifyPin(tablet.db, real.managerId, real.oneTimePin, now)).ok).toBe(false)
    }
    real = { ...real, oneTimePin: reset.value.oneTimePin }
  })
})
