// A change made on an iPad carries its author's proof to the server (decision 0016): signed
// with the seed the PIN gave at sign-in, kept in the outbox while offline, accepted after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  listOutbox,
  recordConsent,
  setPin,
  verifyPin,
  type ConsentLensDb,
} from '../../../src/db/index.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { getEntity } from '../../../src/server/storage/entities.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { enrolledDevice, failingFetch } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer('sqlite')
})
afterAll(async () => {
  await server.close()
})

/** Signs in as the sign-in screen does: the session gets the staff member and their seed. */
async function signIn(db: ConsentLensDb, staffId: string, pin: string) {
  const result = await verifyPin(db, staffId, pin, new Date().toISOString())
  if (!result.ok) throw new Error(result.error.message)
  expect(result.value.signingSeed).not.toBeNull()
  return { ...result.value.staff, signingSeed: result.value.signingSeed }
}

const offline = failingFetch(() => true)
const now = () => new Date().toISOString()
/** Each test types PINs (PBKDF2 at full strength) and syncs two iPads. */
const SLOW = 60_000

describe('a change carries its author’s proof from the iPad', () => {
  it(
    'the manager records consent offline; it syncs later and the server accepts it',
    async () => {
      const device = await enrolledDevice(server, DEMO_SETTING_ID)
      expect((await syncOnce({ db: device.db })).ok).toBe(true)
      const manager = await signIn(device.db, DEMO_STAFF.manager.id, DEMO_STAFF.manager.pin)
      expect((await syncOnce({ db: device.db, fetch: offline })).ok).toBe(false)
      const form = {
        childId: DEMO_SHOWCASE.noConsent.id,
        decisions: { website: 'granted' as const },
        givenBy: { name: 'Kim Kirkby', relationship: 'mother', parentalResponsibility: true },
      }
      const recorded = await recordConsent(device.db, form, manager, now())
      if (!recorded.ok) throw new Error(recorded.error.message)
      const [entry] = await listOutbox(device.db)
      expect(entry).toMatchObject({ actorId: DEMO_STAFF.manager.id, proof: expect.any(String) })
      expect((await syncOnce({ db: device.db })).ok).toBe(true)
      expect(await device.db.outbox.count()).toBe(0)
      const id = recorded.value.records[0]!.id
      const held = await getEntity(server.services.db, DEMO_SETTING_ID, 'consent', id)
      expect(held).toMatchObject({ recordedBy: DEMO_STAFF.manager.id, status: 'granted' })
    },
    SLOW,
  )

  it(
    'a person changes their own PIN, then signs with the new one; another iPad follows',
    async () => {
      const a = await enrolledDevice(server, DEMO_SETTING_ID)
      const b = await enrolledDevice(server, DEMO_SETTING_ID)
      for (const d of [a, b]) expect((await syncOnce({ db: d.db })).ok).toBe(true)
      const me = DEMO_STAFF.keyworker
      const session = await signIn(a.db, me.id, me.pin)
      const changed = await setPin(a.db, me.id, '864213', session, now())
      if (!changed.ok) throw new Error(changed.error.message)
      expect(changed.value.ownSigningSeed).not.toBeNull()
      const report = await syncOnce({ db: a.db })
      expect(report).toMatchObject({ ok: true })
      const pin = await getEntity(server.services.db, DEMO_SETTING_ID, 'staffPin', me.id)
      expect(pin).toMatchObject({ pin: { publicKeyHex: expect.any(String) } })
      // The old session key no longer proves anything, here or on the server.
      const stale = await recordConsentAs(a.db, session)
      expect(stale).toMatchObject({ ok: false, error: { code: 'not-permitted' } })
      expect((await syncOnce({ db: b.db })).ok).toBe(true)
      expect((await verifyPin(b.db, me.id, '864213', now())).ok).toBe(true)
      expect((await verifyPin(b.db, me.id, me.pin, now())).ok).toBe(false)
    },
    SLOW,
  )

  it(
    'the manager resets someone’s PIN; the server takes it and other iPads follow',
    async () => {
      const a = await enrolledDevice(server, DEMO_SETTING_ID)
      const b = await enrolledDevice(server, DEMO_SETTING_ID)
      for (const d of [a, b]) expect((await syncOnce({ db: d.db })).ok).toBe(true)
      const manager = await signIn(a.db, DEMO_STAFF.manager.id, DEMO_STAFF.manager.pin)
      const student = DEMO_STAFF.student.id
      const reset = await setPin(a.db, student, '5555', manager, now())
      if (!reset.ok) throw new Error(reset.error.message)
      expect(reset.value.ownSigningSeed).toBeNull()
      expect(await syncOnce({ db: a.db })).toMatchObject({
        ok: true,
        value: { push: { refused: [] } },
      })
      expect((await syncOnce({ db: b.db })).ok).toBe(true)
      const signedIn = await verifyPin(b.db, student, '5555', now())
      expect(signedIn.ok && signedIn.value.signingSeed).toBeInstanceOf(Uint8Array)
    },
    SLOW,
  )
})

function recordConsentAs(db: ConsentLensDb, actor: { id: string; signingSeed: Uint8Array | null }) {
  return recordConsent(
    db,
    {
      childId: DEMO_SHOWCASE.allGranted.id,
      decisions: { display: 'refused' },
      givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    },
    actor,
    now(),
  )
}
