// The manager's quarantine review, on SQLite and (with DATABASE_URL) PostgreSQL: a
// photo the server quarantined (no consent on its records) is checked again once the consent,
// signed before the photo but recorded late, reaches the server: the engine lifts it. Another
// is erased: its bytes leave the store, with the audit line. Never "release anyway".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { ConsentWireSchema, QuarantineListSchema } from '../../../src/protocol/index.ts'
import { listEntities, putEntity } from '../../../src/server/storage/entities.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { signedHeaders, signingSeedOf } from '../../support/signedStaff.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const ESME = DEMO_SHOWCASE.noConsent.id
const IVY = DEMO_SHOWCASE.websiteSocialRefused.id
const MANAGER = DEMO_STAFF.manager

describe.each(BACKENDS)('the quarantine review on $backend', ({ backend, skip }) => {
  let server: TestServer
  let tablet: { deviceId: string; credential: string; settingId: string }
  let seed: Uint8Array
  const ids = { late: '', erase: '', fine: '' }
  const images = { late: photoBytes(4_000), erase: photoBytes(4_100), fine: photoBytes(4_200) }

  async function signed(person: { id: string }, method: string, path: string, json?: unknown) {
    const who = { ...tablet, staffId: person.id, signingSeed: seed }
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: signedHeaders(who, method, path, json),
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }

  const row = (id: string) =>
    server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    tablet = { ...(await enrolDevice(server, DEMO_SETTING_ID)), settingId: DEMO_SETTING_ID }
    seed = await signingSeedOf(server.services.db, DEMO_SETTING_ID, MANAGER)
    const takenAt = new Date(Date.now() - 3_600_000).toISOString()
    const metas = [
      photoMeta({ deviceId: tablet.deviceId, bytes: images.late, childIds: [ESME], takenAt }),
      photoMeta({ deviceId: tablet.deviceId, bytes: images.erase, childIds: [ESME], takenAt }),
      photoMeta({ deviceId: tablet.deviceId, bytes: images.fine, childIds: [IVY], takenAt }),
    ]
    ids.late = metas[0]!.id
    ids.erase = metas[1]!.id
    ids.fine = metas[2]!.id
    const signer = demoSigner(DEMO_STAFF.practitioner.id)
    const changes = metas.map((payload, i) =>
      signedChange(DEMO_SETTING_ID, signer, 'photo', payload, `q-${i}`),
    )
    const push = await call(server, 'POST', '/api/sync/push', {
      credential: tablet.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
    expect(push.status).toBe(200)
    for (const [key, id] of Object.entries(ids)) {
      const put = await call(server, 'PUT', `/api/sync/photos/${id}/content?offset=0`, {
        credential: tablet.credential,
        body: images[key as keyof typeof images],
      })
      expect(put.status).toBe(200)
    }
  }, 60_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)(
    'lists each quarantined photo with its rule and reason, to the manager only',
    async () => {
      const answer = await signed(MANAGER, 'GET', '/api/library/quarantine')
      expect(answer.status).toBe(200)
      const photos = QuarantineListSchema.parse(answer.json).photos
      expect(photos.map((p) => p.id).sort()).toEqual([ids.late, ids.erase].sort())
      expect(photos[0]?.quarantine?.rules.length).toBeGreaterThan(0)
      expect(photos[0]?.quarantine?.message).not.toBe('')
      const keyworkerSeed = await signingSeedOf(
        server.services.db,
        DEMO_SETTING_ID,
        DEMO_STAFF.keyworker,
      )
      const who = { ...tablet, staffId: DEMO_STAFF.keyworker.id, signingSeed: keyworkerSeed }
      const refused = await fetch(`${server.url}/api/library/quarantine`, {
        headers: signedHeaders(who, 'GET', '/api/library/quarantine'),
      })
      expect(refused.status).toBe(403)
    },
  )

  it.skipIf(skip)(
    'a re-check against the same records keeps it quarantined, and says why',
    async () => {
      const answer = await signed(MANAGER, 'POST', `/api/library/photos/${ids.late}/recheck`)
      expect(answer.status).toBe(200)
      expect(answer.json).toMatchObject({ ok: true, released: false })
      expect((await row(ids.late)).quarantined_at).not.toBeNull()
    },
  )

  it.skipIf(skip)(
    'a consent signed before the photo but recorded late: the re-check lifts it',
    async () => {
      const db = server.services.db
      const consents = (await listEntities(db, DEMO_SETTING_ID, 'consent')).map((r) =>
        ConsentWireSchema.parse(r),
      )
      const model = consents.find((c) => c.childId === IVY && c.purpose === 'learning_journey')!
      const signedOn = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)
      const late = {
        ...model,
        id: 'late-consent-esme-lj',
        childId: ESME,
        status: 'granted' as const,
        supersedes: null,
        signedOn,
        recordedAt: new Date().toISOString(),
      }
      await db
        .transaction()
        .execute((trx) =>
          putEntity(trx, DEMO_SETTING_ID, 'consent', late.id, late, late.recordedAt),
        )
      const answer = await signed(MANAGER, 'POST', `/api/library/photos/${ids.late}/recheck`)
      expect(answer.status).toBe(200)
      expect(answer.json).toEqual({ ok: true, released: true, rules: [], message: '' })
      expect((await row(ids.late)).quarantined_at).toBeNull()
      const status = await listEntities(db, DEMO_SETTING_ID, 'photoStatus')
      expect(status).toContainEqual(expect.objectContaining({ id: ids.late, quarantine: null }))
      const audit = await db
        .selectFrom('server_audit')
        .select('details')
        .where('type', '=', 'photo-rechecked')
        .execute()
      expect(
        audit.map((a) => JSON.parse(a.details) as { outcome: string }).map((d) => d.outcome),
      ).toEqual(['still-quarantined', 'released-by-policy'])
    },
  )

  it.skipIf(skip)(
    'erases a quarantined photo for good; a photo not quarantined is not erased here',
    async () => {
      const before = await row(ids.erase)
      expect(await server.services.photos.read(before.checksum)).not.toBeNull()
      const answer = await signed(MANAGER, 'POST', `/api/library/photos/${ids.erase}/erase`, {
        reason: 'No consent for Esme',
      })
      expect(answer.status).toBe(200)
      const after = await row(ids.erase)
      expect(after).toMatchObject({ erased_cause: 'quarantine', erased_by: MANAGER.id })
      expect(await server.services.photos.read(before.checksum)).toBeNull()
      const listed = QuarantineListSchema.parse(
        (await signed(MANAGER, 'GET', '/api/library/quarantine')).json,
      )
      expect(listed.photos.map((p) => p.id)).toEqual([])
      const notQuarantined = await signed(
        MANAGER,
        'POST',
        `/api/library/photos/${ids.fine}/erase`,
        {
          reason: 'Tidy up',
        },
      )
      expect(notQuarantined.status).toBe(409)
      expect((await row(ids.fine)).erased_at).toBeNull()
    },
  )
})
