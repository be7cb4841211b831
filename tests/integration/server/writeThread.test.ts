// On PostgreSQL a push's transactions run on a thread of their own (src/server/ingest/
// writeThread.ts): their statements do not each wait for a turn of the server's event loop,
// which a morning burst keeps about 80% busy. Here the server runs in this process; the test
// holds the setting's row so that a withdrawal's transaction stops at its first statement,
// lets it go, and blocks this event loop: the withdrawal still commits. On the server's own
// loop it could not send its next statement. PostgreSQL only.
import { execFileSync } from 'node:child_process'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { DATABASE_URL, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id

function withdrawal() {
  return signedChange(DEMO_SETTING_ID, demoSigner(MANAGER), 'consent', {
    id: globalThis.crypto.randomUUID(),
    childId: demoChildId('ordinary6'),
    purpose: 'display',
    status: 'withdrawn',
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: new Date(Date.now() - 60_000).toISOString(),
    recordedBy: MANAGER,
    reviewDue: null,
    supersedes: null,
  })
}

/** Whether the consent record is committed, asked from another process (this loop is held). */
function committedSeenFromOutside(schema: string, consentId: string): boolean {
  const script = `
    import pg from 'pg'
    const client = new pg.Client({ connectionString: process.env.URL, options: '-c search_path=' + process.env.SCHEMA })
    await client.connect()
    const { rows } = await client.query("select count(*)::int as n from entities where kind = 'consent' and id = $1", [process.env.ID])
    await client.end()
    process.stdout.write(String(rows[0].n))
  `
  const answer = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', URL: DATABASE_URL, SCHEMA: schema, ID: consentId },
    encoding: 'utf8',
  })
  return answer.trim() === '1'
}

/** Blocks this thread's event loop until `seen` or `attempts` asks, whichever comes first. */
function blockUntil(seen: () => boolean, attempts: number): boolean {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (seen()) return true
    Atomics.wait(pause, 0, 0, 50)
  }
  return false
}

describe.skipIf(DATABASE_URL === '')('a push on PostgreSQL', () => {
  let server: TestServer
  let credential: string
  let schema: string

  beforeAll(async () => {
    server = await startTestServer('postgres')
    credential = (await enrolDevice(server, DEMO_SETTING_ID)).credential
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      server.services.db,
    )
    schema = rows[0]!.schema
  }, 60_000)
  afterAll(async () => {
    await server.close()
  })

  it('commits while the server’s event loop is blocked', async () => {
    const connect = async () => {
      const client = new pg.Client({
        connectionString: DATABASE_URL,
        options: `-c search_path=${schema}`,
      })
      await client.connect()
      return client
    }
    // One holds the setting's row; the other watches (inside a transaction, pg_stat_activity
    // would stay as it was when first read).
    const [holder, watcher] = [await connect(), await connect()]
    try {
      await holder.query('begin')
      await holder.query('select 1 from settings where id = $1 for update', [DEMO_SETTING_ID])
      const change = withdrawal()
      const pushed = call(server, 'POST', '/api/sync/push', {
        credential,
        json: { settingId: DEMO_SETTING_ID, changes: [change] },
      })
      // The push's transaction is under way: its first statement waits for the held row.
      for (let asked = 0; ; asked++) {
        const { rows } = await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and query like 'update "settings" set "last_seq"%'`,
        )
        if (rows[0]!.n > 0) break
        if (asked > 600) throw new Error('the push never reached its transaction')
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      // The commit is written to the socket at once; this loop is then held until the
      // withdrawal is seen committed, or for long enough that it never will be.
      void holder.query('commit')
      const seen = blockUntil(() => committedSeenFromOutside(schema, change.payload.id), 60)
      expect(seen).toBe(true)
      expect((await pushed).status).toBe(200)
    } finally {
      await Promise.all([holder.end(), watcher.end()])
    }
  }, 90_000)
})
