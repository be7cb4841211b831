// Holding one tablet's device credential, without knowing a staff member's PIN,
// nobody can record or withdraw consent, change a role, an authorisation or a PIN, add staff,
// or pass a manager check. Each attack of the issue, then the legitimate paths, on SQLite and
// (with DATABASE_URL) PostgreSQL (docs/decisions/0016-a-change-carries-its-author-s-proof.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import {
  PushChangeSchema,
  splitPinMaster,
  StaffPinWireSchema,
  type PushChange,
} from '../../../src/protocol/index.ts'
import { hashPinForDevices } from '../../../src/server/auth/pinVerifier.ts'
import { hashPinWithSeed } from '../../../src/db/pinHash.ts'
import { getEntity } from '../../../src/server/storage/entities.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { demoSigners, signedChange, type TestSigner } from '../../support/signedChanges.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager
const STUDENT = DEMO_STAFF.student
const PRACTITIONER = DEMO_STAFF.practitioner
const KEYWORKER = DEMO_STAFF.keyworker
const AVA = DEMO_SHOWCASE.allGranted.id
const FAST = 100_000

function staffRecord(person: (typeof DEMO_STAFF)[keyof typeof DEMO_STAFF], changes = {}) {
  const { pin: _pin, ...rest } = person
  return { ...rest, active: true, ...changes }
}

function consent(childId: string, status: 'granted' | 'withdrawn', recordedBy: string) {
  return {
    id: globalThis.crypto.randomUUID(),
    childId,
    purpose: 'website',
    status,
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: new Date().toISOString(),
    recordedBy,
    reviewDue: null,
    supersedes: null,
  }
}

/** A change as an attacker holding only the device credential can send it. */
function unsigned(
  kind: PushChange['kind'],
  payload: unknown,
  actorId: string | null,
  proof?: string,
): PushChange {
  const id = globalThis.crypto.randomUUID()
  const change = { id, kind, createdAt: new Date().toISOString(), actorId, payload, proof }
  return PushChangeSchema.parse(change)
}

describe.each(BACKENDS)('a change carries its author’s proof, on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let signers: Map<string, TestSigner>

  const signer = (id: string): TestSigner => {
    const found = signers.get(id)
    if (found === undefined) throw new Error(id)
    return found
  }
  const signed = (by: string, kind: PushChange['kind'], payload: unknown) =>
    signedChange(DEMO_SETTING_ID, signer(by), kind, payload)
  const push = (changes: unknown[]) =>
    call(server, 'POST', '/api/sync/push', {
      credential: device.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
  async function results(changes: unknown[]) {
    const answer = await push(changes)
    expect(answer.status).toBe(200)
    return (answer.body.results as { status: string; error?: { code: string } }[]).map((r) =>
      r.status === 'rejected' ? r.error?.code : r.status,
    )
  }
  const entity = (kind: 'staff' | 'staffPin' | 'consent', id: string) =>
    getEntity(server.services.db, DEMO_SETTING_ID, kind, id)
  const managerCheck = (staffId: string, pin: string) =>
    call(server, 'POST', '/api/manager/devices', {
      credential: device.credential,
      json: { staffId, pin },
    })

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    device = await enrolDevice(server, DEMO_SETTING_ID)
    signers = demoSigners()
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  describe.skipIf(skip)('attacks with a device credential and no PIN', () => {
    it('cannot make itself the manager (staff record, actorId = self)', async () => {
      const promoted = staffRecord(STUDENT, { role: 'manager', canCapture: true })
      // Without the student's PIN there is no proof; with it (the student themselves),
      // nobody changes their own role.
      expect(await results([unsigned('staff', promoted, STUDENT.id)])).toEqual(['proof_invalid'])
      expect(await results([signed(STUDENT.id, 'staff', promoted)])).toEqual(['not_permitted'])
      const self = staffRecord(MANAGER, { role: 'student', active: false })
      expect(await results([signed(MANAGER.id, 'staff', self)])).toEqual(['not_permitted'])
      expect(await entity('staff', STUDENT.id)).toMatchObject({ role: 'student' })
      expect(await entity('staff', MANAGER.id)).toMatchObject({ role: 'manager', active: true })
    })

    it('cannot set the manager’s PIN (actorId = manager, no proof or a forged one)', async () => {
      const before = await entity('staffPin', MANAGER.id)
      const pin = { id: MANAGER.id, pin: await hashPinForDevices('000000', FAST) }
      const forger = splitPinMaster(new Uint8Array(32).fill(9))
      const forged = signedChange(DEMO_SETTING_ID, { id: MANAGER.id, ...forger }, 'staffPin', pin)
      const byStudent = signed(STUDENT.id, 'staffPin', pin)
      expect(await results([unsigned('staffPin', pin, MANAGER.id), forged, byStudent])).toEqual([
        'proof_invalid',
        'proof_invalid',
        'not_permitted',
      ])
      expect(await entity('staffPin', MANAGER.id)).toEqual(before)
      expect((await managerCheck(MANAGER.id, '000000')).status).toBe(403)
      expect((await managerCheck(MANAGER.id, MANAGER.pin)).status).toBe(200)
    })

    it('cannot add a manager with no actor at all (the old "legacy" path)', async () => {
      const id = 'intruder'
      const person = {
        id,
        name: 'Intruder',
        role: 'manager',
        canCapture: true,
        roomId: null,
        active: true,
      }
      const pin = { id, pin: await hashPinForDevices('111111', FAST) }
      expect(
        await results([unsigned('staff', person, null), unsigned('staffPin', pin, null)]),
      ).toEqual(['not_permitted', 'not_permitted'])
      expect(
        await results([
          signed(PRACTITIONER.id, 'staff', person),
          signed(PRACTITIONER.id, 'staffPin', pin),
        ]),
      ).toEqual(['not_permitted', 'not_permitted'])
      expect(await entity('staff', id)).toBeUndefined()
      expect((await managerCheck(id, '111111')).status).toBe(403)
    })

    it('cannot record consent in the manager’s name (recordedBy manager, actorId student)', async () => {
      const grant = consent(AVA, 'granted', MANAGER.id)
      const withdrawal = consent(AVA, 'withdrawn', MANAGER.id)
      expect(
        await results([
          signed(STUDENT.id, 'consent', grant),
          signed(STUDENT.id, 'consent', withdrawal),
          unsigned('consent', grant, MANAGER.id),
          signed(KEYWORKER.id, 'consent', consent(AVA, 'granted', KEYWORKER.id)),
        ]),
      ).toEqual(['not_permitted', 'not_permitted', 'proof_invalid', 'not_permitted'])
      expect(await entity('consent', grant.id)).toBeUndefined()
      expect(await entity('consent', withdrawal.id)).toBeUndefined()
    })

    it('cannot reuse a proof for another payload, change id or kind', async () => {
      const real = signed(MANAGER.id, 'consent', consent(AVA, 'granted', MANAGER.id))
      expect(await results([real])).toEqual(['applied'])
      const payload = { ...consent(AVA, 'withdrawn', MANAGER.id) }
      const otherPayload = { ...real, id: globalThis.crypto.randomUUID(), payload }
      const sameIdOtherPayload = { ...real, payload }
      const otherId = { ...real, id: globalThis.crypto.randomUUID() }
      expect(await results([otherPayload, otherId])).toEqual(['proof_invalid', 'proof_invalid'])
      // The change id was applied once: the same id again changes nothing, whatever it carries.
      expect(await results([sameIdOtherPayload])).toEqual(['duplicate'])
      expect(await entity('consent', payload.id)).toBeUndefined()
    })

    it('cannot sign with what a tablet stores (the PIN verifier, or bytes derived from it)', async () => {
      const stored = StaffPinWireSchema.parse(await entity('staffPin', MANAGER.id))
      const verifier = Uint8Array.from(Buffer.from(stored.pin.hashB64, 'base64'))
      const grant = consent(AVA, 'granted', MANAGER.id)
      const attempts = [verifier, splitPinMaster(verifier).signingSeed].map((seed) =>
        signedChange(DEMO_SETTING_ID, { id: MANAGER.id, signingSeed: seed }, 'consent', {
          ...grant,
          id: globalThis.crypto.randomUUID(),
        }),
      )
      expect(await results(attempts)).toEqual(['proof_invalid', 'proof_invalid'])
    })

    it('cannot claim a photo was taken by someone else', async () => {
      const bytes = photoBytes(1000)
      const meta = photoMeta({ deviceId: device.deviceId, bytes, childIds: [AVA] })
      expect(await results([signed(STUDENT.id, 'photo', meta)])).toEqual(['not_permitted'])
      expect(await results([signed(PRACTITIONER.id, 'photo', meta)])).toEqual(['applied'])
      const deleted = {
        ...meta,
        deleted: { at: new Date().toISOString(), by: MANAGER.id, reason: 'x' },
      }
      expect(await results([signed(STUDENT.id, 'photo', deleted)])).toEqual(['not_permitted'])
      expect(await results([signed(MANAGER.id, 'photo', deleted)])).toEqual(['applied'])
    })

    it('audits each refusal with the actor the change claimed', async () => {
      const change = unsigned('staff', staffRecord(STUDENT, { role: 'manager' }), STUDENT.id)
      expect(await results([change])).toEqual(['proof_invalid'])
      const rows = await server.services.db
        .selectFrom('server_audit')
        .selectAll()
        .where('type', '=', 'change-refused')
        .execute()
      const row = rows.find((r) => r.details.includes(change.id))
      expect(row).toMatchObject({ staff_id: STUDENT.id, device_id: device.deviceId })
      expect(JSON.parse(row?.details ?? '{}')).toMatchObject({ code: 'proof_invalid' })
    })
  })

  describe.skipIf(skip)('what people with their PINs may do', () => {
    it('a person changes their own PIN with their current key; the old key then proves nothing', async () => {
      const old = signer(PRACTITIONER.id)
      const next = await hashPinWithSeed('246813', FAST)
      const pin = { id: PRACTITIONER.id, pin: next.pin, mustChange: false }
      expect(await results([signedChange(DEMO_SETTING_ID, old, 'staffPin', pin)])).toEqual([
        'applied',
      ])
      const meta = () =>
        photoMeta({ deviceId: device.deviceId, bytes: photoBytes(500), childIds: [AVA] })
      const withNew = { id: PRACTITIONER.id, signingSeed: next.signingSeed }
      expect(
        await results([
          signedChange(DEMO_SETTING_ID, old, 'photo', meta()),
          signedChange(DEMO_SETTING_ID, withNew, 'photo', meta()),
        ]),
      ).toEqual(['proof_invalid', 'applied'])
      // Back to the demo PIN, for the rest of the suite.
      const back = await hashPinWithSeed(PRACTITIONER.pin, FAST)
      signers.set(PRACTITIONER.id, { id: PRACTITIONER.id, signingSeed: back.signingSeed })
      expect(
        await results([
          signedChange(DEMO_SETTING_ID, withNew, 'staffPin', {
            id: PRACTITIONER.id,
            pin: back.pin,
          }),
        ]),
      ).toEqual(['applied'])
    })

    it('a PIN changed earlier in the same push: the new key proves what follows, the old one nothing', async () => {
      // The server checks signatures before the push's transaction, with the keys it held
      // then (ingest/checkProofs.ts); a key changed inside the transaction is checked again.
      const old = signer(PRACTITIONER.id)
      const next = await hashPinWithSeed('975312', FAST)
      const withNew = { id: PRACTITIONER.id, signingSeed: next.signingSeed }
      const meta = () =>
        photoMeta({ deviceId: device.deviceId, bytes: photoBytes(500), childIds: [AVA] })
      const pin = { id: PRACTITIONER.id, pin: next.pin, mustChange: false }
      expect(
        await results([
          signedChange(DEMO_SETTING_ID, old, 'staffPin', pin),
          signedChange(DEMO_SETTING_ID, withNew, 'photo', meta()),
          signedChange(DEMO_SETTING_ID, old, 'photo', meta()),
        ]),
      ).toEqual(['applied', 'applied', 'proof_invalid'])
      const back = await hashPinWithSeed(PRACTITIONER.pin, FAST)
      signers.set(PRACTITIONER.id, { id: PRACTITIONER.id, signingSeed: back.signingSeed })
      const restore = { id: PRACTITIONER.id, pin: back.pin }
      expect(await results([signedChange(DEMO_SETTING_ID, withNew, 'staffPin', restore)])).toEqual([
        'applied',
      ])
    })

    it('the manager resets someone’s PIN; that person’s old key then proves nothing', async () => {
      const old = signer(KEYWORKER.id)
      const reset = await hashPinWithSeed('135790', FAST)
      const pin = { id: KEYWORKER.id, pin: reset.pin }
      expect(await results([signed(MANAGER.id, 'staffPin', pin)])).toEqual(['applied'])
      const injury = () => ({
        id: globalThis.crypto.randomUUID(),
        childId: AVA,
        recordedAt: new Date().toISOString(),
        recordedBy: KEYWORKER.id,
        description: 'Grazed knee',
        clearedAt: null,
        clearedBy: null,
      })
      const withNew = { id: KEYWORKER.id, signingSeed: reset.signingSeed }
      expect(
        await results([
          signedChange(DEMO_SETTING_ID, old, 'injury', injury()),
          signedChange(DEMO_SETTING_ID, withNew, 'injury', injury()),
        ]),
      ).toEqual(['proof_invalid', 'applied'])
      expect((await managerCheck(KEYWORKER.id, '135790')).status).toBe(403)
    })

    it('the manager adds staff, authorises them and records consent, each with their proof', async () => {
      const id = globalThis.crypto.randomUUID()
      const person = {
        id,
        name: 'New Starter',
        role: 'practitioner',
        canCapture: false,
        roomId: null,
        active: true,
      }
      const pin = { id, pin: await hashPinForDevices('4826', FAST) }
      expect(
        await results([
          signed(MANAGER.id, 'staff', person),
          signed(MANAGER.id, 'staffPin', pin),
          signed(MANAGER.id, 'staff', { ...person, canCapture: true }),
          signed(MANAGER.id, 'consent', consent(AVA, 'withdrawn', MANAGER.id)),
        ]),
      ).toEqual(['applied', 'applied', 'applied', 'applied'])
      expect(await entity('staff', id)).toMatchObject({ canCapture: true })
    })
  })
})
