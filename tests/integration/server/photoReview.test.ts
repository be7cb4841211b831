// A push's consent records and injuries have their child's photos reviewed once per child, at
// the end of the push's transaction (src/server/ingest/reviewChildPhotos.ts), and a push reads
// each author's record once (proveActor.ts): what a withdrawal quarantines or flags, and who
// may sign, are what they were when every record was reviewed and read on its own. The flags a
// withdrawal owes the photos taken before it are written by the next transaction
// (withdrawalFlags.ts, decision 0041): never lost, even by a server stopped in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { PushChange, Purpose } from '../../../src/protocol/index.ts'
import { applyPush } from '../../../src/server/ingest/applyPush.ts'
import { startFlagsDueSweep } from '../../../src/server/ingest/flagsDueSweep.ts'
import { policyDataLoader } from '../../../src/server/ingest/policyData.ts'
import { getEntity } from '../../../src/server/storage/entities.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import { demoSigners, signedChange, type TestSigner } from '../../support/signedChanges.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id
const HOUR = 3_600_000

function withdrawal(childId: string, purpose: Purpose, recordedAt: string) {
  return {
    id: globalThis.crypto.randomUUID(),
    childId,
    purpose,
    status: 'withdrawn',
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt,
    recordedBy: MANAGER,
    reviewDue: null,
    supersedes: null,
  }
}

interface Status {
  id: string
  quarantine: { rules: string[] } | null
  flaggedForRemoval: { childId: string; purposes: string[]; at?: string }[]
}

describe.each(BACKENDS)('photo reviews of a push on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let signers: Map<string, TestSigner>

  function signed(kind: PushChange['kind'], payload: object, actorId: string): PushChange {
    const signer = signers.get(actorId)
    if (signer === undefined) throw new Error(`No signer for ${actorId}`)
    return signedChange(DEMO_SETTING_ID, signer, kind, payload)
  }

  beforeAll(async () => {
    if (skip) return
    signers = demoSigners()
    server = await startTestServer(backend)
    device = await enrolDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  const push = async (changes: PushChange[]) => {
    const answer = await call(server, 'POST', '/api/sync/push', {
      credential: device.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
    return answer.body.results as { id: string; status: string; error?: { code: string } }[]
  }
  const statuses = async (): Promise<Map<string, Status>> => {
    const page = await call(server, 'GET', `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=0`, {
      credential: device.credential,
    })
    const changes = page.body.changes as { kind: string; payload: Status }[]
    return new Map(
      changes.filter((c) => c.kind === 'photoStatus').map((c) => [c.payload.id, c.payload]),
    )
  }
  const owedRows = () => server.services.db.selectFrom('withdrawal_flags_due').selectAll().execute()
  const photo = (childId: string, takenAt: number, purposes: Purpose[]) =>
    photoMeta({
      deviceId: device.deviceId,
      bytes: photoBytes(2_000),
      childIds: [childId],
      purposes,
      takenAt: new Date(takenAt).toISOString(),
    })

  it.skipIf(skip)(
    'two withdrawals of one child in one push quarantine the photos after them and flag those before, with warm caches',
    async () => {
      const child = demoChildId('ordinary1')
      const now = Date.now()
      const withdrawnAt = now - 2 * HOUR
      const both: Purpose[] = ['learning_journey', 'website']
      const before = photo(child, withdrawnAt - HOUR, both)
      const after = photo(child, withdrawnAt + HOUR, both)
      const allowed = (await push([before, after].map((p) => signed('photo', p, p.staffId)))).map(
        (r) => r.status,
      )
      expect(allowed).toEqual(['applied', 'applied'])
      // The server's policy data and contexts were built for these photos: now warm.
      expect([...(await statuses()).keys()]).not.toContain(after.id)
      const at = new Date(withdrawnAt).toISOString()
      const records = [withdrawal(child, 'learning_journey', at), withdrawal(child, 'website', at)]
      // A photo taken before them that arrives in the same push, after them.
      const late = photo(child, withdrawnAt - HOUR / 2, ['learning_journey'])
      const results = await push([
        ...records.map((r) => signed('consent', r, MANAGER)),
        signed('photo', late, late.staffId),
      ])
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
      const seen = await statuses()
      expect(seen.get(after.id)?.quarantine?.rules).toContain('consent-withdrawn')
      expect(seen.get(after.id)?.flaggedForRemoval).toEqual([])
      expect(seen.get(before.id)).toMatchObject({
        quarantine: null,
        flaggedForRemoval: [
          { childId: child, purposes: ['learning_journey'] },
          { childId: child, purposes: ['website'] },
        ],
      })
      expect(seen.get(late.id)).toMatchObject({
        quarantine: null,
        flaggedForRemoval: [{ childId: child, purposes: ['learning_journey'] }],
      })
    },
  )

  it.skipIf(skip)(
    'a server stopped between a withdrawal and its flags writes them at its next start, once',
    async () => {
      const PHOTOS = 30
      const child = demoChildId('ordinary6')
      const now = Date.now()
      const earlier = Array.from({ length: PHOTOS }, (_, i) =>
        photo(child, now - 3 * HOUR - i * 60_000, ['learning_journey']),
      )
      const otherPurpose = photo(child, now - 3 * HOUR, ['website'])
      const later = photo(child, now - HOUR, ['learning_journey'])
      const sent = [...earlier, otherPurpose, later]
      expect(
        (await push(sent.map((p) => signed('photo', p, p.staffId)))).map((r) => r.status),
      ).toEqual(sent.map(() => 'applied'))
      // The withdrawal's own transaction, and nothing after it: a server that stopped there.
      const withdrawn = withdrawal(
        child,
        'learning_journey',
        new Date(now - 2 * HOUR).toISOString(),
      )
      const results = await applyPush(
        server.services.db,
        { id: device.deviceId, settingId: DEMO_SETTING_ID, name: 'Tablet' },
        [signed('consent', withdrawn, MANAGER)],
        new Date().toISOString(),
        policyDataLoader(),
      )
      expect(results.map((r) => r.status)).toEqual(['applied'])
      // It quarantined the photo taken after it, and owes the earlier ones their flags.
      // (A photo nothing has happened to has no status of its own: none was ever written.)
      let seen = await statuses()
      const flagsOf = (id: string) => seen.get(id)?.flaggedForRemoval ?? []
      expect(seen.get(later.id)?.quarantine?.rules).toContain('consent-withdrawn')
      expect(earlier.map((p) => flagsOf(p.id))).toEqual(earlier.map(() => []))
      expect(await owedRows()).toHaveLength(1)

      // The next start.
      const lines: string[] = []
      const sweep = startFlagsDueSweep(server.services, (line) => lines.push(line))
      await sweep.done
      sweep.stop()
      seen = await statuses()
      const flag = { childId: child, purposes: ['learning_journey'], at: withdrawn.recordedAt }
      expect(earlier.map((p) => flagsOf(p.id))).toEqual(earlier.map(() => [flag]))
      // Not the photo taken for another purpose, nor the quarantined one.
      expect(flagsOf(otherPurpose.id)).toEqual([])
      expect(flagsOf(later.id)).toEqual([])
      expect(await owedRows()).toEqual([])
      expect(lines).toEqual([`Flagged ${PHOTOS} photo(s) for removal after a withdrawal.`])

      // Once: another run finds nothing owed and changes nothing.
      const again = startFlagsDueSweep(server.services, (line) => lines.push(line))
      await again.done
      again.stop()
      expect(lines).toHaveLength(1)
    },
  )

  it.skipIf(skip)(
    'over HTTP a withdrawal is answered with its flags written and nothing left owed',
    async () => {
      const child = demoChildId('ordinary7')
      const now = Date.now()
      const earlier = photo(child, now - 3 * HOUR, ['learning_journey'])
      expect(
        (await push([signed('photo', earlier, earlier.staffId)])).map((r) => r.status),
      ).toEqual(['applied'])
      const withdrawn = withdrawal(
        child,
        'learning_journey',
        new Date(now - 2 * HOUR).toISOString(),
      )
      expect((await push([signed('consent', withdrawn, MANAGER)])).map((r) => r.status)).toEqual([
        'applied',
      ])
      expect((await statuses()).get(earlier.id)?.flaggedForRemoval).toEqual([
        { childId: child, purposes: ['learning_journey'], at: withdrawn.recordedAt },
      ])
      expect(await owedRows()).toEqual([])
    },
  )

  it.skipIf(skip)(
    'a withdrawal pushed again flags nothing twice and quarantines nothing more',
    async () => {
      const child = demoChildId('ordinary2')
      const now = Date.now()
      const early = photo(child, now - 3 * HOUR, ['learning_journey'])
      await push([signed('photo', early, early.staffId)])
      const record = withdrawal(child, 'learning_journey', new Date(now - 2 * HOUR).toISOString())
      await push([signed('consent', record, MANAGER)])
      const first = (await statuses()).get(early.id)
      await push([signed('consent', record, MANAGER)])
      expect((await statuses()).get(early.id)).toEqual(first)
      expect(first?.flaggedForRemoval).toHaveLength(1)
    },
  )

  it.skipIf(skip)(
    'a photo naming another tablet is not allowed though a photo of the same moment from this one was',
    async () => {
      const at = Date.now() - HOUR
      const own = photo(demoChildId('ordinary4'), at, ['learning_journey'])
      const other = { ...photo(demoChildId('ordinary4'), at, ['learning_journey']) }
      other.deviceId = 'another-tablet'
      await push([own, other].map((p) => signed('photo', p, p.staffId)))
      const seen = await statuses()
      expect(seen.get(own.id)).toBeUndefined()
      expect(seen.get(other.id)?.quarantine?.rules).toEqual(['device-not-enrolled'])
    },
  )

  it.skipIf(skip)(
    'a photo checked after the setting’s places changed meets the places as they are now',
    async () => {
      const child = demoChildId('ordinary5')
      const now = Date.now()
      const taken = photo(child, now - HOUR, ['learning_journey'])
      await push([signed('photo', taken, taken.staffId)])
      // Its context is warm; then the garden becomes a place where photos are prohibited.
      const garden = (await getEntity(
        server.services.db,
        DEMO_SETTING_ID,
        'location',
        taken.locationId,
      )) as Record<string, unknown> & { version?: number }
      const prohibited = {
        ...garden,
        kind: 'toilet',
        version: (garden.version ?? 0) + 1,
        updatedAt: new Date().toISOString(),
      }
      expect((await push([signed('location', prohibited, MANAGER)]))[0]?.status).toBe('applied')
      expect((await statuses()).get(taken.id)).toBeUndefined()
      // A photo of the same child at the same moment: the same records, the places changed.
      const after = photo(child, now - HOUR, ['learning_journey'])
      after.takenAt = taken.takenAt
      await push([signed('photo', after, after.staffId)])
      expect((await statuses()).get(after.id)?.quarantine?.rules).toEqual(['prohibited-location'])
    },
  )

  it.skipIf(skip)(
    'a person made inactive in a push signs nothing after it in the same push',
    async () => {
      const practitioner = DEMO_STAFF.practitioner.id
      const stored = (await getEntity(
        server.services.db,
        DEMO_SETTING_ID,
        'staff',
        practitioner,
      )) as Record<string, unknown> & { version?: number }
      const first = photo(demoChildId('ordinary3'), Date.now() - HOUR, ['learning_journey'])
      const second = photo(demoChildId('ordinary3'), Date.now() - HOUR, ['learning_journey'])
      const inactive = {
        ...stored,
        active: false,
        version: (stored.version ?? 0) + 1,
        updatedAt: new Date().toISOString(),
      }
      const results = await push([
        signed('photo', first, practitioner),
        signed('staff', inactive, MANAGER),
        signed('photo', second, practitioner),
      ])
      expect(results.map((r) => r.error?.code ?? r.status)).toEqual([
        'applied',
        'applied',
        'not_permitted',
      ])
    },
  )
})
