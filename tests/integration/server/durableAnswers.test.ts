// SQLite: an answer waits for the disk only when it hands out what it read. With the log's
// flush held (a withdrawal committed but not yet on disk): a pull that read it is answered
// only once the flush is done, while a request that reads only who is asking (a live stream
// opening, a device check) is answered at once. (PostgreSQL commits are on disk when they
// return: nothing to hold there.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import { syncFile } from '../../../src/server/storage/durableSqlite.ts'
import { demoSigners, signedChange } from '../../support/signedChanges.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'
import { state } from '../../support/settled.ts'

describe('answers and the disk on sqlite', () => {
  let server: TestServer
  let holding = false
  const held: (() => void)[] = []
  const flush = async (path: string) => {
    if (holding) await new Promise<void>((resolve) => held.push(resolve))
    await syncFile(path)
  }
  const release = () => {
    holding = false
    for (const go of held.splice(0)) go()
  }

  beforeAll(async () => {
    server = await startTestServer('sqlite', 0, undefined, flush)
  })
  afterAll(async () => {
    release()
    await server.close()
  })

  it('a pull that read a change not yet on disk is answered after the flush; a device check is not held', async () => {
    const maker = await enrolDevice(server, DEMO_SETTING_ID)
    const reader = await enrolDevice(server, DEMO_SETTING_ID)
    const first = await call(server, 'GET', `/api/sync/pull?settingId=${DEMO_SETTING_ID}`, {
      credential: reader.credential,
    })
    const cursor = first.body.cursor as number
    let waitedForDisk = 0
    const durable = server.services.durable!
    server.services.durable = () => {
      waitedForDisk += 1
      return durable()
    }
    const id = globalThis.crypto.randomUUID()
    const withdrawal = {
      id,
      childId: demoChildId('ordinary6'),
      purpose: 'website',
      status: 'withdrawn',
      givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
      recordedAt: new Date().toISOString(),
      recordedBy: DEMO_STAFF.manager.id,
      reviewDue: null,
      supersedes: null,
    }
    holding = true
    try {
      const signer = demoSigners().get(DEMO_STAFF.manager.id)!
      const pushing = call(server, 'POST', '/api/sync/push', {
        credential: maker.credential,
        json: {
          settingId: DEMO_SETTING_ID,
          changes: [signedChange(DEMO_SETTING_ID, signer, 'consent', withdrawal)],
        },
      })
      // Committed (a read sees it), not yet on disk (the flush is held).
      await expect
        .poll(() =>
          server.services
            .readDb!.selectFrom('entities')
            .select('id')
            .where('id', '=', id)
            .executeTakeFirst(),
        )
        .toBeDefined()
      expect(await state(pushing)).toBe('pending')
      // Who is asking is checked without waiting for the disk: the stream opens now.
      const live = await fetch(`${server.url}/api/sync/live?settingId=${DEMO_SETTING_ID}`, {
        headers: { authorization: `Bearer ${reader.credential}` },
      })
      // Left open: the server ends it when it closes.
      expect(live.status).toBe(200)
      const pulling = call(
        server,
        'GET',
        `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=${cursor}`,
        {
          credential: reader.credential,
        },
      )
      // The pull has read the withdrawal and waits for the disk before it answers.
      await expect.poll(() => waitedForDisk).toBeGreaterThan(0)
      expect(await state(pulling)).toBe('pending')
      release()
      const pulled = await pulling
      expect(pulled.status).toBe(200)
      expect(JSON.stringify(pulled.body.changes)).toContain(id)
      expect((await pushing).status).toBe(200)
    } finally {
      release()
      server.services.durable = durable
    }
  })
})
