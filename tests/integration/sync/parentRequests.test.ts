// A parent's requests, on SQLite and (with DATABASE_URL) PostgreSQL: the manager's
// subject access ZIP holds every consent record, photo, use and audit line of one child and
// nothing of another child; erasure for one child erases the photos of that child alone and
// the group photos the manager does not keep, takes the child out of the ones kept, and the
// tablet holding them follows at its next sync.
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testSigner } from '../../support/testSigners.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { Purpose } from '../../../src/policy/index.ts'
import {
  ChildErasurePreviewSchema,
  ChildWireSchema,
  ConsentWireSchema,
} from '../../../src/protocol/index.ts'
import { redactorFor } from '../../../src/server/library/subjectAccess.ts'
import { listEntities } from '../../../src/server/storage/entities.ts'
import { withdrawConsent } from '../../../src/db/index.ts'
import { capturePhoto, type Captured } from '../../support/capturedPhoto.ts'
import { staffDesk, type StaffDesk } from '../../support/signedStaff.ts'
import { enrolledDevice, type Device, synced } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const AVA = DEMO_SHOWCASE.allGranted.id
const OSCAR = demoChildId('ordinary1')
const MIA = demoChildId('ordinary2')
const MANAGER = DEMO_STAFF.manager

describe.each(BACKENDS)("a parent's requests on $backend", ({ backend, skip }) => {
  let server: TestServer
  let a: Device
  let send: StaffDesk
  const shots: Record<'solo' | 'keep' | 'erase' | 'oscar', Captured> = {} as never
  let useId = ''

  const row = (id: string) =>
    server.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  async function take(childIds: string[], purposes: Purpose[] = ['learning_journey']) {
    return capturePhoto(a.db, { deviceId: a.deviceId, size: 2_500, childIds, purposes })
  }

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    a = await enrolledDevice(server, DEMO_SETTING_ID)
    send = (await staffDesk(server, DEMO_SETTING_ID)).send
    await synced(a)
    shots.solo = await take([AVA], ['learning_journey', 'display'])
    shots.keep = await take([AVA, OSCAR])
    shots.erase = await take([MIA, AVA])
    shots.oscar = await take([OSCAR])
    await synced(a)
    const use = await send(MANAGER, 'POST', `/api/library/photos/${shots.solo.meta.id}/uses`, {
      purpose: 'display',
      action: 'record',
      place: 'Caterpillars wall',
      until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    })
    expect(use.status).toBe(200)
    useId = ((await use.json()) as { use: { id: string } }).use.id
    // Another child's consent history: it must stay out of Ava's export.
    const withdrawn = await withdrawConsent(
      a.db,
      {
        childId: OSCAR,
        purposes: ['display'],
        givenBy: { name: 'Dad', relationship: 'father', parentalResponsibility: true },
      },
      await testSigner(a.db, MANAGER.id),
      new Date().toISOString(),
    )
    expect(withdrawn.ok).toBe(true)
    await synced(a)
  }, 90_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)(
    'subject access: one ZIP with every item of that child and nothing of another child',
    async () => {
      const path = `/api/library/children/${AVA}/subject-access`
      expect((await send(DEMO_STAFF.keyworker, 'GET', path)).status).toBe(403)
      const answer = await send(MANAGER, 'GET', path)
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toBe('application/zip')
      expect(answer.headers.get('content-disposition')).not.toContain('Ava')
      const files = unzipSync(new Uint8Array(await answer.arrayBuffer()))
      const names = Object.keys(files).sort()
      expect(names).toEqual(
        expect.arrayContaining([
          'index.html',
          'consent-records.json',
          'photos.json',
          'uses.json',
          'audit.json',
        ]),
      )
      // Every photo of Ava, group photos included, as the bytes the tablet sent.
      const images = names.filter((n) => n.startsWith('photos/'))
      expect(images).toHaveLength(3)
      const sent = [shots.solo, shots.keep, shots.erase].map((s) =>
        Buffer.from(s.bytes).toString('hex'),
      )
      expect(images.map((n) => Buffer.from(files[n]!).toString('hex')).sort()).toEqual(sent.sort())

      const text = Object.entries(files)
        .filter(([n]) => !n.startsWith('photos/'))
        .map(([, bytes]) => strFromU8(bytes))
        .join('\n')
      // Every consent record of Ava, with its history.
      const consents = (await listEntities(server.services.db, DEMO_SETTING_ID, 'consent'))
        .map((c) => ConsentWireSchema.parse(c))
        .filter((c) => c.childId === AVA)
      expect(consents.length).toBeGreaterThan(0)
      const exported = JSON.parse(strFromU8(files['consent-records.json']!)) as { id: string }[]
      expect(exported.map((c) => c.id).sort()).toEqual(consents.map((c) => c.id).sort())
      expect(text).toContain(useId)
      expect(text).toContain('Caterpillars wall')
      const audit = JSON.parse(strFromU8(files['audit.json']!)) as { type: string }[]
      expect(audit.map((l) => l.type)).toEqual(
        expect.arrayContaining(['photo-stored', 'photo-used']),
      )
      const html = strFromU8(files['index.html']!)
      expect(html).toContain('Ava Appleby')
      expect(html).toContain('Ava and 1 other child')

      // Nothing of another child: no id, no name, no consent, no photo of them alone.
      const children = (await listEntities(server.services.db, DEMO_SETTING_ID, 'child')).map((c) =>
        ChildWireSchema.parse(c),
      )
      for (const other of children.filter((c) => c.id !== AVA)) {
        expect(text).not.toContain(other.id)
        expect(text).not.toMatch(new RegExp(`\\b${other.firstName} ${other.lastName}\\b`))
        if (other.firstName !== 'Ava')
          expect(text).not.toMatch(new RegExp(`\\b${other.firstName}\\b`))
      }
      expect(text).not.toContain(shots.oscar.meta.id)
      expect(text).not.toContain('Dad')
    },
  )

  it.skipIf(skip)('the redaction spares the child’s own id when another id is part of it', () => {
    const child = { id: 'kid-10', firstName: 'Ava', lastName: 'Lee' }
    const other = { id: 'kid-1', firstName: 'Oscar', lastName: 'Lee' }
    const redact = redactorFor(
      ChildWireSchema.parse({
        ...child,
        roomId: 'r',
        keyworkerId: 'k',
        dateOfBirth: '2023-01-01',
        leavingDate: null,
      }),
      [
        ChildWireSchema.parse({
          ...other,
          roomId: 'r',
          keyworkerId: 'k',
          dateOfBirth: '2023-01-01',
          leavingDate: null,
        }),
      ],
    )
    expect(redact('kid-10 with kid-1: Ava Lee and Oscar Lee')).toBe(
      'kid-10 with another child: Ava Lee and another child',
    )
  })

  it.skipIf(skip)(
    'erasure for one child: alone erased, group photos as the manager decided, the tablet follows',
    async () => {
      const path = `/api/library/children/${AVA}/erasure`
      const preview = ChildErasurePreviewSchema.parse(
        await (await send(MANAGER, 'GET', path)).json(),
      )
      expect(preview.solo.map((p) => p.id)).toEqual([shots.solo.meta.id])
      expect(preview.group.map((p) => p.id).sort()).toEqual(
        [shots.keep.meta.id, shots.erase.meta.id].sort(),
      )

      const reason = 'Mother asked for Ava’s photos to be erased'
      const stray = await send(MANAGER, 'POST', path, { reason, keep: [shots.oscar.meta.id] })
      expect(stray.status).toBe(409)
      expect((await row(shots.solo.meta.id)).erased_at).toBeNull()

      const done = await send(MANAGER, 'POST', path, { reason, keep: [shots.keep.meta.id] })
      expect(done.status).toBe(200)
      expect(await done.json()).toEqual({
        ok: true,
        erased: [shots.solo.meta.id, shots.erase.meta.id].sort((x, y) =>
          x === shots.solo.meta.id ? -1 : y === shots.solo.meta.id ? 1 : 0,
        ),
        kept: [shots.keep.meta.id],
      })
      for (const shot of [shots.solo, shots.erase]) {
        const tomb = await row(shot.meta.id)
        expect(tomb).toMatchObject({ erased_cause: 'subject-erasure', erased_reason: reason })
        expect(await server.services.photos.read(tomb.checksum)).toBeNull()
      }
      const kept = await row(shots.keep.meta.id)
      expect(kept.erased_at).toBeNull()
      expect((JSON.parse(kept.meta) as { childIds: string[] }).childIds).toEqual([OSCAR])
      expect(await server.services.photos.read(kept.checksum)).not.toBeNull()
      const links = await server.services.db
        .selectFrom('photo_children')
        .select('child_id')
        .where('photo_id', '=', shots.keep.meta.id)
        .execute()
      expect(links.map((l) => l.child_id)).toEqual([OSCAR])
      expect((await row(shots.oscar.meta.id)).erased_at).toBeNull()
      const line = await server.services.db
        .selectFrom('server_audit')
        .selectAll()
        .where('type', '=', 'child-erasure')
        .executeTakeFirstOrThrow()
      expect(JSON.parse(line.details)).toMatchObject({
        childId: AVA,
        reason,
        keptForOtherChildren: [shots.keep.meta.id],
        groupPhotosErased: [shots.erase.meta.id],
      })
      expect(line.staff_id).toBe(MANAGER.id)

      // The tablet that holds them, at its next sync.
      await synced(a)
      for (const shot of [shots.solo, shots.erase]) {
        expect((await a.db.photos.get(shot.meta.id))?.erasedOnServer).toMatchObject({ reason })
        expect(await a.db.photoImages.get(shot.meta.id)).toBeUndefined()
      }
      const onTablet = await a.db.photos.get(shots.keep.meta.id)
      expect(onTablet?.childIds).toEqual([OSCAR])
      expect(onTablet?.erasedOnServer).toBeUndefined()
      expect(
        (await a.db.photos.where('childIds').equals(AVA).toArray()).map((p) => p.id).sort(),
      ).toEqual([shots.solo.meta.id, shots.erase.meta.id].sort())
    },
  )
})
