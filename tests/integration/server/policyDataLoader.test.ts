// The server's cached policy data: brought up to date with only the records written since,
// equal to a fresh load, and never holding a rolled-back record. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { policyDataLoader } from '../../../src/server/ingest/policyData.ts'
import { putEntity } from '../../../src/server/storage/entities.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

function consent(id: string, recordedAt = new Date().toISOString()) {
  return {
    id,
    childId: DEMO_SHOWCASE.noConsent.id,
    purpose: 'display',
    status: 'granted',
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt,
    recordedBy: DEMO_STAFF.manager.id,
    reviewDue: null,
    supersedes: null,
  }
}

describe.each(BACKENDS)('policy data on $backend', ({ backend, skip }) => {
  let server: TestServer

  beforeAll(async () => {
    if (!skip) server = await startTestServer(backend)
  }, 60_000)
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)('adds a record written since, and equals a fresh load', async () => {
    const { db } = server.services
    const load = policyDataLoader()
    const before = await load(db, DEMO_SETTING_ID)
    const at = new Date().toISOString()
    await db.transaction().execute(async (trx) => {
      await putEntity(trx, DEMO_SETTING_ID, 'consent', 'pd-1', consent('pd-1'), at)
    })
    const after = await load(db, DEMO_SETTING_ID)
    expect(after.consents).toHaveLength(before.consents.length + 1)
    expect(after.consents.map((c) => c.id)).toContain('pd-1')
    expect(after).toEqual(await policyDataLoader()(db, DEMO_SETTING_ID))
  })

  it.skipIf(skip)('merges records of any time into the order a fresh load gives', async () => {
    const { db } = server.services
    const load = policyDataLoader()
    const before = await load(db, DEMO_SETTING_ID)
    const oldest = before.consentTimes[0]!
    const newest = before.consentTimes.at(-1)!
    const iso = (ms: number) => new Date(ms).toISOString()
    // Before every record, between two, at the same moment as one, after all, and the same
    // moment twice among the new ones; then, in a second catch-up, after all again (the
    // quick path), then one written again (every record sorted again).
    const times = [oldest - 60_000, (oldest + newest) / 2, oldest, newest + 1, newest + 1]
    const write = (id: string, recordedAt: string) =>
      db.transaction().execute(async (trx) => {
        await putEntity(trx, DEMO_SETTING_ID, 'consent', id, consent(id, recordedAt), iso(newest))
      })
    for (const [i, t] of times.entries()) await write(`pd-order-${i}`, iso(t))
    const merged = await load(db, DEMO_SETTING_ID)
    expect(merged.consents).toHaveLength(before.consents.length + times.length)
    expect(merged).toEqual(await policyDataLoader()(db, DEMO_SETTING_ID))
    expect([...merged.consentTimes].sort((a, b) => a - b)).toEqual(merged.consentTimes)

    await write('pd-order-last', iso(newest + 60_000))
    const appended = await load(db, DEMO_SETTING_ID)
    expect(appended.consents.at(-1)!.id).toBe('pd-order-last')
    expect(appended).toEqual(await policyDataLoader()(db, DEMO_SETTING_ID))

    await write('pd-order-1', iso(newest + 120_000))
    const rewritten = await load(db, DEMO_SETTING_ID)
    expect(rewritten.consents.at(-1)!.id).toBe('pd-order-1')
    expect(rewritten.consents).toHaveLength(appended.consents.length)
  })

  it.skipIf(skip)('never keeps a record whose transaction was rolled back', async () => {
    const { db } = server.services
    const load = policyDataLoader()
    await load(db, DEMO_SETTING_ID)
    const at = new Date().toISOString()
    const inside = db.transaction().execute(async (trx) => {
      await putEntity(trx, DEMO_SETTING_ID, 'consent', 'pd-gone', consent('pd-gone'), at)
      expect((await load(trx, DEMO_SETTING_ID)).consents.map((c) => c.id)).toContain('pd-gone')
      throw new Error('the push failed')
    })
    await expect(inside).rejects.toThrow('the push failed')
    // Without `forget`: the sequence number went back, so everything is read again.
    expect((await load(db, DEMO_SETTING_ID)).consents.map((c) => c.id)).not.toContain('pd-gone')
    const again = db.transaction().execute(async (trx) => {
      await putEntity(trx, DEMO_SETTING_ID, 'consent', 'pd-gone', consent('pd-gone'), at)
      await load(trx, DEMO_SETTING_ID)
      throw new Error('the push failed')
    })
    await expect(again).rejects.toThrow('the push failed')
    load.forget(DEMO_SETTING_ID)
    await db.transaction().execute(async (trx) => {
      await putEntity(trx, DEMO_SETTING_ID, 'consent', 'pd-kept', consent('pd-kept'), at)
    })
    const ids = (await load(db, DEMO_SETTING_ID)).consents.map((c) => c.id)
    expect(ids).toContain('pd-kept')
    expect(ids).not.toContain('pd-gone')
  })
})
