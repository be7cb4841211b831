// Retention per purpose, on SQLite and (with DATABASE_URL) PostgreSQL, with the
// server's clock moved forward: exactly the photos past their time are erased (tombstone,
// bytes gone, an audit line saying why), through the same path as every erasure, and the
// tablet holding them hears of it. The manager marks a child as left on a tablet; the schedule does the
// rest. A photo of several children stays while any child's purpose allows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markChildLeft } from '../../../src/db/index.ts'
import { testSigner } from '../../support/testSigners.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { Purpose } from '../../../src/policy/index.ts'
import { RetentionAnswerSchema } from '../../../src/protocol/index.ts'
import { addMonths } from '../../../src/server/retention/photoExpiry.ts'
import { startRetentionSchedule } from '../../../src/server/retention/retentionSchedule.ts'
import { runRetention } from '../../../src/server/retention/runRetention.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { staffDesk, type StaffDesk } from '../../support/signedStaff.ts'
import { enrolledDevice, type Device, synced } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const AVA = DEMO_SHOWCASE.allGranted.id
const OSCAR = demoChildId('ordinary1')
const MIA = demoChildId('ordinary2')
const MANAGER = DEMO_STAFF.manager
const DAY_MS = 86_400_000

describe.each(BACKENDS)('retention on $backend', ({ backend, skip }) => {
  let server: TestServer
  let a: Device
  let send: StaffDesk
  const ids: Record<string, string> = {}
  const start = Date.now()

  async function signed(
    person: { id: string; pin: string },
    method: string,
    path: string,
    json?: unknown,
  ) {
    const response = await send(person, method, path, json)
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }

  const erasedIds = async () =>
    (
      await server.services.db
        .selectFrom('photos')
        .select('id')
        .where('erased_at', 'is not', null)
        .execute()
    ).map((r) => r.id)

  async function take(name: string, childIds: string[], purposes: Purpose[]) {
    const photo = await capturePhoto(a.db, {
      deviceId: a.deviceId,
      size: 3_000,
      childIds,
      purposes,
    })
    ids[name] = photo.meta.id
  }

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    a = await enrolledDevice(server, DEMO_SETTING_ID)
    send = (await staffDesk(server, DEMO_SETTING_ID)).send
    await synced(a)
    await take('display', [AVA], ['display'])
    await take('attends', [OSCAR], ['learning_journey'])
    await take('leaver', [MIA], ['learning_journey'])
    await take('both', [MIA, OSCAR], ['learning_journey'])
    await take('approved', [AVA], ['publicity'])
    await take('unapproved', [AVA], ['website'])
    await take('displayAndJourney', [OSCAR], ['display', 'learning_journey'])
    await synced(a)
    const approval = await signed(
      MANAGER,
      'POST',
      `/api/library/photos/${ids.approved}/approvals`,
      {
        childId: AVA,
        givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
        place: 'Website',
        until: new Date(start + 60 * DAY_MS).toISOString(),
      },
    )
    expect(approval.status).toBe(200)
  }, 90_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)('the manager reads and sets retention per purpose; nobody else', async () => {
    const read = RetentionAnswerSchema.parse(
      (await signed(MANAGER, 'GET', '/api/library/retention')).json,
    )
    expect(read.policy).toEqual({
      journeyMonthsAfterLeaving: 3,
      displayMonths: 12,
      publicityMonthsWithoutApproval: 3,
    })
    expect(read.updatedBy).toBeNull()
    const keyworker = await signed(
      DEMO_STAFF.keyworker,
      'POST',
      '/api/library/retention',
      read.policy,
    )
    expect(keyworker.status).toBe(403)
    const bad = await signed(MANAGER, 'POST', '/api/library/retention', {
      ...read.policy,
      displayMonths: 0,
    })
    expect(bad.status).toBe(400)
    const set = await signed(MANAGER, 'POST', '/api/library/retention', {
      ...read.policy,
      displayMonths: 10,
    })
    expect(set.status).toBe(200)
    expect(RetentionAnswerSchema.parse(set.json)).toMatchObject({
      policy: { displayMonths: 10 },
      updatedBy: MANAGER.id,
    })
    const lines = await server.services.db
      .selectFrom('server_audit')
      .selectAll()
      .where('type', '=', 'retention-changed')
      .execute()
    expect(lines.map((l) => JSON.parse(l.details) as unknown)).toEqual([
      { before: read.policy, after: { ...read.policy, displayMonths: 10 } },
    ])
  })

  it.skipIf(skip)('today nothing is past its time', async () => {
    const runs = await runRetention(server.services)
    expect(runs.flatMap((r) => r.erased)).toEqual([])
    expect(await erasedIds()).toEqual([])
  })

  it.skipIf(skip)(
    'a child marked as left on a tablet: their journey goes 3 months later, and only theirs',
    async () => {
      const leftOn = new Date(start + 30 * DAY_MS).toISOString().slice(0, 10)
      const marked = await markChildLeft(
        a.db,
        { childId: MIA, leavingDate: leftOn },
        await testSigner(a.db, MANAGER.id),
        new Date().toISOString(),
      )
      expect(marked.ok).toBe(true)
      await synced(a)

      // Just before the leaver's end: nothing yet (the website photo without approval has 3
      // months from the day it was taken, which comes earlier: it goes).
      const mia = Date.parse(addMonths(leftOn, 3))
      server.clock.offsetMs = mia - Date.now() - DAY_MS
      let runs = await runRetention(server.services)
      expect(runs.flatMap((r) => r.erased.map((e) => e.photoId)).sort()).toEqual(
        [ids.approved, ids.unapproved].sort(),
      )
      server.clock.offsetMs = mia - Date.now() + DAY_MS
      runs = await runRetention(server.services)
      const gone = runs.flatMap((r) => r.erased)
      expect(gone.map((e) => e.photoId)).toEqual([ids.leaver])
      expect(gone[0]?.reason).toContain('learning journey: 3 months after the child left')

      const tomb = await server.services.db
        .selectFrom('photos')
        .selectAll()
        .where('id', '=', ids.leaver!)
        .executeTakeFirstOrThrow()
      expect(tomb).toMatchObject({ erased_cause: 'retention', erased_by: 'server' })
      expect(tomb.bytes_removed_at).not.toBeNull()
      expect(await server.services.photos.read(tomb.checksum)).toBeNull()
      const lines = await server.services.db
        .selectFrom('server_audit')
        .selectAll()
        .where('type', '=', 'photo-erased')
        .execute()
      const leaverLine = lines.find((l) => l.details.includes(ids.leaver!))
      expect(JSON.parse(leaverLine!.details)).toMatchObject({
        cause: 'retention',
        reason: expect.stringContaining('3 months after the child left'),
      })
    },
  )

  it.skipIf(skip)(
    'past the display months: the display photo goes; a photo still in a journey stays',
    async () => {
      server.clock.offsetMs =
        Date.parse(addMonths(new Date(start).toISOString(), 10)) + DAY_MS - Date.now()
      // The server's own schedule this time: its first run, as at start.
      const lines: string[] = []
      const schedule = startRetentionSchedule(server.services, (line) => lines.push(line))
      await schedule.done
      schedule.stop()
      expect(lines).toEqual(['Retention: erased 1 photo(s) past their time.'])
      expect((await erasedIds()).sort()).toEqual(
        [ids.approved, ids.unapproved, ids.leaver, ids.display].sort(),
      )
      // Kept: Oscar attends, so his journey photos stay, the group photo with Mia too.
      for (const kept of [ids.attends, ids.both, ids.displayAndJourney]) {
        expect(await erasedIds()).not.toContain(kept)
      }
      // The tablet that took them hears of every erasure at its next sync: its copies go.
      await synced(a)
      for (const id of [ids.display, ids.leaver, ids.approved]) {
        expect((await a.db.photos.get(id!))?.erasedOnServer).toMatchObject({ by: 'server' })
        expect(await a.db.photoImages.get(id!)).toBeUndefined()
      }
      expect((await a.db.photos.get(ids.both!))?.erasedOnServer).toBeUndefined()
      expect(await a.db.photoImages.get(ids.both!)).toBeDefined()
    },
  )
})
