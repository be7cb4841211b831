// The setting's photo library on the server, on SQLite and (with DATABASE_URL) PostgreSQL:
// lists and serves only the setting's own photos to staff allowed to see them; a use is
// allowed only for a purpose consented today and is recorded with its audit line; publicity
// is held until a parent's approval of that photo is recorded.
import { createHash } from 'node:crypto'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import { ConsentWireSchema, LibraryPageSchema } from '../../../src/protocol/index.ts'
import { revokeDevice } from '../../../src/server/devices/enrolment.ts'
import { listEntities, putEntity } from '../../../src/server/storage/entities.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { signedHeaders, signingSeedOf, type SignedIn } from '../../support/signedStaff.ts'
import { pdfTextLines } from '../../support/pdfText.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import {
  call,
  enrolDevice,
  OTHER_MANAGER,
  OTHER_SETTING,
  seedOtherSetting,
} from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const AVA = DEMO_SHOWCASE.allGranted.id // Caterpillars: Priya is her keyworker
const IVY = DEMO_SHOWCASE.websiteSocialRefused.id // Butterflies: the manager keys her
const OSCAR = demoChildId('ordinary1') // Caterpillars

type Device = { deviceId: string; credential: string; settingId: string }
type Person = { id: string; pin: string }

function jpeg(size: number): Uint8Array<ArrayBuffer> {
  const bytes = photoBytes(size)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  return bytes
}

describe.each(BACKENDS)('the photo library on $backend', ({ backend, skip }) => {
  let server: TestServer
  let tablet: Device
  const photos = { ava: '', ivy: '', oscar: '' }
  const avaThumb = jpeg(3_000)
  const avaImage = photoBytes(5_000)

  const seeds = new Map<string, Uint8Array>()

  /** A request by `person`, signed in on `device` (their seed from their PIN, as on a tablet). */
  async function library(
    device: Device,
    person: Person,
    method: string,
    path: string,
    json?: unknown,
  ) {
    const key = `${device.settingId}/${person.id}`
    let seed = seeds.get(key)
    if (seed === undefined) {
      // Someone of another setting has no key there: any seed stands for their attempt.
      seed =
        device.settingId === DEMO_SETTING_ID || person.id === OTHER_MANAGER.id
          ? await signingSeedOf(server.services.db, device.settingId, person)
          : new Uint8Array(32).fill(7)
      seeds.set(key, seed)
    }
    const who: SignedIn = { ...device, staffId: person.id, signingSeed: seed }
    const body = json === undefined ? undefined : JSON.stringify(json)
    return fetch(`${server.url}${path}`, {
      method,
      headers: signedHeaders(who, method, path, json),
      body,
    })
  }

  async function list(person: Person, query = '', device = tablet) {
    const response = await library(device, person, 'GET', `/api/library/photos${query}`)
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }

  const ids = (json: Record<string, unknown>) =>
    LibraryPageSchema.parse(json).photos.map((p) => p.id)

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    await seedOtherSetting(server.services.db)
    tablet = { ...(await enrolDevice(server, DEMO_SETTING_ID)), settingId: DEMO_SETTING_ID }
    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    const metas = [
      photoMeta({
        deviceId: tablet.deviceId,
        bytes: avaImage,
        childIds: [AVA],
        purposes: ['learning_journey', 'display', 'publicity'],
      }),
      photoMeta({
        deviceId: tablet.deviceId,
        bytes: photoBytes(4_000),
        childIds: [IVY],
        purposes: ['learning_journey'],
        takenAt: yesterday,
      }),
      photoMeta({
        deviceId: tablet.deviceId,
        bytes: photoBytes(4_500),
        childIds: [OSCAR],
        purposes: ['learning_journey', 'display'],
      }),
    ]
    photos.ava = metas[0]!.id
    photos.ivy = metas[1]!.id
    photos.oscar = metas[2]!.id
    // Signed by the practitioner who took them, as their tablet signs them.
    const taker = demoSigner(DEMO_STAFF.practitioner.id)
    const changes = metas.map((payload) => signedChange(DEMO_SETTING_ID, taker, 'photo', payload))
    const push = await call(server, 'POST', '/api/sync/push', {
      credential: tablet.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
    expect(push.status).toBe(200)
    expect(push.body.results).toMatchObject(changes.map(() => ({ status: 'applied' })))
    const put = (path: string, body: Uint8Array<ArrayBuffer>) =>
      call(server, 'PUT', path, { credential: tablet.credential, body })
    expect((await put(`/api/sync/photos/${photos.ava}/content?offset=0`, avaImage)).status).toBe(
      200,
    )
    expect((await put(`/api/sync/photos/${photos.ava}/thumbnail`, avaThumb)).status).toBe(200)
  }, 60_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)('gives the manager every photo of the setting, newest first', async () => {
    const answer = await list(DEMO_STAFF.manager)
    expect(answer.status).toBe(200)
    expect(ids(answer.json).sort()).toEqual([photos.ava, photos.ivy, photos.oscar].sort())
    expect(ids(answer.json).at(-1)).toBe(photos.ivy)
  })

  it.skipIf(skip)('gives a keyworker only the photos of their key children', async () => {
    const answer = await list(DEMO_STAFF.keyworker)
    expect(ids(answer.json).sort()).toEqual([photos.ava, photos.oscar].sort())
    const ivy = await library(
      tablet,
      DEMO_STAFF.keyworker,
      'GET',
      `/api/library/photos/${photos.ivy}`,
    )
    expect(ivy.status).toBe(404)
  })

  it.skipIf(skip)(
    'refuses a practitioner, an unsigned request, another setting and a revoked tablet',
    async () => {
      expect((await list(DEMO_STAFF.practitioner)).status).toBe(403)
      const unsigned = await fetch(`${server.url}/api/library/photos`, {
        headers: { authorization: `Bearer ${tablet.credential}` },
      })
      expect(unsigned.status).toBe(401)
      const other = { ...(await enrolDevice(server, OTHER_SETTING)), settingId: OTHER_SETTING }
      const theirs = await list(OTHER_MANAGER, '', other)
      expect(theirs.status).toBe(200)
      expect(ids(theirs.json)).toEqual([])
      const image = await library(
        other,
        OTHER_MANAGER,
        'GET',
        `/api/library/photos/${photos.ava}/image`,
      )
      expect(image.status).toBe(404)
      // the demo setting's manager, signed in on the other setting's tablet, sees nothing either
      expect((await list(DEMO_STAFF.manager, '', other)).status).toBe(401)
      const lost = { ...(await enrolDevice(server, DEMO_SETTING_ID)), settingId: DEMO_SETTING_ID }
      await revokeDevice(
        server.services.db,
        DEMO_SETTING_ID,
        lost.deviceId,
        DEMO_STAFF.manager.id,
        new Date(),
      )
      // a body other than the one signed: refused, nothing recorded
      const signedFor = { purpose: 'display', action: 'record', place: 'Hall', until: null }
      const path = `/api/library/photos/${photos.ava}/uses`
      const seed = await signingSeedOf(server.services.db, DEMO_SETTING_ID, DEMO_STAFF.manager)
      const who = { ...tablet, staffId: DEMO_STAFF.manager.id, signingSeed: seed }
      const tampered = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: signedHeaders(who, 'POST', path, signedFor),
        body: JSON.stringify({ ...signedFor, purpose: 'publicity' }),
      })
      expect(tampered.status).toBe(401)
      const revoked = await list(DEMO_STAFF.manager, '', lost)
      expect(revoked.status).toBe(403)
      expect(revoked.json).toMatchObject({ error: { code: 'device_revoked' } })
    },
  )

  it.skipIf(skip)('filters by child, room, purpose and day, and pages', async () => {
    const m = DEMO_STAFF.manager
    expect(ids((await list(m, `?childId=${IVY}`)).json)).toEqual([photos.ivy])
    expect(ids((await list(m, '?purpose=publicity')).json)).toEqual([photos.ava])
    expect(ids((await list(m, '?roomId=demo-room-butterflies')).json)).toEqual([photos.ivy])
    const pad = (n: number) => String(n).padStart(2, '0')
    const d = new Date(Date.now() - 86_400_000)
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    expect(ids((await list(m, `?day=${day}`)).json)).toEqual([photos.ivy])
    const first = LibraryPageSchema.parse((await list(m, '?limit=2')).json)
    expect(first.photos).toHaveLength(2)
    expect(first.next).not.toBeNull()
    const second = LibraryPageSchema.parse(
      (await list(m, `?limit=2&before=${encodeURIComponent(first.next ?? '')}`)).json,
    )
    expect(second.photos.map((p) => p.id)).toEqual([photos.ivy])
    expect(second.next).toBeNull()
  })

  it.skipIf(skip)('serves the thumbnail and the image, never to be cached', async () => {
    const k = DEMO_STAFF.keyworker
    const thumb = await library(tablet, k, 'GET', `/api/library/photos/${photos.ava}/thumbnail`)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/jpeg')
    expect(thumb.headers.get('cache-control')).toBe('no-store')
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(avaThumb)
    const image = await library(tablet, k, 'GET', `/api/library/photos/${photos.ava}/image`)
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(avaImage)
    // not uploaded yet: said so, not a broken image
    const missing = await library(tablet, k, 'GET', `/api/library/photos/${photos.oscar}/image`)
    expect(missing.status).toBe(404)
  })

  it.skipIf(skip)(
    'keeps a thumbnail in the database, written with the commit that records it, not as a file of the photo store',
    async () => {
      const checksum = createHash('sha256').update(avaThumb).digest('hex')
      const kept = await server.services.db
        .selectFrom('photo_thumbnails')
        .select('jpeg_base64')
        .where('setting_id', '=', DEMO_SETTING_ID)
        .where('photo_id', '=', photos.ava)
        .executeTakeFirstOrThrow()
      expect(new Uint8Array(Buffer.from(kept.jpeg_base64, 'base64'))).toEqual(avaThumb)
      const row = await server.services.db
        .selectFrom('photos')
        .select(['thumbnail_checksum', 'thumbnail_bytes'])
        .where('id', '=', photos.ava)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ thumbnail_checksum: checksum, thumbnail_bytes: avaThumb.byteLength })
      // No file of its own: two disk flushes per photo saved (migration 0012).
      expect(await server.services.photos.read(checksum)).toBeNull()
    },
  )

  it.skipIf(skip)('still serves a thumbnail kept as a file before migration 0012', async () => {
    const older = jpeg(2_500)
    const checksum = createHash('sha256').update(older).digest('hex')
    expect((await server.services.photos.storeWhole(older, checksum)).ok).toBe(true)
    await server.services.db
      .updateTable('photos')
      .set({ thumbnail_checksum: checksum, thumbnail_bytes: older.byteLength })
      .where('id', '=', photos.ivy)
      .execute()
    const m = DEMO_STAFF.manager
    const thumb = await library(tablet, m, 'GET', `/api/library/photos/${photos.ivy}/thumbnail`)
    expect(thumb.status).toBe(200)
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(older)
  })

  it.skipIf(skip)(
    'takes a thumbnail only from the tablet that took the photo, and only a JPEG',
    async () => {
      const other = await enrolDevice(server, DEMO_SETTING_ID)
      const path = `/api/sync/photos/${photos.oscar}/thumbnail`
      expect(
        (await call(server, 'PUT', path, { credential: other.credential, body: jpeg(100) })).status,
      ).toBe(403)
      const notJpeg = photoBytes(100)
      notJpeg[0] = 0
      expect(
        (await call(server, 'PUT', path, { credential: tablet.credential, body: notJpeg })).status,
      ).toBe(400)
    },
  )

  it.skipIf(skip)('records a use allowed today, with its audit line', async () => {
    const use = {
      purpose: 'display',
      action: 'record',
      place: 'Caterpillars wall',
      until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }
    const answer = await library(
      tablet,
      DEMO_STAFF.keyworker,
      'POST',
      `/api/library/photos/${photos.ava}/uses`,
      use,
    )
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { use: { id: string } }
    const audit = await server.services.db
      .selectFrom('server_audit')
      .selectAll()
      .where('type', '=', 'photo-used')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      staff_id: DEMO_STAFF.keyworker.id,
      device_id: tablet.deviceId,
    })
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      useId: body.use.id,
      photoId: photos.ava,
      purpose: 'display',
      place: 'Caterpillars wall',
    })
    const detail = await library(
      tablet,
      DEMO_STAFF.manager,
      'GET',
      `/api/library/photos/${photos.ava}`,
    )
    expect(await detail.json()).toMatchObject({
      history: [{ id: body.use.id, purpose: 'display' }],
    })
  })

  it.skipIf(skip)(
    'refuses a use for a purpose not consented today, saying why, and audits the refusal',
    async () => {
      const use = { purpose: 'website', action: 'record', place: 'Home page', until: null }
      const refused = await library(
        tablet,
        DEMO_STAFF.manager,
        'POST',
        `/api/library/photos/${photos.ivy}/uses`,
        use,
      )
      expect(refused.status).toBe(422)
      expect(await refused.json()).toMatchObject({
        error: { code: 'use_refused' },
        reasons: [
          { code: 'not-taken-for-purpose', childId: null },
          { code: 'consent-refused', childId: IVY },
        ],
      })
      const notTaken = await library(
        tablet,
        DEMO_STAFF.manager,
        'POST',
        `/api/library/photos/${photos.ava}/uses`,
        use,
      )
      expect(await notTaken.json()).toMatchObject({ reasons: [{ code: 'not-taken-for-purpose' }] })
      const audit = await server.services.db
        .selectFrom('server_audit')
        .select('details')
        .where('type', '=', 'photo-use-refused')
        .execute()
      expect(audit.map((a) => JSON.parse(a.details) as unknown)).toMatchObject([
        { photoId: photos.ivy, rules: ['not-taken-for-purpose', 'consent-refused'] },
        { photoId: photos.ava, rules: ['not-taken-for-purpose'] },
      ])
      const uses = await server.services.db.selectFrom('photo_uses').select('photo_id').execute()
      expect(uses.map((u) => u.photo_id)).toEqual([photos.ava])
    },
  )

  it.skipIf(skip)(
    '[consent-withdrawn] shows a withdrawal since capture for that purpose and refuses the use',
    async () => {
      const db = server.services.db
      const records = (await listEntities(db, DEMO_SETTING_ID, 'consent')).map((r) =>
        ConsentWireSchema.parse(r),
      )
      const display = records.filter((r) => r.childId === OSCAR && r.purpose === 'display')
      const head = display.find((r) => !display.some((o) => o.supersedes === r.id))!
      const at = new Date().toISOString()
      await db.transaction().execute((trx) =>
        putEntity(
          trx,
          DEMO_SETTING_ID,
          'consent',
          'w-oscar-display',
          {
            ...head,
            id: 'w-oscar-display',
            status: 'withdrawn',
            recordedAt: at,
            recordedBy: DEMO_STAFF.manager.id,
            supersedes: head.id,
          },
          at,
        ),
      )
      const page = LibraryPageSchema.parse(
        (await list(DEMO_STAFF.keyworker, `?childId=${OSCAR}`)).json,
      )
      const uses = page.photos[0]!.uses
      expect(uses.find((u) => u.purpose === 'display')).toMatchObject({
        allowed: false,
        reasons: [{ code: 'consent-withdrawn', since: at }],
      })
      expect(uses.find((u) => u.purpose === 'learning_journey')).toMatchObject({ allowed: true })
      const use = {
        purpose: 'display',
        action: 'record',
        place: 'Hall',
        until: new Date(Date.now() + 86_400_000).toISOString(),
      }
      const answer = await library(
        tablet,
        DEMO_STAFF.keyworker,
        'POST',
        `/api/library/photos/${photos.oscar}/uses`,
        use,
      )
      expect(answer.status).toBe(422)
    },
  )

  it.skipIf(skip)(
    '[publicity-needs-photo-approval] holds publicity until a parent’s approval is recorded',
    async () => {
      const until = new Date(Date.now() + 60 * 86_400_000).toISOString()
      const use = { purpose: 'publicity', action: 'record', place: 'Local paper', until }
      const path = `/api/library/photos/${photos.ava}`
      const held = await library(tablet, DEMO_STAFF.manager, 'POST', `${path}/uses`, use)
      expect(held.status).toBe(422)
      expect(await held.json()).toMatchObject({
        reasons: [{ code: 'publicity-needs-photo-approval', childId: AVA }],
      })
      const parent = { name: 'Parent of Ava', relationship: 'father', parentalResponsibility: true }
      const approval = { childId: AVA, givenBy: parent, place: 'Local paper, spring fair', until }
      expect(
        (await library(tablet, DEMO_STAFF.keyworker, 'POST', `${path}/approvals`, approval)).status,
      ).toBe(403)
      const grandparent = {
        ...approval,
        givenBy: { ...parent, relationship: 'grandmother', parentalResponsibility: false },
      }
      const refused = await library(
        tablet,
        DEMO_STAFF.manager,
        'POST',
        `${path}/approvals`,
        grandparent,
      )
      expect(refused.status).toBe(422)
      expect(await refused.json()).toMatchObject({
        error: { message: expect.stringMatching(/parental responsibility/) as unknown },
      })
      const recorded = await library(
        tablet,
        DEMO_STAFF.manager,
        'POST',
        `${path}/approvals`,
        approval,
      )
      expect(recorded.status).toBe(200)
      const audit = await server.services.db
        .selectFrom('server_audit')
        .select('details')
        .where('type', '=', 'photo-approval-recorded')
        .execute()
      expect(audit.map((a) => JSON.parse(a.details) as unknown)).toMatchObject([
        { photoId: photos.ava, childId: AVA, place: 'Local paper, spring fair' },
      ])
      const allowed = await library(tablet, DEMO_STAFF.manager, 'POST', `${path}/uses`, use)
      expect(allowed.status).toBe(200)
    },
  )

  it.skipIf(skip)(
    'lists every use and approval in the setting’s daily audit and its exports',
    async () => {
      const pad = (n: number) => String(n).padStart(2, '0')
      const d = new Date()
      const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
      const headers = {
        authorization: `Bearer ${tablet.credential}`,
        'x-consentlens-staff': DEMO_STAFF.manager.id,
        'x-consentlens-pin': DEMO_STAFF.manager.pin,
      }
      const csv = await fetch(`${server.url}/api/audit/export?day=${day}&format=csv`, { headers })
      const rows = Papa.parse<Record<string, string>>(await csv.text(), {
        header: true,
        skipEmptyLines: true,
      }).data.filter((r) => r.Record !== 'Photo')
      expect(rows.map((r) => [r.Record, r['Photo id']])).toEqual([
        ['Photo use', photos.ava],
        ['Publicity approval', photos.ava],
        ['Photo use', photos.ava],
      ])
      expect(rows[0]).toMatchObject({
        Staff: DEMO_STAFF.keyworker.name,
        Children: `${DEMO_SHOWCASE.allGranted.firstName} ${DEMO_SHOWCASE.allGranted.lastName}`,
      })
      expect(rows[0]!['Reason given']).toMatch(
        /^Used for displays in the setting: Caterpillars wall, until /,
      )
      expect(rows[1]!['Reason given']).toMatch(
        /^Approved by Parent of Ava \(father\) for Local paper/,
      )
      const pdf = await fetch(`${server.url}/api/audit/export?day=${day}&format=pdf`, { headers })
      const text = pdfTextLines(new Uint8Array(await pdf.arrayBuffer())).join('\n')
      expect(text).toContain('Photo uses and publicity approvals (3)')
    },
  )
})
