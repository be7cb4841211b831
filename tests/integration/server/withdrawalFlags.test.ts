// A withdrawal commits its records, and the removal flags it owes the child's earlier photos
// are written by the next transaction (src/server/ingest/withdrawalFlags.ts, decision 0041), so
// that it reaches the other tablets without waiting for hundreds of photos. Owed flags are
// never lost: a server stopped between the two writes them at its next start. SQLite and
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { PushChange, Purpose } from '../../../src/protocol/index.ts'
import { applyPush } from '../../../src/server/ingest/applyPush.ts'
import { startFlagsDueSweep } from '../../../src/server/ingest/flagsDueSweep.ts'
import { policyDataLoader } from '../../../src/server/ingest/policyData.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { demoSigners, signedChange, type TestSigner } from '../../support/signedChanges.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id
const HOUR = 3_600_000
const PHOTOS = 30

type Status = { id: string; quarantine: { rules: string[] } | null; flaggedForRemoval: unknown[] }

describe.each(BACKENDS)('the flags a withdrawal owes, on $backend', (b) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let signers: Map<string, TestSigner>

  const signed = (by: string, kind: PushChange['kind'], payload: object) => {
    const signer = signers.get(by)
    if (signer === undefined) throw new Error(`No signer for ${by}`)
    return signedChange(DEMO_SETTING_ID, signer, kind, payload)
  }
  const push = async (changes: PushChange[]) => {
    const answer = await call(server, 'POST', '/api/sync/push', {
      credential: device.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
    expect(answer.status).toBe(200)
    return (answer.body.results as { status: string }[]).map((r) => r.status)
  }
  const photo = (childId: string, purpose: Purpose, takenAt: number) =>
    photoMeta({
      deviceId: device.deviceId,
      bytes: photoBytes(1_000),
      childIds: [childId],
      purposes: [purpose],
      takenAt: new Date(takenAt).toISOString(),
    })
  const withdrawal = (childId: string, purpose: Purpose, recordedAt: string) => ({
    id: globalThis.crypto.randomUUID(),
    childId,
    purpose,
    status: 'withdrawn',
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt,
    recordedBy: MANAGER,
    reviewDue: null,
    supersedes: null,
  })
  /** What the tablets are told of each photo, as a pull from the start gives it. */
  const statuses = async () => {
    const page = await call(server, 'GET', `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=0`, {
      credential: device.credential,
    })
    const changes = page.body.changes as { kind: string; payload: Status }[]
    const all = changes.filter((c) => c.kind === 'photoStatus').map((c) => c.payload)
    return new Map(all.map((status) => [status.id, status]))
  }
  const owedRows = () => server.services.db.selectFrom('withdrawal_flags_due').selectAll().execute()

  beforeAll(async () => {
    if (b.skip) return
    signers = demoSigners()
    server = await startTestServer(b.backend)
    device = await enrolDevice(server, DEMO_SETTING_ID)
  }, 60_000)
  afterAll(async () => {
    if (!b.skip) await server.close()
  })

  it.skipIf(b.skip)(
    'a server stopped between a withdrawal and its flags writes them at its next start, once',
    async () => {
      const child = demoChildId('ordinary6')
      const now = Date.now()
      const earlier = Array.from({ length: PHOTOS }, (_, i) =>
        photo(child, 'learning_journey', now - 3 * HOUR - i * 60_000),
      )
      const otherPurpose = photo(child, 'website', now - 3 * HOUR)
      const later = photo(child, 'learning_journey', now - HOUR)
      const sent = [...earlier, otherPurpose, later]
      expect(await push(sent.map((p) => signed(p.staffId, 'photo', p)))).toEqual(
        sent.map(() => 'applied'),
      )
      // The withdrawal's own transaction, and nothing after it: a server that stopped there.
      const withdrawn = withdrawal(
        child,
        'learning_journey',
        new Date(now - 2 * HOUR).toISOString(),
      )
      const results = await applyPush(
        server.services.db,
        { id: device.deviceId, settingId: DEMO_SETTING_ID, name: 'Tablet' },
        [signed(MANAGER, 'consent', withdrawn)],
        new Date().toISOString(),
        policyDataLoader(),
      )
      expect(results.map((r) => r.status)).toEqual(['applied'])
      // It quarantined the photo taken after it, and owes the earlier ones their flags.
      // (A photo nothing has happened to has no status of its own: none was ever written.)
      let told = await statuses()
      const flagsOf = (id: string) => told.get(id)?.flaggedForRemoval ?? []
      expect(told.get(later.id)?.quarantine?.rules).toContain('consent-withdrawn')
      expect(earlier.map((p) => flagsOf(p.id))).toEqual(earlier.map(() => []))
      expect(await owedRows()).toHaveLength(1)

      // The next start.
      const lines: string[] = []
      const sweep = startFlagsDueSweep(server.services, (line) => lines.push(line))
      await sweep.done
      sweep.stop()
      told = await statuses()
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

  it.skipIf(b.skip)(
    'over HTTP a withdrawal is answered with its flags written and nothing left owed',
    async () => {
      const child = demoChildId('ordinary7')
      const now = Date.now()
      const earlier = photo(child, 'learning_journey', now - 3 * HOUR)
      expect(await push([signed(earlier.staffId, 'photo', earlier)])).toEqual(['applied'])
      const withdrawn = withdrawal(
        child,
        'learning_journey',
        new Date(now - 2 * HOUR).toISOString(),
      )
      expect(await push([signed(MANAGER, 'consent', withdrawn)])).toEqual(['applied'])
      expect((await statuses()).get(earlier.id)?.flaggedForRemoval).toEqual([
        { childId: child, purposes: ['learning_journey'], at: withdrawn.recordedAt },
      ])
      expect(await owedRows()).toEqual([])
    },
  )
})
