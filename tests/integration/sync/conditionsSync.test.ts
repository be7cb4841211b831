// A parent's condition the practitioner confirmed at the save travels with the photo: the
// tablet's real save (src/db savePhoto) stores it, signs it with the photo's details, and the
// server (SQLite, and PostgreSQL with DATABASE_URL) verifies the proof and keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { savePhoto, type CaptureDraft } from '../../../src/db/index.ts'
import { testSigner } from '../../support/testSigners.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { photoBytes, sha256Hex } from '../../support/photoFixture.ts'
import { enrolledDevice } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'
import { CLEAR_ATTESTATIONS } from '../../support/policyFixture.ts'

const AVA = DEMO_SHOWCASE.allGranted.id
const CONDITION = {
  childId: AVA,
  consentIds: ['demo-consent-allGranted-learning_journey-a'],
  purposes: ['learning_journey' as const],
  text: 'No photos in the paddling pool',
}

describe.each(BACKENDS)('a parent’s condition confirmed at the save, on $backend', (b) => {
  let server: TestServer
  beforeAll(async () => {
    if (!b.skip) server = await startTestServer(b.backend)
  })
  afterAll(async () => {
    if (!b.skip) await server.close()
  })

  it.skipIf(b.skip)(
    'reaches the server with the photo: which condition, by whom, when',
    async () => {
      const device = await enrolledDevice(server, DEMO_SETTING_ID)
      expect((await syncOnce({ db: device.db })).ok).toBe(true)
      const bytes = photoBytes(20_000)
      const now = new Date().toISOString()
      const draft: CaptureDraft = {
        photoId: globalThis.crypto.randomUUID(),
        takenAt: now,
        locationId: 'demo-loc-garden',
        childIds: [AVA],
        purposes: ['learning_journey'],
        adultInFrame: false,
        attestations: { ...CLEAR_ATTESTATIONS },
        caption: '',
        reason: null,
        conditionsMet: [CONDITION],
      }
      const encoded = {
        image: new Blob([bytes]),
        thumbnail: new Blob([new Uint8Array([0xff, 0xd8, 0xff]), bytes.slice(3, 2000)]),
        checksum: sha256Hex(bytes),
        width: 1600,
        height: 1200,
        bytes: bytes.byteLength,
      }
      const actor = await testSigner(device.db, DEMO_STAFF.practitioner.id)
      const saved = await savePhoto(device.db, draft, encoded, actor, now)
      if (!saved.ok) throw new Error(saved.error.message)
      expect((await syncOnce({ db: device.db })).ok).toBe(true)

      const row = await server.services.db
        .selectFrom('photos')
        .selectAll()
        .where('id', '=', draft.photoId)
        .executeTakeFirstOrThrow()
      expect(row.quarantined_at).toBeNull()
      const meta = JSON.parse(row.meta) as { conditionsAcknowledged?: unknown }
      expect(meta.conditionsAcknowledged).toEqual([
        { ...CONDITION, staffId: DEMO_STAFF.practitioner.id, at: now },
      ])
      expect(await device.db.outbox.count()).toBe(0)
    },
  )
})
