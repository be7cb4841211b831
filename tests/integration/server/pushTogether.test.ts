// A push reads the records its changes name together and writes its records, exactly-once
// rows and refusals' audit rows together (src/server/ingest/pushRecords.ts, decision 0032):
// a later change sees an earlier one of the same push as if it were written, and a failure
// after some were written leaves nothing of the push behind. SQLite and PostgreSQL.
import type { KyselyPlugin, RootOperationNode } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import type { PushChange, Purpose } from '../../../src/protocol/index.ts'
import { hashPinWithSeed } from '../../../src/db/pinHash.ts'
import { applyPush } from '../../../src/server/ingest/applyPush.ts'
import { policyDataLoader, type PolicyDataLoader } from '../../../src/server/ingest/policyData.ts'
import { getEntity, lastSeq } from '../../../src/server/storage/entities.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { demoSigners, signedChange, type TestSigner } from '../../support/signedChanges.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id
const PRACTITIONER = DEMO_STAFF.practitioner
const ESME = DEMO_SHOWCASE.noConsent.id
const AVA = DEMO_SHOWCASE.allGranted.id
const FAST = 100_000
const HOUR = 3_600_000

function consent(childId: string, purpose: Purpose, recordedAt: string, name = 'Parent') {
  return {
    id: globalThis.crypto.randomUUID(),
    childId,
    purpose,
    status: 'granted',
    givenBy: { name, relationship: 'mother', parentalResponsibility: true },
    recordedAt,
    recordedBy: MANAGER,
    reviewDue: null,
    supersedes: null,
  }
}

function injury(recordedBy: string) {
  return {
    id: globalThis.crypto.randomUUID(),
    childId: AVA,
    recordedAt: new Date().toISOString(),
    recordedBy,
    description: 'Grazed knee',
    clearedAt: null,
    clearedBy: null,
  }
}

/** Counts the statements a Kysely instance runs through it (its transactions too). */
function statementCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args: { node: RootOperationNode }) {
      this.count++
      return args.node
    },
    transformResult: (args) => Promise.resolve(args.result),
  }
}

type Result = { id: string; status: string; error?: { code: string } }
const outcome = (r: Result) => (r.status === 'rejected' ? r.error?.code : r.status)

describe.each(BACKENDS)('a push’s records read and written together, on $backend', (b) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let signers: Map<string, TestSigner>

  const signed = (by: string, kind: PushChange['kind'], payload: object) => {
    const signer = signers.get(by)
    if (signer === undefined) throw new Error(`No signer for ${by}`)
    return signedChange(DEMO_SETTING_ID, signer, kind, payload)
  }
  const push = async (changes: PushChange[]): Promise<Result[]> => {
    const answer = await call(server, 'POST', '/api/sync/push', {
      credential: device.credential,
      json: { settingId: DEMO_SETTING_ID, changes },
    })
    expect(answer.status).toBe(200)
    return answer.body.results as Result[]
  }
  const photo = (childId: string, purpose: Purpose, takenAt: number) =>
    photoMeta({
      deviceId: device.deviceId,
      bytes: photoBytes(1_000),
      childIds: [childId],
      purposes: [purpose],
      takenAt: new Date(takenAt).toISOString(),
    })
  const quarantined = async (photoId: string) => {
    const row = await server.services.db
      .selectFrom('photos')
      .select('quarantined_at')
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()
    return row.quarantined_at !== null
  }

  const photoStatuses = async () => {
    const page = await call(server, 'GET', `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=0`, {
      credential: device.credential,
    })
    type Status = {
      id: string
      quarantine: { rules: string[] } | null
      flaggedForRemoval: unknown[]
    }
    const changes = page.body.changes as { kind: string; payload: Status }[]
    const statuses = changes.filter((c) => c.kind === 'photoStatus').map((c) => c.payload)
    return new Map(statuses.map((status) => [status.id, status]))
  }

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
    'a later change reads an earlier one of its push: a consent record again, a photo it allows',
    async () => {
      const now = Date.now()
      const grant = consent(ESME, 'learning_journey', new Date(now - 2 * HOUR).toISOString())
      const changed = { ...grant, givenBy: { ...grant.givenBy, name: 'Someone else' } }
      const allowed = photo(ESME, 'learning_journey', now - HOUR)
      const without = photo(ESME, 'website', now - HOUR)
      const changes = [
        signed(MANAGER, 'consent', grant),
        signed(MANAGER, 'consent', grant),
        signed(MANAGER, 'consent', changed),
        signed(allowed.staffId, 'photo', allowed),
        signed(without.staffId, 'photo', without),
      ]
      const results = await push(changes)
      expect(results.map(outcome)).toEqual(['applied', 'applied', 'conflict', 'applied', 'applied'])
      // The refusal carries the copy the push itself wrote.
      expect(results[2]).toMatchObject({ serverCopy: { kind: 'consent', payload: grant } })
      expect(await getEntity(server.services.db, DEMO_SETTING_ID, 'consent', grant.id)).toEqual(
        grant,
      )
      expect(await quarantined(allowed.id)).toBe(false)
      expect(await quarantined(without.id)).toBe(true)
      // Sent again: each answered as the first time, nothing written twice.
      const seq = await lastSeq(server.services.db, DEMO_SETTING_ID)
      expect((await push(changes)).map(outcome)).toEqual([
        'duplicate',
        'duplicate',
        'conflict',
        'duplicate',
        'duplicate',
      ])
      expect(await lastSeq(server.services.db, DEMO_SETTING_ID)).toBe(seq)
    },
  )

  it.skipIf(b.skip)(
    'a PIN changed earlier in a push of records: the new key proves the next record, the old one nothing',
    async () => {
      const old = signers.get(PRACTITIONER.id)!
      const next = await hashPinWithSeed('864209', FAST)
      const withNew = { id: PRACTITIONER.id, signingSeed: next.signingSeed }
      const pin = { id: PRACTITIONER.id, pin: next.pin, mustChange: false }
      const byNew = injury(PRACTITIONER.id)
      const byOld = injury(PRACTITIONER.id)
      expect(
        (
          await push([
            signedChange(DEMO_SETTING_ID, old, 'staffPin', pin),
            signedChange(DEMO_SETTING_ID, withNew, 'injury', byNew),
            signedChange(DEMO_SETTING_ID, old, 'injury', byOld),
          ])
        ).map(outcome),
      ).toEqual(['applied', 'applied', 'proof_invalid'])
      const db = server.services.db
      expect(await getEntity(db, DEMO_SETTING_ID, 'injury', byNew.id)).toEqual(byNew)
      expect(await getEntity(db, DEMO_SETTING_ID, 'injury', byOld.id)).toBeUndefined()
      const back = await hashPinWithSeed(PRACTITIONER.pin, FAST)
      const restore = { id: PRACTITIONER.id, pin: back.pin }
      signers.set(PRACTITIONER.id, { id: PRACTITIONER.id, signingSeed: back.signingSeed })
      expect(
        (await push([signedChange(DEMO_SETTING_ID, withNew, 'staffPin', restore)])).map(outcome),
      ).toEqual(['applied'])
    },
    30_000,
  )

  it.skipIf(b.skip)(
    'twenty consent records of five children cost under ten statements, not five for each',
    async () => {
      const counter = statementCounter()
      const db = server.services.db.withPlugin(counter)
      const children = [
        ESME,
        AVA,
        ...(['ordinary1', 'ordinary2', 'ordinary3'] as const).map((k) => demoChildId(k)),
      ]
      const at = (i: number) => new Date(Date.now() - (20 - i) * 60_000).toISOString()
      const changes = Array.from({ length: 20 }, (_, i) =>
        signed(MANAGER, 'consent', consent(children[i % 5]!, 'learning_journey', at(i))),
      )
      const results = await applyPush(
        db,
        { id: device.deviceId, settingId: DEMO_SETTING_ID, name: 'Tablet' },
        changes,
        new Date().toISOString(),
        policyDataLoader(),
      )
      expect(results.map(outcome)).toEqual(changes.map(() => 'applied'))
      // Before pushRecords.ts it was 2 + 5 per record + the reviews: over a hundred.
      expect(counter.count).toBeLessThanOrEqual(10)
    },
  )

  it.skipIf(b.skip)(
    'a photo of two children withdrawn from in one push is flagged for both, and its status says so',
    async () => {
      const [first, second] = [demoChildId('ordinary4'), demoChildId('ordinary5')]
      const now = Date.now()
      const shared = (takenAt: number) => ({
        ...photo(first, 'learning_journey', takenAt),
        childIds: [first, second],
      })
      const before = shared(now - 3 * HOUR)
      const after = shared(now - HOUR)
      const photos = [before, after].map((p) => signed(p.staffId, 'photo', p))
      expect((await push(photos)).map(outcome)).toEqual(['applied', 'applied'])
      const at = new Date(now - 2 * HOUR).toISOString()
      const withdrawals = [first, second].map((child) => ({
        ...consent(child, 'learning_journey', at),
        status: 'withdrawn',
      }))
      const results = await push(withdrawals.map((w) => signed(MANAGER, 'consent', w)))
      expect(results.map(outcome)).toEqual(['applied', 'applied'])
      const flags = [first, second].map((childId) => ({ childId, purposes: ['learning_journey'] }))
      const statuses = await photoStatuses()
      expect(statuses.get(before.id)).toMatchObject({ quarantine: null, flaggedForRemoval: flags })
      expect(statuses.get(after.id)?.quarantine?.rules).toContain('consent-withdrawn')
      expect(statuses.get(after.id)?.flaggedForRemoval).toEqual([])
      expect(await quarantined(before.id)).toBe(false)
    },
  )

  it.skipIf(b.skip)(
    'twenty photos cost under a dozen statements; one sent again, changed or deleted in the same push',
    async () => {
      const now = Date.now()
      const taken = Array.from({ length: 20 }, (_, i) =>
        photo(AVA, 'learning_journey', now - (i + 1) * 60_000),
      )
      const counter = statementCounter()
      const results = await applyPush(
        server.services.db.withPlugin(counter),
        { id: device.deviceId, settingId: DEMO_SETTING_ID, name: 'Tablet' },
        taken.map((p) => signed(p.staffId, 'photo', p)),
        new Date().toISOString(),
        policyDataLoader(),
      )
      expect(results.map(outcome)).toEqual(taken.map(() => 'applied'))
      // Before pushRecords.ts held photo rows: five for each photo, over a hundred.
      expect(counter.count).toBeLessThanOrEqual(12)

      const first = photo(ESME, 'website', now - HOUR)
      const other = { ...photo(ESME, 'website', now - HOUR), id: first.id }
      const deleted = {
        ...first,
        deleted: { at: new Date(now).toISOString(), by: MANAGER, reason: 'Blurred' },
      }
      const changes = [
        signed(first.staffId, 'photo', first),
        signed(first.staffId, 'photo', first),
        signed(other.staffId, 'photo', other),
        signed(MANAGER, 'photo', deleted),
      ]
      expect((await push(changes)).map(outcome)).toEqual([
        'applied',
        'applied',
        'conflict',
        'applied',
      ])
      const row = await server.services.db
        .selectFrom('photos')
        .select(['checksum', 'erased_at', 'quarantined_at'])
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow()
      expect(row.checksum).toBe(first.checksum)
      expect(row.quarantined_at).not.toBeNull()
      expect(row.erased_at).not.toBeNull()
      const children = await server.services.db
        .selectFrom('photo_children')
        .select('child_id')
        .where('photo_id', '=', first.id)
        .execute()
      expect(children).toEqual([{ child_id: ESME }])
    },
  )

  it.skipIf(b.skip)(
    'a failure after the records were written leaves nothing of the push behind; sent again, it applies',
    async () => {
      const db = server.services.db
      const now = Date.now()
      const grants = [0, 1, 2].map((i) =>
        consent(ESME, 'display', new Date(now - (3 - i) * HOUR).toISOString(), `Parent ${i}`),
      )
      const refused = { ...consent(AVA, 'website', new Date(now).toISOString()), recordedBy: 'x' }
      const taken = photo(ESME, 'display', now - HOUR / 2)
      const changes = [
        ...grants.map((g) => signed(MANAGER, 'consent', g)),
        signed(MANAGER, 'consent', refused),
        signed(taken.staffId, 'photo', taken),
      ]
      const seq = await lastSeq(db, DEMO_SETTING_ID)
      const audits = await countAudits()
      // The photo's check reads the policy data after the records before it were written.
      const real = policyDataLoader()
      let written: number | null = null
      const failing: PolicyDataLoader = async (trx, settingId) => {
        written = (await real(trx, settingId)).consents.filter((c) =>
          grants.some((g) => g.id === c.id),
        ).length
        throw new Error('the database went away')
      }
      const pushing = applyPush(
        db,
        { id: device.deviceId, settingId: DEMO_SETTING_ID, name: 'Tablet' },
        changes,
        new Date().toISOString(),
        failing,
      )
      await expect(pushing).rejects.toThrow('the database went away')
      expect(written).toBe(3)
      expect(await lastSeq(db, DEMO_SETTING_ID)).toBe(seq)
      for (const g of grants)
        expect(await getEntity(db, DEMO_SETTING_ID, 'consent', g.id)).toBe(undefined)
      const ids = changes.map((c) => c.id)
      const applied = await db
        .selectFrom('applied_changes')
        .select('change_id')
        .where('change_id', 'in', ids)
        .execute()
      expect(applied).toEqual([])
      expect(await countAudits()).toBe(audits)
      const photos = await db.selectFrom('photos').select('id').where('id', '=', taken.id).execute()
      expect(photos).toEqual([])

      expect((await push(changes)).map(outcome)).toEqual([
        'applied',
        'applied',
        'applied',
        'not_permitted',
        'applied',
      ])
      expect(await countAudits()).toBe(audits + 1)
      expect(await quarantined(taken.id)).toBe(false)
      const seqs = await db
        .selectFrom('entities')
        .select('seq')
        .where(
          'id',
          'in',
          grants.map((g) => g.id),
        )
        .orderBy('seq')
        .execute()
      expect(seqs.map((r) => r.seq)).toEqual([seq + 1, seq + 2, seq + 3])
    },
  )

  async function countAudits(): Promise<number> {
    const rows = await server.services.db
      .selectFrom('server_audit')
      .select('id')
      .where('type', '=', 'change-refused')
      .execute()
    return rows.length
  }
})
