// On PostgreSQL the server's writes run on a thread of their own (src/server/ingest/
// writeThread.ts): their statements do not each wait for a turn of the server's event loop,
// which a morning burst keeps about 80% busy. Here the server runs in this process; the test
// holds a row so that a write's transaction stops at a statement, lets it go, and blocks this
// event loop: the write still commits. On the server's own loop it could not send its next
// statement. A withdrawal's push, and the rows of an upload (one statement, which must still
// be answered). PostgreSQL only.
import { execFileSync } from 'node:child_process'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { call, enrolDevice, pushedPhoto } from '../../support/serverFixtures.ts'
import { DATABASE_URL, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager.id
/** How an upload's rows start on PostgreSQL: one statement (src/server/ingest/photoWrites.ts). */
const UPLOAD_ROWS = 'with "stored" as (update "photos" set "stored_at"'

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

/**
 * Whether `query` (one row, one column `n`, with `id` as $1) counts 1, asked from another
 * process: this loop is held.
 */
function seenFromOutside(schema: string, query: string, id: string): boolean {
  const script = `
    import pg from 'pg'
    const client = new pg.Client({ connectionString: process.env.URL, options: '-c search_path=' + process.env.SCHEMA })
    await client.connect()
    const { rows } = await client.query(process.env.QUERY, [process.env.ID])
    await client.end()
    process.stdout.write(String(rows[0].n))
  `
  const answer = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', URL: DATABASE_URL, SCHEMA: schema, QUERY: query, ID: id },
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

describe.skipIf(DATABASE_URL === '')('writes on PostgreSQL', () => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let schema: string

  beforeAll(async () => {
    server = await startTestServer('postgres')
    device = await enrolDevice(server, DEMO_SETTING_ID)
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      server.services.db,
    )
    schema = rows[0]!.schema
  }, 60_000)
  afterAll(async () => {
    await server.close()
  })

  /** A connection of the test's own, to the server's schema. */
  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: DATABASE_URL,
      options: `-c search_path=${schema}`,
    })
    await client.connect()
    return client
  }

  /** The photo's whole image, as a tablet uploads it. */
  function upload(photoId: string, bytes: Uint8Array<ArrayBuffer>): Promise<Response> {
    return fetch(`${server.url}/api/sync/photos/${photoId}/content?offset=0`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${device.credential}`,
        'content-type': 'application/octet-stream',
      },
      body: bytes,
    })
  }

  /**
   * Holds `row` (a statement locking it), starts `write`, waits until a statement like
   * `waiting` waits for the row, lets the row go and blocks this loop until `committed` counts
   * 1 for `id` from outside, or long enough that it never will. Then the write's answer.
   */
  async function writeWhileBlocked(options: {
    row: [string, string]
    write: () => Promise<{ status: number }>
    waiting: string
    committed: string
    id: string
  }): Promise<{ seen: boolean; status: number }> {
    // One holds the row; the other watches (inside a transaction, pg_stat_activity would stay
    // as it was when first read).
    const [holder, watcher] = [await connect(), await connect()]
    try {
      await holder.query('begin')
      await holder.query(options.row[0], [options.row[1]])
      const written = options.write()
      for (let asked = 0; ; asked++) {
        const { rows } = await watcher.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and query like $1`,
          [`${options.waiting}%`],
        )
        if (rows[0]!.n > 0) break
        if (asked > 600) throw new Error('the write never reached its transaction')
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      // The commit is written to the socket at once; this loop is then held.
      void holder.query('commit')
      const seen = blockUntil(() => seenFromOutside(schema, options.committed, options.id), 60)
      return { seen, status: (await written).status }
    } finally {
      await Promise.all([holder.end(), watcher.end()])
    }
  }

  it('a withdrawal commits while the server’s event loop is blocked', async () => {
    const change = withdrawal()
    const { seen, status } = await writeWhileBlocked({
      row: ['select 1 from settings where id = $1 for update', DEMO_SETTING_ID],
      write: () =>
        call(server, 'POST', '/api/sync/push', {
          credential: device.credential,
          json: { settingId: DEMO_SETTING_ID, changes: [change] },
        }),
      waiting: 'update "settings" set "last_seq"',
      committed: "select count(*)::int as n from entities where kind = 'consent' and id = $1",
      id: change.payload.id,
    })
    expect(seen).toBe(true)
    expect(status).toBe(200)
  }, 90_000)

  it('an upload’s rows commit while the server’s event loop is blocked', async () => {
    const bytes = photoBytes(4096)
    const meta = await pushedPhoto(server, device, bytes)
    const { seen, status } = await writeWhileBlocked({
      row: ['select 1 from photos where id = $1 for update', meta.id],
      write: () => upload(meta.id, bytes),
      waiting: UPLOAD_ROWS,
      committed: 'select count(*)::int as n from photos where id = $1 and stored_at is not null',
      id: meta.id,
    })
    expect(seen).toBe(true)
    expect(status).toBe(200)
  }, 90_000)

  it('a withdrawal is applied on a connection of its own while every other write waits', async () => {
    // Five photos, whose rows this test holds: their uploads take every connection the write
    // thread has (half of the test server's ten) and wait there.
    const photos = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const bytes = photoBytes(2048)
        return { bytes, meta: await pushedPhoto(server, device, bytes) }
      }),
    )
    const holder = await connect()
    try {
      await holder.query('begin')
      await holder.query('select 1 from photos where id = any($1) for update', [
        photos.map((p) => p.meta.id),
      ])
      const uploads = photos.map(({ bytes, meta }) => upload(meta.id, bytes))
      for (let asked = 0; ; asked++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n
            from pg_stat_activity
            where wait_event_type = 'Lock' and query like ${`${UPLOAD_ROWS}%`}`.execute(
          server.services.db,
        )
        if (rows[0]!.n >= 5) break
        if (asked > 600) throw new Error('the uploads never took the write thread’s connections')
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      const change = withdrawal()
      const pushed = await call(server, 'POST', '/api/sync/push', {
        credential: device.credential,
        json: { settingId: DEMO_SETTING_ID, changes: [change] },
      })
      expect(pushed.status).toBe(200)
      expect(pushed.body.results).toEqual([{ id: change.id, status: 'applied' }])
      await holder.query('commit')
      expect((await Promise.all(uploads)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    } finally {
      await holder.end()
    }
  }, 90_000)
})
