// PostgreSQL breaks a deadlock by aborting one transaction (40P01). A push's reviews and an
// upload's group commit can meet in one (the load bench's burst answered a withdrawal's push
// 500); the aborted transaction is run again (retryConflicts.ts). Here a real deadlock on the
// test's own database: the retried transaction is the one PostgreSQL aborts, and it succeeds.
// And that pair no longer meets in one: both lock photos in one order (storage/lockOrder.ts);
// without it the last test gets "deadlock detected", a second late on PostgreSQL's timer.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { updatePhotoStatuses, type PhotoRow } from '../../../src/server/ingest/photoRows.ts'
import { groupCommit } from '../../../src/server/storage/groupCommit.ts'
import { openDatabase, type OpenedDatabase } from '../../../src/server/storage/openDatabase.ts'
import type { Database } from '../../../src/server/storage/schema.ts'
import { isConflict, retryingConflicts } from '../../../src/server/storage/retryConflicts.ts'
import { createSchema, DATABASE_URL, dropSchema } from '../../support/testServer.ts'

describe('retryingConflicts', () => {
  it('runs a task again only for a deadlock or a serialization failure, a bounded number of times', async () => {
    const failing = (code: string) => {
      let runs = 0
      const task = () => {
        runs++
        return Promise.reject(Object.assign(new Error('conflict'), { code }))
      }
      return { task, runs: () => runs }
    }
    for (const code of ['40P01', '40001']) {
      const { task, runs } = failing(code)
      await expect(retryingConflicts(task, undefined, 3)).rejects.toThrow('conflict')
      expect(runs()).toBe(3)
    }
    const other = failing('23505')
    let forgotten = 0
    await expect(retryingConflicts(other.task, () => forgotten++, 3)).rejects.toThrow()
    expect(other.runs()).toBe(1)
    expect(forgotten).toBe(0)
    expect(isConflict(new Error('plain'))).toBe(false)
  })
})

/** Until `waiting` (a count over pg_locks, made again each time) finds a backend waiting. */
async function untilWaiting(
  db: Kysely<Database>,
  waiting: () => RawBuilder<{ waiting: number }>,
): Promise<void> {
  for (;;) {
    const { rows } = await waiting().execute(db)
    if ((rows[0]?.waiting ?? 0) > 0) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe.skipIf(DATABASE_URL === '')('a deadlock on PostgreSQL', () => {
  let schema: string
  let opened: OpenedDatabase

  beforeEach(async () => {
    schema = await createSchema()
    opened = await openDatabase({ kind: 'postgres', url: DATABASE_URL, schema })
    await opened.db
      .insertInto('settings')
      .values([
        { id: 'x', name: 'X', is_demo: 0, last_seq: 0, created_at: '2026-01-01' },
        { id: 'y', name: 'Y', is_demo: 0, last_seq: 0, created_at: '2026-01-01' },
      ])
      .execute()
  })
  afterEach(async () => {
    await opened.close()
    await dropSchema(schema)
  })

  it('is broken by aborting the retried transaction, which then commits', async () => {
    const { db } = opened
    /**
     * Until a transaction of this test waits for a row lock: the first, waiting for y. Only
     * backends holding a lock on this test's own schema count (other test files share the
     * database, and their waits must not let the second go first).
     */
    const firstWaits = () =>
      untilWaiting(
        db,
        () => sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks w
          where not w.granted and w.locktype = 'transactionid' and exists (
            select 1 from pg_locks t
            join pg_class c on c.oid = t.relation
            join pg_namespace n on n.oid = c.relnamespace
            where t.pid = w.pid and n.nspname = ${schema})`,
      )
    let xLocked!: () => void
    const xLockedByFirst = new Promise<void>((resolve) => (xLocked = resolve))
    let yLocked!: () => void
    const yLockedBySecond = new Promise<void>((resolve) => (yLocked = resolve))
    let runs = 0
    let forgotten = 0
    // The first locks x, then waits for y; it starts waiting first, so its deadlock check
    // fires first and PostgreSQL aborts it. Run again, it finds the second committed.
    const first = retryingConflicts(
      () =>
        db.transaction().execute(async (trx) => {
          runs++
          if (runs === 1) {
            await trx.updateTable('settings').set({ name: 'X1' }).where('id', '=', 'x').execute()
            xLocked()
            await yLockedBySecond
          }
          await trx.updateTable('settings').set({ name: 'Y1' }).where('id', '=', 'y').execute()
        }),
      () => forgotten++,
    )
    const second = db.transaction().execute(async (trx) => {
      await xLockedByFirst
      await trx.updateTable('settings').set({ name: 'Y2' }).where('id', '=', 'y').execute()
      yLocked()
      // Once the first waits for y, this one waits for x, which the first holds until
      // PostgreSQL aborts it (the first started waiting first, so its check finds the cycle).
      await firstWaits()
      await trx.updateTable('settings').set({ name: 'X2' }).where('id', '=', 'x').execute()
    })
    await Promise.all([first, second])
    expect(runs).toBe(2)
    expect(forgotten).toBe(1)
    const rows = await db.selectFrom('settings').select(['id', 'name']).orderBy('id').execute()
    // The second committed first; the first's second run then wrote y over it.
    expect(rows).toEqual([
      { id: 'x', name: 'X2' },
      { id: 'y', name: 'Y1' },
    ])
  })

  it('a review and a batch of uploads lock photos in one order: neither waits in a cycle', async () => {
    const { db } = opened
    const row = (id: string): PhotoRow => ({
      setting_id: 'x',
      id,
      device_id: 'tablet',
      staff_id: 'staff',
      taken_at: '2026-01-01T09:00:00.000Z',
      checksum: 'c'.repeat(64),
      bytes: 1,
      meta: '{}',
      received_at: '2026-01-01T09:00:00.000Z',
      stored_at: null,
      quarantined_at: null,
      quarantine_rules: null,
      quarantine_message: null,
      flags: '[]',
      thumbnail_checksum: null,
      thumbnail_bytes: null,
      erased_at: null,
      erased_by: null,
      erased_reason: null,
      erased_cause: null,
      bytes_removed_at: null,
      removed_child_ids: null,
    })
    // "photo-a" before "photo-b" by their bytes.
    const [a, b] = [row('photo-a'), row('photo-b')]
    await db.insertInto('photos').values([a, b]).execute()
    let reviewPid = 0
    const reviewWaits = () =>
      untilWaiting(
        db,
        // The review's backend, once it has said which it is.
        () => sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks
          where pid = ${reviewPid} and not granted`,
      )
    let openGate!: () => void
    const gate = new Promise<void>((resolve) => (openGate = resolve))
    let queued!: () => void
    const bothQueued = new Promise<void>((resolve) => (queued = resolve))
    const ran: string[] = []
    const group = groupCommit(db)
    type Trx = Parameters<Parameters<typeof group.run>[0]>[0]
    // The first write of the uploads' batch holds it open (the gate) until the review waits.
    const upload = (id: string) => async (trx: Trx) => {
      ran.push(id)
      await trx.updateTable('photos').set({ stored_at: 'now' }).where('id', '=', id).execute()
      if (ran.length === 1) await gate
    }
    // A commit under way, so the two uploads that arrive meanwhile (b, then a: uploads come in
    // no order) commit together in the next batch.
    const earlier = group.run(async () => {
      await bothQueued
    })
    const uploads = Promise.all([
      group.run(upload('photo-b'), 'photo-b'),
      group.run(upload('photo-a'), 'photo-a'),
    ])
    queued()
    await earlier
    await expect.poll(() => ran.length).toBe(1)
    const review = db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      reviewPid = rows[0]!.pid
      await updatePhotoStatuses(
        trx,
        'x',
        [b, a].map((r) => ({
          row: r,
          change: {
            flags: '[{"at":"2026-01-01T10:00:00.000Z","childId":"child-1","purposes":["display"]}]',
          },
        })),
        '2026-01-01T10:00:00.000Z',
      )
    })
    void review.catch(() => undefined)
    await reviewWaits()
    openGate()
    await Promise.all([uploads, review])
    // Each upload's write ran once: the batch was never aborted and run again alone.
    expect(ran).toEqual(['photo-a', 'photo-b'])
    const rows = await db
      .selectFrom('photos')
      .select(['id', 'stored_at', 'flags'])
      .orderBy('id')
      .execute()
    expect(rows.every((r) => r.stored_at === 'now' && r.flags.includes('display'))).toBe(true)
  })
})
