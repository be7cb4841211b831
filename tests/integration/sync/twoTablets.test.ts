// Two iPads (Dexie on fake-indexeddb) and the real server, on SQLite and (with DATABASE_URL)
// PostgreSQL: both edit the same record offline, and the newer edit wins everywhere whatever
// the order they sync in; a change the server refuses is kept on the tablet, shown to the
// manager, and the tablet's copy made to agree with the server's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  clearInjury,
  loadPolicyContext,
  recordConsent,
  setAuthorised,
  unseenRefusals,
} from '../../../src/db/index.ts'
import { testSigner } from '../../support/testSigners.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { deniedMessage, evaluateCapture } from '../../../src/policy/index.ts'
import { getEntity } from '../../../src/server/storage/entities.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { enrolledDevice, type Device, synced } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'
import { CLEAR_ATTESTATIONS } from '../../support/policyFixture.ts'

const MANAGER = DEMO_STAFF.manager.id
const STUDENT = DEMO_STAFF.student.id
const INJURY = 'demo-injury-injured'

function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString()
}

describe.each(BACKENDS)('two tablets on $backend', ({ backend, skip }) => {
  let server: TestServer
  let a: Device
  let b: Device

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    a = await enrolledDevice(server, DEMO_SETTING_ID)
    b = await enrolledDevice(server, DEMO_SETTING_ID)
    for (const device of [a, b]) await synced(device)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  const onServer = (kind: 'staff' | 'injury', id: string) =>
    getEntity(server.services.db, DEMO_SETTING_ID, kind, id)

  it.skipIf(skip)(
    'a staff record edited on both: the later edit wins although the earlier one syncs last',
    async () => {
      // A authorises the student at T1; B, later (T2), takes the authorisation away.
      const earlier = await setAuthorised(
        a.db,
        STUDENT,
        true,
        await testSigner(a.db, MANAGER),
        minutesAgo(10),
      )
      const later = await setAuthorised(
        b.db,
        STUDENT,
        false,
        await testSigner(b.db, MANAGER),
        minutesAgo(5),
      )
      expect(earlier.ok && later.ok).toBe(true)
      await synced(b)
      const aSync = await syncOnce({ db: a.db })
      expect(aSync).toMatchObject({ ok: true, value: { push: { refused: [{ kind: 'staff' }] } } })
      await synced(b)
      expect(await onServer('staff', STUDENT)).toMatchObject({ canCapture: false })
      for (const device of [a, b]) {
        expect(await device.db.staff.get(STUDENT)).toMatchObject({ canCapture: false })
      }
      // A's own change is not lost in silence: it is kept, with why, for the manager.
      expect(await unseenRefusals(a.db)).toEqual([
        expect.objectContaining({
          kind: 'staff',
          entityId: STUDENT,
          code: 'superseded',
          outcome: 'server-copy',
          payload: expect.objectContaining({ canCapture: true }),
        }),
      ])
    },
  )

  it.skipIf(skip)(
    'an injury cleared on both: every copy ends with the same, newer clearing',
    async () => {
      const first = minutesAgo(4)
      const second = minutesAgo(2)
      const onA = await clearInjury(a.db, INJURY, await testSigner(a.db, MANAGER), first)
      const onB = await clearInjury(b.db, INJURY, await testSigner(b.db, MANAGER), second)
      expect(onA.ok && onB.ok).toBe(true)
      await synced(b)
      await synced(a)
      await synced(b)
      expect(await onServer('injury', INJURY)).toMatchObject({ clearedAt: second })
      for (const device of [a, b]) {
        expect(await device.db.injuries.get(INJURY)).toMatchObject({ clearedAt: second })
      }
    },
  )

  it.skipIf(skip)(
    'a change the server refuses for want of rights is kept and undone on the tablet',
    async () => {
      // Tablet A's copy of the staff list is wrong (it says the practitioner is a manager):
      // the server, which checks against its own, refuses the practitioner's change. The
      // change is truly theirs (signed with their PIN's key): only their role falls short.
      const practitioner = await testSigner(a.db, DEMO_STAFF.practitioner.id)
      await a.db.staff.update(practitioner.id, { role: 'manager' })
      expect((await setAuthorised(a.db, STUDENT, true, practitioner, minutesAgo(1))).ok).toBe(true)
      await synced(a)
      expect(await a.db.staff.get(STUDENT)).toMatchObject({ canCapture: false })
      expect(await a.db.outbox.count()).toBe(0)
      expect(await unseenRefusals(a.db)).toContainEqual(
        expect.objectContaining({
          kind: 'staff',
          entityId: STUDENT,
          code: 'not_permitted',
          message: deniedMessage('authorise-staff'),
          actorId: practitioner.id,
          outcome: 'server-copy',
        }),
      )
    },
  )

  it.skipIf(skip)(
    'a consent grant the server refuses leaves the tablet blocking again',
    async () => {
      const child = DEMO_SHOWCASE.publicSocialRefused.id
      const practitioner = await testSigner(a.db, DEMO_STAFF.practitioner.id)
      await a.db.staff.update(practitioner.id, { role: 'manager' })
      const decide = async () =>
        evaluateCapture(
          {
            staffId: DEMO_STAFF.manager.id,
            deviceId: a.deviceId,
            locationId: 'demo-loc-garden',
            at: new Date().toISOString(),
            childIds: [child],
            purposes: ['social_public'],
            adultInFrame: false,
            attestations: { ...CLEAR_ATTESTATIONS },
            caption: '',
            reason: null,
          },
          await loadPolicyContext(a.db, { now: new Date().toISOString(), deviceId: a.deviceId }),
        )
      expect((await decide()).verdict).toBe('block')
      const grant = await recordConsent(
        a.db,
        {
          childId: child,
          decisions: { social_public: 'granted' },
          givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
        },
        practitioner,
        new Date().toISOString(),
      )
      expect(grant.ok).toBe(true)
      expect((await decide()).verdict).toBe('allow')
      await synced(a)
      // The server never had the grant: the tablet removes it and blocks as the server would.
      expect((await decide()).verdict).toBe('block')
      expect(await unseenRefusals(a.db)).toContainEqual(
        expect.objectContaining({
          kind: 'consent',
          code: 'not_permitted',
          message: deniedMessage('record-consent'),
          actorId: practitioner.id,
          outcome: 'removed',
        }),
      )
    },
  )
})
