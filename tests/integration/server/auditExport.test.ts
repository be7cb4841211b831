// The server's export of a setting's day for a manager at a desk, on SQLite and (with
// DATABASE_URL) PostgreSQL: every tablet's photos, blocked attempts, tag removals and
// deletions, as src/audit's CSV and PDF; manager-only; recorded in the server's audit.
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportFileName } from '../../../src/audit/index.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { sealedChain, type Details } from '../../support/auditEvents.ts'
import { pdfTextLines } from '../../support/pdfText.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import {
  call,
  enrolDevice,
  OTHER_MANAGER,
  OTHER_SETTING,
  seedOtherSetting,
} from '../../support/serverFixtures.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const AVA = DEMO_SHOWCASE.allGranted.id
const pad = (n: number) => String(n).padStart(2, '0')
const now = new Date()
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`

const EVENTS: { type: string; details: Details }[] = [
  {
    type: 'capture-blocked',
    details: {
      captureId: 'c1',
      locationId: 'demo-loc-garden',
      childIds: [AVA],
      purposes: ['website'],
      rules: ['consent-missing'],
    },
  },
  {
    type: 'capture-tag-removed',
    details: { removedChildId: AVA, locationId: 'demo-loc-garden', rules: ['consent-missing'] },
  },
  { type: 'photo-deleted', details: { photoId: 'p-gone', childIds: [AVA], reason: 'Blurred' } },
]

/** A parent's condition the practitioner confirmed at the save. */
const CHECKED = {
  childId: AVA,
  consentIds: ['demo-consent-ava-lj'],
  purposes: ['learning_journey' as const],
  text: 'No photos in the paddling pool',
  staffId: DEMO_STAFF.practitioner.id,
  at: now.toISOString(),
}

describe.each(BACKENDS)('the setting’s audit export on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let photoId: string

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    await seedOtherSetting(server.services.db)
    device = await enrolDevice(server, DEMO_SETTING_ID)
    const meta = {
      ...photoMeta({ deviceId: device.deviceId, bytes: photoBytes(2_000), childIds: [AVA] }),
      conditionsAcknowledged: [CHECKED],
    }
    photoId = meta.id
    const photographer = demoSigner(meta.staffId)
    const change = signedChange(DEMO_SETTING_ID, photographer, 'photo', meta, 'ch-1')
    const credential = device.credential
    await call(server, 'POST', '/api/sync/push', {
      credential,
      json: { settingId: DEMO_SETTING_ID, changes: [change] },
    })
    const events = sealedChain(device.deviceId, 3, undefined, (seq) => EVENTS[seq - 1]!)
    await call(server, 'POST', '/api/sync/audit', {
      credential,
      json: { settingId: DEMO_SETTING_ID, events },
    })
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  async function download(
    format: string,
    staff: { id: string; pin: string } | null = DEMO_STAFF.manager,
    credential = device.credential,
    day = TODAY,
  ) {
    const headers: Record<string, string> = { authorization: `Bearer ${credential}` }
    if (staff !== null) {
      headers['x-consentlens-staff'] = staff.id
      headers['x-consentlens-pin'] = staff.pin
    }
    const url = `${server.url}/api/audit/export?day=${day}&format=${format}`
    return fetch(url, { headers })
  }

  it.skipIf(skip)(
    'gives the manager a CSV of every tablet’s day, named by setting and date',
    async () => {
      const response = await download('csv')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const setting = await server.services.db
        .selectFrom('settings')
        .select('name')
        .where('id', '=', DEMO_SETTING_ID)
        .executeTakeFirstOrThrow()
      const name = exportFileName(setting.name, TODAY, 'csv')
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`)
      const parsed = Papa.parse<Record<string, string>>(await response.text(), {
        header: true,
        skipEmptyLines: true,
      })
      expect(parsed.errors).toEqual([])
      const records = parsed.data.map((row) => [row.Record, row.Tablet])
      expect(records).toEqual([
        ['Photo', device.deviceId],
        ['Blocked attempt', device.deviceId],
        ['Tag removed after a block', device.deviceId],
        ['Deletion', device.deviceId],
      ])
      const photo = parsed.data[0]!
      expect(photo['Photo id']).toBe(photoId)
      expect(photo.Staff).toBe(DEMO_STAFF.practitioner.name)
      expect(parsed.data[3]!['Reason given']).toBe('Blurred')
      // The parent's condition the practitioner confirmed travelled with the photo.
      expect(photo['Parents’ conditions checked']).toMatch(
        new RegExp(`“No photos in the paddling pool” .*Checked by ${DEMO_STAFF.practitioner.name}`),
      )
      const stored = await server.services.db
        .selectFrom('photos')
        .select('meta')
        .where('id', '=', photoId)
        .executeTakeFirstOrThrow()
      expect(JSON.parse(stored.meta)).toMatchObject({ conditionsAcknowledged: [CHECKED] })
    },
  )

  it.skipIf(skip)('gives the same day as a PDF, said to be the server’s copy', async () => {
    const response = await download('pdf')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    const text = pdfTextLines(bytes).join('\n')
    expect(text).toContain('Server copy, every tablet')
    expect(text).toContain('Audit record intact')
  })

  it.skipIf(skip)('records every export in the server’s audit', async () => {
    const rows = await server.services.db
      .selectFrom('server_audit')
      .selectAll()
      .where('type', '=', 'audit-exported')
      .execute()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(rows[0]).toMatchObject({ staff_id: DEMO_STAFF.manager.id, device_id: device.deviceId })
  })

  it.skipIf(skip)('refuses a keyworker, a wrong PIN, a missing PIN and a bad day', async () => {
    expect((await download('csv', DEMO_STAFF.keyworker)).status).toBe(403)
    expect((await download('csv', { id: DEMO_STAFF.manager.id, pin: '0000' })).status).toBe(403)
    expect((await download('csv', null)).status).toBe(400)
    expect((await download('xls')).status).toBe(400)
    expect(
      (await download('csv', DEMO_STAFF.manager, device.credential, '2026-02-30')).status,
    ).toBe(400)
    expect((await download('csv', DEMO_STAFF.manager, 'not-a-credential-at-all')).status).toBe(401)
  })

  it.skipIf(skip)('shows another setting nothing of this one', async () => {
    const other = await enrolDevice(server, OTHER_SETTING)
    const staff = { id: OTHER_MANAGER.id, pin: OTHER_MANAGER.pin }
    const response = await download('csv', staff, other.credential)
    expect(response.status).toBe(200)
    expect((await response.text()).trim().split('\n')).toHaveLength(1)
  })
})
