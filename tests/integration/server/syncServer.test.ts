// The sync server, end to end over HTTP, on SQLite and (with DATABASE_URL) on PostgreSQL: the
// same suite, so both backends keep the same promises.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import type { PushChange } from '../../../src/protocol/index.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import { demoSigners, signedChange, type TestSigner } from '../../support/signedChanges.ts'
import {
  call,
  enrolDevice,
  OTHER_MANAGER,
  OTHER_SETTING,
  seedOtherSetting,
} from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const AVA = DEMO_SHOWCASE.allGranted.id
const ISLA = DEMO_SHOWCASE.learningJourneyWithdrawn.id
const MANAGER = { staffId: DEMO_STAFF.manager.id, pin: DEMO_STAFF.manager.pin }

function change(kind: PushChange['kind'], payload: unknown, id = globalThis.crypto.randomUUID()) {
  return { id, kind, createdAt: new Date().toISOString(), payload }
}

/** Who would make this change on a tablet: the recorder, the photographer, else the manager. */
function naturalActor(kind: PushChange['kind'], payload: Record<string, unknown>): string {
  const named =
    kind === 'consent'
      ? payload.recordedBy
      : kind === 'photo'
        ? payload.staffId
        : kind === 'injury'
          ? (payload.clearedBy ?? payload.recordedBy)
          : undefined
  return typeof named === 'string' ? named : DEMO_STAFF.manager.id
}

function consent(
  childId: string,
  status: 'granted' | 'withdrawn',
  recordedBy: string,
  supersedes: string | null = null,
) {
  return {
    id: globalThis.crypto.randomUUID(),
    childId,
    purpose: 'learning_journey',
    status,
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: new Date().toISOString(),
    recordedBy,
    reviewDue: null,
    supersedes,
  }
}

describe.each(BACKENDS)('sync server on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let signers: Map<string, TestSigner>

  /** A change signed as a tablet signs it, by `actorId` (by default who would make it). */
  function signed(
    kind: PushChange['kind'],
    payload: Record<string, unknown>,
    actorId = naturalActor(kind, payload),
  ): PushChange {
    const signer = signers.get(actorId)
    if (signer === undefined) throw new Error(`No signer for ${actorId}`)
    return signedChange(DEMO_SETTING_ID, signer, kind, payload)
  }

  beforeAll(async () => {
    if (skip) return
    signers = demoSigners()
    server = await startTestServer(backend)
    await seedOtherSetting(server.services.db)
    device = await enrolDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  const push = (changes: unknown[], settingId = DEMO_SETTING_ID, credential = device.credential) =>
    call(server, 'POST', '/api/sync/push', { credential, json: { settingId, changes } })
  const pull = (since = 0, settingId = DEMO_SETTING_ID, credential = device.credential) =>
    call(server, 'GET', `/api/sync/pull?settingId=${settingId}&since=${since}`, { credential })
  const upload = (photoId: string, offset: number, body: Uint8Array<ArrayBuffer>) =>
    call(server, 'PUT', `/api/sync/photos/${photoId}/content?offset=${offset}`, {
      credential: device.credential,
      body,
    })

  it.skipIf(skip)('answers health', async () => {
    expect(await call(server, 'GET', '/api/health')).toEqual({ status: 200, body: { ok: true } })
  })

  describe.skipIf(skip)('enrolment and authentication', () => {
    it('exchanges a code once, never twice', async () => {
      const answer = await call(server, 'POST', '/api/manager/enrolment-codes', {
        credential: device.credential,
        json: MANAGER,
      })
      expect(answer.status).toBe(200)
      const code = String(answer.body.code).toLowerCase()
      const first = await call(server, 'POST', '/api/enrol', { json: { code } })
      expect(first.status).toBe(200)
      expect(first.body).toMatchObject({ ok: true, settingId: DEMO_SETTING_ID })
      const again = await call(server, 'POST', '/api/enrol', { json: { code } })
      expect(again.status).toBe(401)
    })

    it('refuses a code older than 15 minutes', async () => {
      const answer = await call(server, 'POST', '/api/manager/enrolment-codes', {
        credential: device.credential,
        json: MANAGER,
      })
      server.clock.offsetMs = 16 * 60_000
      try {
        const late = await call(server, 'POST', '/api/enrol', { json: { code: answer.body.code } })
        expect(late.status).toBe(401)
      } finally {
        server.clock.offsetMs = 0
      }
    })

    it('stores credentials and codes only as hashes', async () => {
      const rows = await server.services.db
        .selectFrom('devices')
        .select('credential_hash')
        .execute()
      const secret = device.credential.split('.')[1]!
      expect(rows.map((r) => r.credential_hash)).not.toContain(secret)
      expect(JSON.stringify(rows)).not.toContain(secret)
    })

    it.each([
      ['no credential', undefined],
      ['a made-up credential', 'nobody.abcdefghijklmnopqrstuvwxyz0123456789'],
    ])('refuses %s with 401', async (_case, credential) => {
      const answer = await call(server, 'GET', `/api/sync/pull?settingId=${DEMO_SETTING_ID}`, {
        credential,
      })
      expect(answer.status).toBe(401)
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'unauthorised' } })
    })

    it('refuses a wrong manager PIN, and a manager of another setting', async () => {
      const wrong = await call(server, 'POST', '/api/manager/enrolment-codes', {
        credential: device.credential,
        json: { staffId: MANAGER.staffId, pin: '9999' },
      })
      expect(wrong.status).toBe(403)
      const other = await call(server, 'POST', '/api/manager/enrolment-codes', {
        credential: device.credential,
        json: { staffId: OTHER_MANAGER.id, pin: OTHER_MANAGER.pin },
      })
      expect(other.status).toBe(403)
      const student = await call(server, 'POST', '/api/manager/devices', {
        credential: device.credential,
        json: { staffId: DEMO_STAFF.student.id, pin: DEMO_STAFF.student.pin },
      })
      expect(student.status).toBe(403)
    })
  })

  describe.skipIf(skip)('malformed requests are 400 with what is wrong, never 500', () => {
    it.each([
      ['a body that is not JSON', { raw: '{"settingId": ' }],
      ['no changes', { json: { settingId: DEMO_SETTING_ID, changes: [] } }],
      [
        'an unknown kind',
        { json: { settingId: DEMO_SETTING_ID, changes: [change('nope' as never, {})] } },
      ],
      [
        'a consent without a child',
        { json: { settingId: DEMO_SETTING_ID, changes: [change('consent', { id: 'x' })] } },
      ],
    ])('%s', async (_case, options) => {
      const answer = await call(server, 'POST', '/api/sync/push', {
        credential: device.credential,
        ...options,
      })
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({
        ok: false,
        error: { code: 'bad_request', message: expect.any(String) },
      })
    })

    it('a bad pull cursor', async () => {
      const answer = await call(
        server,
        'GET',
        `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=minus`,
        {
          credential: device.credential,
        },
      )
      expect(answer.status).toBe(400)
      expect((answer.body.error as { message: string }).message).toContain('since')
    })

    it('a body over the limit is 413', async () => {
      const huge = 'x'.repeat(1_100_000)
      const answer = await push([change('staff', { id: 's', name: huge })])
      expect(answer.status).toBe(413)
      expect(answer.body).toMatchObject({ error: { code: 'payload_too_large' } })
    })
  })

  describe.skipIf(skip)('push and pull', () => {
    it('applies a batch once; replaying it changes nothing', async () => {
      const before = await pull()
      const batch = [
        signed('consent', consent(AVA, 'granted', MANAGER.staffId)),
        signed('injury', {
          id: globalThis.crypto.randomUUID(),
          childId: 'demo-child-ordinary7',
          recordedAt: new Date().toISOString(),
          recordedBy: DEMO_STAFF.practitioner.id,
          description: 'Bumped head',
          clearedAt: null,
          clearedBy: null,
        }),
      ]
      const first = await push(batch)
      expect(first.body.results).toEqual([
        { id: batch[0]!.id, status: 'applied' },
        { id: batch[1]!.id, status: 'applied' },
      ])
      const cursor = Number((await pull()).body.cursor)
      for (let i = 0; i < 2; i++) {
        const replay = await push(batch)
        expect((replay.body.results as { status: string }[]).map((r) => r.status)).toEqual([
          'duplicate',
          'duplicate',
        ])
      }
      expect(Number((await pull()).body.cursor)).toBe(cursor)
      const since = await pull(Number(before.body.cursor))
      expect((since.body.changes as { kind: string }[]).map((c) => c.kind)).toEqual([
        'consent',
        'injury',
      ])
    })

    it('pulls everything of the setting in pages, never a PIN in a staff record', async () => {
      const all: { kind: string; payload: Record<string, unknown> }[] = []
      let since = 0
      for (;;) {
        const page = await call(
          server,
          'GET',
          `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=${since}&limit=50`,
          {
            credential: device.credential,
          },
        )
        all.push(...(page.body.changes as typeof all))
        since = Number(page.body.cursor)
        if (page.body.more !== true) break
      }
      const kinds = new Set(all.map((c) => c.kind))
      expect([...kinds]).toEqual(
        expect.arrayContaining([
          'setting',
          'room',
          'location',
          'child',
          'consent',
          'staff',
          'staffPin',
        ]),
      )
      for (const c of all.filter((c) => c.kind === 'staff'))
        expect(c.payload).not.toHaveProperty('pin')
      expect(all.some((c) => c.payload.id === 'b-child')).toBe(false)
    })

    it('refuses a device of one setting reading or writing another', async () => {
      expect((await pull(0, OTHER_SETTING)).status).toBe(403)
      const answer = await push(
        [change('consent', consent('b-child', 'withdrawn', MANAGER.staffId))],
        OTHER_SETTING,
      )
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ error: { code: 'wrong_setting' } })
    })

    it('refuses a grant or a withdrawal from someone who may not record consent', async () => {
      const grant = signed('consent', consent(AVA, 'granted', DEMO_STAFF.student.id))
      const withdrawal = signed(
        'consent',
        consent(DEMO_SHOWCASE.reviewOverdue.id, 'withdrawn', DEMO_STAFF.student.id),
      )
      const answer = await push([grant, withdrawal])
      expect(answer.body.results).toEqual(
        [grant, withdrawal].map(({ id, payload }) => ({
          id,
          status: 'rejected',
          error: { code: 'not_permitted', message: expect.any(String) },
          // The server has no such record: the device removes its refused change.
          serverCopy: { kind: 'consent', id: payload.id, payload: null },
        })),
      )
      // Answered the same way when sent again.
      expect((await push([grant])).body.results).toEqual([(answer.body.results as unknown[])[0]])
    })

    it('checks who authorised a student to take images: the manager may, a practitioner may not', async () => {
      const student = DEMO_STAFF.student
      const authorised = {
        id: student.id,
        name: student.name,
        role: student.role,
        canCapture: true,
        roomId: student.roomId,
        active: true,
      }
      const byPractitioner = signed('staff', authorised, DEMO_STAFF.practitioner.id)
      const byManager = signed('staff', authorised, DEMO_STAFF.manager.id)
      const answer = await push([byPractitioner, byManager])
      expect(answer.body.results).toEqual([
        {
          id: byPractitioner.id,
          status: 'rejected',
          error: { code: 'not_permitted', message: expect.any(String) },
          // What the server holds, for the device to show instead of the refused change.
          serverCopy: {
            kind: 'staff',
            id: student.id,
            payload: expect.objectContaining({ id: student.id, canCapture: false }),
          },
        },
        { id: byManager.id, status: 'applied' },
      ])
    })
  })

  describe.skipIf(skip)('photos', () => {
    it('stores a photo once, after its checksum matched, however often it is sent', async () => {
      const bytes = photoBytes(200_000)
      const meta = photoMeta({ deviceId: device.deviceId, bytes, childIds: [AVA] })
      expect((await upload(meta.id, 0, bytes.slice(0, 1000))).body).toMatchObject({
        error: { code: 'photo_unknown' },
      })
      for (let i = 0; i < 3; i++) expect((await push([signed('photo', meta)])).status).toBe(200)
      const first = await upload(meta.id, 0, bytes.slice(0, 64_000))
      expect(first.body).toEqual({ ok: true, received: 64_000, complete: false })
      const wrongOffset = await upload(meta.id, 0, bytes.slice(0, 64_000))
      expect(wrongOffset).toMatchObject({
        status: 409,
        body: { error: { code: 'offset_mismatch' }, received: 64_000 },
      })
      const last = await upload(meta.id, 64_000, bytes.slice(64_000))
      expect(last.body).toEqual({
        ok: true,
        received: 200_000,
        complete: true,
        checksum: meta.checksum,
      })
      expect(await upload(meta.id, 0, bytes)).toMatchObject({
        status: 200,
        body: { complete: true },
      })
      const rows = await server.services.db
        .selectFrom('photos')
        .selectAll()
        .where('id', '=', meta.id)
        .execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]!.quarantined_at).toBeNull()
      const stored = await server.services.photos.read(meta.checksum)
      expect(stored && Buffer.from(stored).equals(Buffer.from(bytes))).toBe(true)
    })

    it('takes an image again if the store lost it, rather than let the device drop its copy', async () => {
      const bytes = photoBytes(20_000)
      const meta = photoMeta({ deviceId: device.deviceId, bytes, childIds: [AVA] })
      await push([signed('photo', meta)])
      expect((await upload(meta.id, 0, bytes)).body).toMatchObject({ complete: true })
      // The file goes (a disk restored from an older backup, say); the row still says stored.
      const file = join(server.dataDir, 'photos', meta.checksum.slice(0, 2), meta.checksum)
      await rm(file)
      const partial = await upload(meta.id, 0, bytes.slice(0, 5_000))
      expect(partial.body).toEqual({ ok: true, received: 5_000, complete: false })
      const rest = await upload(meta.id, 5_000, bytes.slice(5_000))
      expect(rest.body).toMatchObject({ complete: true, checksum: meta.checksum })
      expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(true)
    })

    it('discards an image whose bytes do not match the checksum, then takes the right one', async () => {
      const bytes = photoBytes(10_000)
      const meta = photoMeta({ deviceId: device.deviceId, bytes, childIds: [AVA] })
      await push([signed('photo', meta)])
      const damaged = bytes.slice()
      damaged[5] = (damaged[5]! + 1) % 256
      expect(await upload(meta.id, 0, damaged)).toMatchObject({
        status: 422,
        body: { error: { code: 'checksum_mismatch' } },
      })
      expect((await upload(meta.id, 0, bytes)).body).toMatchObject({ complete: true })
    })

    it('quarantines a photo the server’s consent data does not allow, and tells the manager and devices', async () => {
      const bytes = photoBytes(5_000)
      const meta = photoMeta({ deviceId: device.deviceId, bytes, childIds: [ISLA] })
      const answer = await push([signed('photo', meta)])
      expect(answer.body.results).toEqual([{ id: expect.any(String), status: 'applied' }])
      const list = await call(server, 'POST', '/api/manager/quarantine', {
        credential: device.credential,
        json: MANAGER,
      })
      expect(list.body.photos).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: meta.id, rules: ['consent-withdrawn'] }),
        ]),
      )
      const status = (
        (await pull()).body.changes as { kind: string; payload: { id: string } }[]
      ).find((c) => c.kind === 'photoStatus' && c.payload.id === meta.id)
      expect(status?.payload).toMatchObject({ quarantine: { rules: ['consent-withdrawn'] } })
    })

    it('a withdrawal flags the photos of that child for that purpose, for every device', async () => {
      const child = DEMO_SHOWCASE.reviewDueSoon.id
      const bytes = photoBytes(5_000)
      const meta = photoMeta({
        deviceId: device.deviceId,
        bytes,
        childIds: [child],
        takenAt: new Date(Date.now() - 60_000).toISOString(),
      })
      await push([signed('photo', meta)])
      const cursor = Number((await pull()).body.cursor)
      await push([
        signed(
          'consent',
          consent(
            child,
            'withdrawn',
            MANAGER.staffId,
            `demo-consent-reviewDueSoon-learning_journey-a`,
          ),
        ),
      ])
      const changes = (await pull(cursor)).body.changes as {
        kind: string
        payload: Record<string, unknown>
      }[]
      const status = changes.find((c) => c.kind === 'photoStatus' && c.payload.id === meta.id)
      expect(status?.payload).toMatchObject({
        quarantine: null,
        flaggedForRemoval: [{ childId: child, purposes: ['learning_journey'] }],
      })
    })
  })

  describe.skipIf(skip)('revocation', () => {
    it('refuses a revoked device from then on, saying so', async () => {
      const lost = await enrolDevice(server, DEMO_SETTING_ID)
      const answer = await call(server, 'POST', `/api/manager/devices/${lost.deviceId}/revoke`, {
        credential: device.credential,
        json: MANAGER,
      })
      expect(answer).toMatchObject({
        status: 200,
        body: { device: { id: lost.deviceId, revokedAt: expect.any(String) } },
      })
      const refused = await pull(0, DEMO_SETTING_ID, lost.credential)
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'device_revoked' } } })
    })

    it('will not revoke a device of another setting', async () => {
      const other = await enrolDevice(server, OTHER_SETTING)
      const answer = await call(server, 'POST', `/api/manager/devices/${other.deviceId}/revoke`, {
        credential: device.credential,
        json: MANAGER,
      })
      expect(answer.status).toBe(404)
      expect((await pull(0, OTHER_SETTING, other.credential)).status).toBe(200)
    })
  })
})
