// A tablet's audit record and the real server: the chain reaches the server and verifies, an
// edited or removed event is reported to the manager (on any tablet) after the next sync, a
// replay changes nothing, and the server's export of the day matches what the tablet captured.
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditCsvRows,
  auditDirectory,
  buildDailyAudit,
  managerAlerts,
  verifyChain,
} from '../../../src/audit/index.ts'
import { appendAudit, type NewAuditEvent } from '../../../src/db/auditLog.ts'
import { loadAlertFacts, type ConsentLensDb } from '../../../src/db/index.ts'
import { freshDb } from '../../support/testDb.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { eventOf } from '../../../src/server/audit/chainStore.ts'
import { downloadServerAuditDay, syncOnce } from '../../../src/sync/index.ts'
import { getEnrolment, openSyncState } from '../../../src/sync/syncStateDb.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { answerLostFetch, enrolledDevice, type Device } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer('sqlite')
})
afterAll(async () => {
  await server.close()
})

async function record(db: ConsentLensDb, count: number, event?: Partial<NewAuditEvent>) {
  await db.transaction('rw', [db.audit, db.device], async () => {
    for (let i = 0; i < count; i++) {
      const at = new Date().toISOString()
      const base = { at, staffId: DEMO_STAFF.practitioner.id, details: { i } }
      await appendAudit(db, { type: 'signed-in', ...base, ...event })
    }
  })
}

async function serverChain(deviceId: string) {
  const rows = await server.services.db
    .selectFrom('device_audit')
    .selectAll()
    .where('device_id', '=', deviceId)
    .orderBy('seq')
    .execute()
  return rows.map(eventOf)
}

async function credentialOf(device: Device): Promise<string> {
  const state = openSyncState(device.db.name)
  const enrolment = await getEnrolment(state)
  state.close()
  return enrolment!.credential
}

describe('a tablet’s audit record on the server', () => {
  it('arrives in batches and verifies; sending again changes nothing', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    await record(device.db, 450)
    const first = await syncOnce({ db: device.db })
    expect(first).toMatchObject({ ok: true, value: { audit: { sent: 450, problem: null } } })
    const local = await device.db.audit.where('deviceId').equals(device.deviceId).sortBy('seq')
    const held = await serverChain(device.deviceId)
    expect(held).toEqual(local)
    expect(verifyChain(held)).toMatchObject({ ok: true, count: 450 })
    const again = await syncOnce({ db: device.db })
    expect(again).toMatchObject({ ok: true, value: { audit: { sent: 0 } } })
    expect(await serverChain(device.deviceId)).toEqual(held)
  })

  it('is sent exactly once when the server’s answer is lost', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    await record(device.db, 5)
    const lost = answerLostFetch((url) => url.endsWith('/api/sync/audit'))
    const cut = await syncOnce({ db: device.db, fetch: lost })
    expect(cut).toMatchObject({ ok: true, value: { audit: { error: { code: 'offline' } } } })
    expect(await serverChain(device.deviceId)).toHaveLength(5)
    const next = await syncOnce({ db: device.db })
    expect(next).toMatchObject({ ok: true, value: { audit: { sent: 5, problem: null } } })
    expect(await serverChain(device.deviceId)).toHaveLength(5)
    const problems = server.services.db.selectFrom('audit_chain_problems').selectAll()
    expect(await problems.where('device_id', '=', device.deviceId).execute()).toEqual([])
  })

  it.each([
    ['edited', (db: ConsentLensDb, id: string) => db.audit.update(id, { details: { i: 99 } })],
    ['removed', (db: ConsentLensDb, id: string) => db.audit.delete(id)],
  ] as const)(
    'an event %s on the tablet is reported to the manager on every tablet after the next sync',
    async (code, tamper) => {
      const tablet = await enrolledDevice(server, DEMO_SETTING_ID)
      const managers = await enrolledDevice(server, DEMO_SETTING_ID)
      await record(tablet.db, 2)
      expect((await syncOnce({ db: tablet.db })).ok).toBe(true)
      await record(tablet.db, 3)
      const third = tablet.db.audit.where('[deviceId+seq]').equals([tablet.deviceId, 3])
      await tamper(tablet.db, (await third.first())!.id)
      const synced = await syncOnce({ db: tablet.db })
      expect(synced).toMatchObject({ ok: true, value: { audit: { problem: { code, seq: 3 } } } })
      await record(tablet.db, 1)
      expect(await syncOnce({ db: tablet.db })).toMatchObject({ value: { audit: { sent: 1 } } })
      expect((await syncOnce({ db: managers.db })).ok).toBe(true)
      const facts = await loadAlertFacts(managers.db)
      const problems = facts.server!.chainProblems.filter((p) => p.deviceId === tablet.deviceId)
      expect(problems).toEqual([expect.objectContaining({ code, seq: 3, name: 'iPad' })])
      const alerts = managerAlerts({
        now: new Date().toISOString(),
        timeZone: 'UTC',
        names: auditDirectory({ staff: [], children: [], locations: [] }),
        unsent: [],
        flagged: [],
        quarantined: 0,
        reviews: { overdue: 0, dueSoon: 0 },
        chain: verifyChain(facts.chain),
        chainProblems: facts.server!.chainProblems,
      })
      expect(alerts.map((a) => a.id)).toContain('tabletChains')
    },
  )
})

describe('the server’s export of the day', () => {
  it('parses, and matches what the tablet captured, row for row', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    await syncOnce({ db: device.db })
    const { meta } = await capturePhoto(device.db, { deviceId: device.deviceId })
    await record(device.db, 1, {
      type: 'capture-blocked',
      staffId: DEMO_STAFF.keyworker.id,
      details: {
        locationId: 'demo-loc-garden',
        childIds: [DEMO_SHOWCASE.allGranted.id],
        purposes: ['website'],
        rules: ['consent-missing'],
      },
    })
    expect(await syncOnce({ db: device.db })).toMatchObject({ ok: true, value: { uploaded: 1 } })
    const day = meta.takenAt
    const response = await exportCsv(device, DEMO_STAFF.manager, localDay(day))
    expect(response.status).toBe(200)
    const csv = Papa.parse<string[]>(await response.text(), { skipEmptyLines: true })
    expect(csv.errors).toEqual([])
    const tabletRows = await tabletAuditRows(device.db, localDay(day))
    const serverRows = csv.data.slice(1).filter((row) => row[4] === device.deviceId)
    expect(serverRows).toEqual(tabletRows)
    expect(serverRows.map((r) => r[0])).toEqual(['Photo', 'Blocked attempt'])
  })

  it('is refused to a keyworker', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    await syncOnce({ db: device.db })
    const response = await exportCsv(
      device,
      DEMO_STAFF.keyworker,
      localDay(new Date().toISOString()),
    )
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } })
  })
})

describe('the whole setting’s day, downloaded on a tablet', () => {
  it('has another tablet’s photo, for the manager with their PIN', async () => {
    const managers = await enrolledDevice(server, DEMO_SETTING_ID)
    const other = await enrolledDevice(server, DEMO_SETTING_ID)
    const { meta } = await capturePhoto(other.db, { deviceId: other.deviceId })
    expect(await syncOnce({ db: other.db })).toMatchObject({ ok: true, value: { uploaded: 1 } })
    const day = localDay(meta.takenAt)
    const request = { day, staffId: DEMO_STAFF.manager.id, pin: DEMO_STAFF.manager.pin }
    const csv = await downloadServerAuditDay(managers.db, { ...request, format: 'csv' })
    if (!csv.ok) throw new Error(csv.error.message)
    expect(csv.value.fileName).toMatch(new RegExp(`^consentlens-audit-.*-${day}\\.csv$`))
    const rows = Papa.parse<string[]>(await csv.value.file.text(), { skipEmptyLines: true }).data
    expect(rows.some((row) => row[4] === other.deviceId && row[0] === 'Photo')).toBe(true)
    const pdf = await downloadServerAuditDay(managers.db, { ...request, format: 'pdf' })
    if (!pdf.ok) throw new Error(pdf.error.message)
    const head = new Uint8Array(await pdf.value.file.arrayBuffer()).slice(0, 5)
    expect(new TextDecoder().decode(head)).toBe('%PDF-')
  })

  it('is refused with the server’s words for a wrong PIN, and says so when offline or not enrolled', async () => {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    const day = localDay(new Date().toISOString())
    const wrong = await downloadServerAuditDay(device.db, {
      day,
      format: 'csv',
      staffId: DEMO_STAFF.manager.id,
      pin: '000000',
    })
    expect(wrong).toMatchObject({ ok: false, error: { status: 403 } })
    const request = { day, format: 'csv' as const, staffId: DEMO_STAFF.manager.id, pin: '1' }
    const offline = await downloadServerAuditDay(device.db, request, () =>
      Promise.reject(new TypeError('fetch failed')),
    )
    expect(offline).toMatchObject({ ok: false, error: { code: 'offline' } })
    const alone = freshDb()
    const notEnrolled = await downloadServerAuditDay(alone, request)
    expect(notEnrolled).toMatchObject({ ok: false, error: { code: 'not_enrolled' } })
    await alone.delete()
  })
})

function localDay(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

async function exportCsv(device: Device, staff: { id: string; pin: string }, day: string) {
  return fetch(`${server.url}/api/audit/export?day=${day}&format=csv`, {
    headers: {
      authorization: `Bearer ${await credentialOf(device)}`,
      'x-consentlens-staff': staff.id,
      'x-consentlens-pin': staff.pin,
    },
  })
}

/** The same day's rows as the tablet's own export makes them. */
async function tabletAuditRows(db: ConsentLensDb, day: string): Promise<string[][]> {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number)
  const from = new Date(y, m - 1, d).toISOString()
  const until = new Date(y, m - 1, d + 1).toISOString()
  const photos = await db.photos.where('takenAt').between(from, until).toArray()
  const events = await db.audit.where('at').between(from, until).toArray()
  const names = auditDirectory({
    staff: await db.staff.toArray(),
    children: await db.children.toArray(),
    locations: await db.locations.toArray(),
  })
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const chain = verifyChain(events)
  return auditCsvRows(buildDailyAudit({ day, timeZone, photos, events, chain, names }))
}
