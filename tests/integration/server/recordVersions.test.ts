// Two tablets edit the same record: the server keeps the newer copy by the records' own
// versions (src/protocol/recordVersion.ts), never the one that arrived last, and answers the
// older one with a refusal that carries the server's copy. On SQLite and (with DATABASE_URL)
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { PushChange } from '../../../src/protocol/index.ts'
import { getEntity } from '../../../src/server/storage/entities.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id
const T1 = '2026-11-23T10:00:00.000Z'
const T2 = '2026-11-23T10:05:00.000Z'

/** A change as a tablet pushes it, signed by `actorId` with their demo PIN's seed. */
function change(kind: PushChange['kind'], payload: unknown, actorId: string = MANAGER) {
  return signedChange(DEMO_SETTING_ID, demoSigner(actorId), kind, payload)
}

function studentCopy(canCapture: boolean, version: number, updatedAt: string) {
  const s = DEMO_STAFF.student
  const { id, name, role, roomId } = s
  return { id, name, role, roomId, canCapture, active: true, version, updatedAt }
}

function injury(id: string, cleared: boolean, version: number, updatedAt: string) {
  return {
    id,
    childId: demoChildId('ordinary3'),
    recordedAt: T1,
    recordedBy: DEMO_STAFF.practitioner.id,
    description: 'Bumped knee',
    clearedAt: cleared ? updatedAt : null,
    clearedBy: cleared ? MANAGER : null,
    version,
    updatedAt,
  }
}

describe.each(BACKENDS)('record versions on $backend', ({ backend, skip }) => {
  let server: TestServer
  let tabletA: { deviceId: string; credential: string }
  let tabletB: { deviceId: string; credential: string }

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    tabletA = await enrolDevice(server, DEMO_SETTING_ID)
    tabletB = await enrolDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  const push = (tablet: { credential: string }, changes: unknown[]) =>
    call(server, 'POST', '/api/sync/push', {
      credential: tablet.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
  const held = (kind: 'staff' | 'injury', id: string) =>
    getEntity(server.services.db, DEMO_SETTING_ID, kind, id)

  it.skipIf(skip)(
    'an older staff edit arriving last does not overwrite the newer one, and is told so',
    async () => {
      // Both tablets edited version 0 offline; B's edit is the later (T2) and arrives first.
      const newer = change('staff', studentCopy(false, 1, T2))
      const older = change('staff', studentCopy(true, 1, T1))
      expect((await push(tabletB, [newer])).body.results).toEqual([
        { id: newer.id, status: 'applied' },
      ])
      const answer = await push(tabletA, [older])
      expect(answer.body.results).toEqual([
        {
          id: older.id,
          status: 'rejected',
          error: { code: 'superseded', message: expect.stringMatching(/newer version/) },
          serverCopy: { kind: 'staff', id: DEMO_STAFF.student.id, payload: newer.payload },
        },
      ])
      expect(await held('staff', DEMO_STAFF.student.id)).toEqual(newer.payload)
    },
  )

  it.skipIf(skip)(
    'an edit made after seeing another wins by its version, whatever the clocks say',
    async () => {
      // A pulled version 1 and edited it (version 2), but A's clock is behind B's.
      const seen = change('staff', studentCopy(true, 2, '2026-11-23T09:00:00.000Z'))
      expect((await push(tabletA, [seen])).body.results).toEqual([
        { id: seen.id, status: 'applied' },
      ])
      expect(await held('staff', DEMO_STAFF.student.id)).toEqual(seen.payload)
    },
  )

  it.skipIf(skip)('an uncleared copy of an injury never un-clears it', async () => {
    const id = globalThis.crypto.randomUUID()
    const recorded = change('injury', injury(id, false, 1, T1), DEMO_STAFF.practitioner.id)
    const cleared = change('injury', injury(id, true, 2, T2))
    expect((await push(tabletA, [recorded])).body.results).toMatchObject([{ status: 'applied' }])
    expect((await push(tabletB, [cleared])).body.results).toMatchObject([{ status: 'applied' }])
    // The first version again, under a new change id (a tablet that re-sent its own copy).
    const stale = change('injury', injury(id, false, 1, T1), DEMO_STAFF.practitioner.id)
    const answer = await push(tabletA, [stale])
    expect(answer.body.results).toMatchObject([
      {
        status: 'rejected',
        error: { code: 'superseded' },
        serverCopy: { payload: cleared.payload },
      },
    ])
    expect(await held('injury', id)).toMatchObject({ clearedAt: T2, clearedBy: MANAGER })
  })

  it.skipIf(skip)(
    'a refused change sent again is answered with the server’s copy again',
    async () => {
      const older = change('staff', studentCopy(true, 1, T1))
      const first = await push(tabletA, [older])
      const again = await push(tabletA, [older])
      expect(first.body.results).toMatchObject([
        { status: 'rejected', serverCopy: { kind: 'staff' } },
      ])
      expect(again.body.results).toEqual(first.body.results)
    },
  )
})
