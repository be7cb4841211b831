// Enrolling an iPad that already holds the local demo, and a PIN set on one iPad reaching the
// others: Dexie on fake-indexeddb against the real server on a random port
// (docs/decisions/0005 and 0009).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyChain } from '../../../src/audit/index.ts'
import { draft } from '../../support/captureTestData.ts'
import {
  listAudit,
  recordBlockedAttempt,
  seedDemoIfEmpty,
  setPin,
  verifyPin,
} from '../../../src/db/index.ts'
import { freshDb } from '../../support/testDb.ts'
import {
  DEMO_DEVICE_ID,
  DEMO_SETTING_ID,
  DEMO_SHOWCASE,
  DEMO_STAFF,
} from '../../../src/demo/index.ts'
import { changeProofMessage, PushChangeSchema, verifyProof } from '../../../src/protocol/index.ts'
import { createEnrolmentCode } from '../../../src/server/devices/enrolment.ts'
import { putEntity } from '../../../src/server/storage/entities.ts'
import { enrolDevice, syncOnce } from '../../../src/sync/index.ts'
import { demoPinVerifier, testSigner } from '../../support/testSigners.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { OTHER_SETTING, seedOtherSetting } from '../../support/serverFixtures.ts'
import { enrolledDevice } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer('sqlite')
  await seedOtherSetting(server.services.db)
  // The fixture's setting has no record of its own yet; a real one has, with isDemo false.
  const setting = {
    id: OTHER_SETTING,
    name: 'Other Nursery',
    isDemo: false,
    idleLockMinutes: 5,
    defaultPurposes: [],
  }
  await putEntity(
    server.services.db,
    OTHER_SETTING,
    'setting',
    OTHER_SETTING,
    setting,
    new Date().toISOString(),
  )
})
afterAll(async () => {
  await server.close()
})

async function code(settingId: string): Promise<string> {
  const made = await createEnrolmentCode(
    server.services.db,
    settingId,
    'test',
    server.services.now(),
  )
  return made.code
}

/**
 * An iPad as it first opens: the local demo seeded, one sample photo taken in it and one
 * capture blocked (an audit event of its own, as a tag removal or a flag would be).
 */
async function demoTablet() {
  const db = freshDb()
  const now = new Date().toISOString()
  await seedDemoIfEmpty(db, now, demoPinVerifier)
  const { meta } = await capturePhoto(db, { deviceId: DEMO_DEVICE_ID })
  const blocked = { ...draft({ photoId: 'blocked-before-enrolment' }), takenAt: now }
  const decision = {
    verdict: 'block' as const,
    permittedPurposes: [],
    findings: [
      {
        rule: 'consent-refused' as const,
        severity: 'block' as const,
        childId: DEMO_SHOWCASE.groupPhotoRefused.id,
        purpose: 'group_photo' as const,
        message: 'Refused',
      },
    ],
  }
  await recordBlockedAttempt(db, blocked, decision, DEMO_STAFF.practitioner.id, now)
  return { db, photoId: meta.id }
}

describe('enrolling a tablet that holds the local demo', () => {
  it('into the server’s demo setting keeps the demo and sends what was done in it', async () => {
    const { db, photoId } = await demoTablet()
    const now = new Date().toISOString()
    const enrolled = await enrolDevice(db, {
      serverUrl: server.url,
      code: await code(DEMO_SETTING_ID),
      now,
    })
    expect(enrolled).toMatchObject({ ok: true, settingName: expect.stringContaining('Demo') })
    expect(await db.children.count()).toBeGreaterThan(0)
    // The photo's details still carry its taker's valid proof: enrolment renames the photo on
    // the tablet but never the payload its taker signed (decision 0016; nobody could re-sign).
    const entry = (await db.outbox.toArray()).find((e) => e.entityId === photoId)
    const wire = PushChangeSchema.parse({ ...entry, proof: undefined })
    expect(wire.payload).toMatchObject({ deviceId: DEMO_DEVICE_ID })
    const taker = await db.staff.get(DEMO_STAFF.practitioner.id)
    const message = changeProofMessage({
      settingId: DEMO_SETTING_ID,
      changeId: wire.id,
      kind: wire.kind,
      actorId: DEMO_STAFF.practitioner.id,
      payload: wire.payload,
    })
    expect(verifyProof(taker?.pin?.publicKeyHex ?? '', message, entry?.proof ?? '')).toBe(true)
    expect((await syncOnce({ db })).ok).toBe(true)
    const rows = await server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photoId)
      .execute()
    expect(rows).toHaveLength(1)
    // The server's demo setting takes it as this tablet's own: checked and stored under its id.
    const deviceId = (await db.device.toArray())[0]?.id
    expect(rows[0]).toMatchObject({ device_id: deviceId, quarantined_at: null })
    expect(JSON.parse(rows[0]?.meta ?? '{}')).toMatchObject({ deviceId })
    expect((await db.photos.get(photoId))?.syncState).toBe('sent')
    expect((await db.device.toArray())[0]).toMatchObject({ enrolled: true, revoked: false })
    expect((await db.device.toArray())[0]?.consentDataSyncedAt).not.toBeNull()
  })

  it('into the server’s demo setting: its photos are its own and its whole audit arrives unbroken', async () => {
    const { db, photoId } = await demoTablet()
    const before = await listAudit(db, DEMO_DEVICE_ID)
    expect(before.map((e) => e.type)).toContain('capture-blocked')
    const enrolled = await enrolDevice(db, {
      serverUrl: server.url,
      code: await code(DEMO_SETTING_ID),
      now: new Date().toISOString(),
    })
    expect(enrolled.ok).toBe(true)
    const deviceId = (await db.device.toArray())[0]?.id ?? ''
    expect(deviceId).not.toBe(DEMO_DEVICE_ID)
    // On the tablet: one chain under the new id, the same events in the same order, intact.
    const after = await listAudit(db, deviceId)
    expect(await listAudit(db, DEMO_DEVICE_ID)).toEqual([])
    expect(after.map((e) => [e.id, e.type, e.at, e.seq])).toEqual(
      before.map((e, i) => [e.id, e.type, e.at, i + 1]),
    )
    expect(verifyChain(after).ok).toBe(true)
    expect((await syncOnce({ db })).ok).toBe(true)

    const photo = await server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()
    expect(photo.quarantined_at).toBeNull()
    const chain = await server.services.db
      .selectFrom('device_audit')
      .select(['seq', 'type', 'problem'])
      .where('device_id', '=', deviceId)
      .orderBy('seq')
      .execute()
    expect(chain.map((e) => e.seq).slice(0, before.length)).toEqual(before.map((_, i) => i + 1))
    expect(chain[0]?.type).toBe('demo-seeded')
    expect(chain.map((e) => e.type)).toContain('capture-blocked')
    expect(chain.filter((e) => e.problem !== null)).toEqual([])
    const problems = await server.services.db
      .selectFrom('audit_chain_problems')
      .selectAll()
      .where('device_id', '=', deviceId)
      .execute()
    expect(problems).toEqual([])
  })

  it('into a real setting replaces the sample data entirely: nothing of the demo is sent', async () => {
    const { db, photoId } = await demoTablet()
    const now = new Date().toISOString()
    const enrolled = await enrolDevice(db, {
      serverUrl: server.url,
      code: await code(OTHER_SETTING),
      now,
    })
    expect(enrolled).toMatchObject({ ok: true, settingName: 'Other Nursery' })
    for (const table of [
      'children',
      'consents',
      'staff',
      'photos',
      'photoImages',
      'outbox',
      'audit',
    ])
      expect(await db.table(table).count()).toBe(0)
    expect(await db.setting.count()).toBe(0)
    expect((await syncOnce({ db })).ok).toBe(true)
    expect((await db.setting.toArray()).map((s) => s.id)).toEqual([OTHER_SETTING])
    expect((await db.children.toArray()).map((c) => c.id)).toEqual(['b-child'])
    const sent = await server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photoId)
      .execute()
    expect(sent).toEqual([])
  })

  it('a real setting with unsent photos is never replaced by another', async () => {
    const device = await enrolledDevice(server, OTHER_SETTING)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const { meta } = await capturePhoto(device.db, { deviceId: device.deviceId, childIds: [] })
    const now = new Date().toISOString()
    const again = await enrolDevice(device.db, {
      serverUrl: server.url,
      code: await code(DEMO_SETTING_ID),
      now,
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'other_setting_unsent' } })
    expect(await device.db.photos.get(meta.id)).toBeDefined()
    expect((await device.db.photoImages.get(meta.id))?.full).toBeInstanceOf(Blob)
  })
})

describe('a PIN set on one iPad', () => {
  it('reaches the server and lets the person sign in on another iPad', async () => {
    const a = await enrolledDevice(server, DEMO_SETTING_ID)
    const b = await enrolledDevice(server, DEMO_SETTING_ID)
    for (const device of [a, b]) expect((await syncOnce({ db: device.db })).ok).toBe(true)
    const practitioner = DEMO_STAFF.practitioner.id
    const now = new Date().toISOString()
    const set = await setPin(
      a.db,
      practitioner,
      '975310',
      await testSigner(a.db, DEMO_STAFF.manager.id),
      now,
    )
    expect(set.ok).toBe(true)
    expect(await a.db.outbox.where('kind').equals('staffPin').count()).toBe(1)
    expect((await syncOnce({ db: a.db })).ok).toBe(true)
    expect(await a.db.outbox.count()).toBe(0)
    expect((await verifyPin(b.db, practitioner, '975310', now)).ok).toBe(false)
    expect((await syncOnce({ db: b.db })).ok).toBe(true)
    expect((await verifyPin(b.db, practitioner, '975310', now)).ok).toBe(true)
    expect((await verifyPin(b.db, practitioner, DEMO_STAFF.practitioner.pin, now)).ok).toBe(false)
  })
})
