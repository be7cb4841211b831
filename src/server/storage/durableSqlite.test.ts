import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DurableSqliteDialect, logFlusher, sqliteStatements, syncFile } from './durableSqlite.ts'
import { openDatabase } from './openDatabase.ts'
import { state } from '../../../tests/support/settled.ts'

interface Notes {
  notes: { id: number; text: string }
}

/** A flush that waits until the test lets it finish (or fail). */
function gatedSync() {
  const started: string[] = []
  let finish: (error?: Error) => void = () => undefined
  const sync = (path: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(path)
      finish = (error) => {
        if (error === undefined) resolve()
        else reject(error)
      }
    })
  return {
    started,
    sync,
    finish: (error?: Error) => {
      finish(error)
    },
  }
}

describe('logFlusher', () => {
  it('asks nothing of the disk when nothing was committed', async () => {
    const gate = gatedSync()
    const flusher = logFlusher('/x-wal', gate.sync)
    await flusher.durable()
    expect(gate.started).toEqual([])
  })

  it('answers only after a flush that started after the commit, and shares one among waiters', async () => {
    const gate = gatedSync()
    const flusher = logFlusher('/x-wal', gate.sync)
    flusher.committed()
    const first = flusher.durable()
    flusher.committed()
    const second = flusher.durable()
    expect(await state(first)).toBe('pending')
    expect(gate.started).toHaveLength(1)
    gate.finish()
    await first
    // The second commit came after the first flush started: it needs a flush of its own.
    expect(await state(second)).toBe('pending')
    expect(gate.started).toHaveLength(2)
    const third = flusher.durable()
    gate.finish()
    await Promise.all([second, third])
    expect(gate.started).toHaveLength(2)
  })

  it('fails the waiters of a failed flush, and the next one tries again', async () => {
    const gate = gatedSync()
    const flusher = logFlusher('/x-wal', gate.sync)
    flusher.committed()
    const waiting = flusher.durable()
    await state(waiting)
    gate.finish(Object.assign(new Error('EIO'), { code: 'EIO' }))
    await expect(waiting).rejects.toThrow('EIO')
    const again = flusher.durable()
    expect(await state(again)).toBe('pending')
    expect(gate.started).toHaveLength(2)
    gate.finish()
    await again
  })

  it('treats a log file SQLite has removed as flushed', async () => {
    await expect(syncFile(join(tmpdir(), 'no-such-database.sqlite-wal'))).resolves.toBeUndefined()
  })
})

describe('DurableSqliteDialect', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'durable-sqlite-'))
    file = join(dir, 'test.sqlite')
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  function open(sync: (path: string) => Promise<void>) {
    const flusher = logFlusher(`${file}-wal`, sync)
    const database = new BetterSqlite3(file)
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = NORMAL')
    database.exec('create table notes (id integer primary key, text text not null)')
    const db = new Kysely<Notes>({
      dialect: new DurableSqliteDialect(database, flusher, true),
    })
    const reader = new Kysely<Notes>({
      dialect: new DurableSqliteDialect(
        new BetterSqlite3(file, { readonly: true }),
        flusher,
        false,
      ),
    })
    return { db, reader }
  }

  it('answers a transaction, and a read that saw it, only once the log is flushed', async () => {
    const gate = gatedSync()
    const { db, reader } = open(gate.sync)
    try {
      const writing = db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 1, text: 'withdrawn' }).execute()
      })
      await new Promise((resolve) => setImmediate(resolve))
      expect(await state(writing)).toBe('pending')
      expect(gate.started).toEqual([`${file}-wal`])
      // Committed but not yet on disk: another request's read sees it, and waits too.
      const reading = reader.selectFrom('notes').select('text').execute()
      expect(await state(reading)).toBe('pending')
      // The writer is not held meanwhile: the next transaction runs (and waits its turn).
      const next = db.insertInto('notes').values({ id: 2, text: 'second' }).execute()
      await new Promise((resolve) => setImmediate(resolve))
      gate.finish()
      await writing
      expect(await reading).toEqual([{ text: 'withdrawn' }])
      gate.finish()
      await next
      expect(gate.started).toHaveLength(2)
      // A read with nothing new committed does not wait for the disk.
      expect(await reader.selectFrom('notes').select('id').execute()).toHaveLength(2)
      expect(gate.started).toHaveLength(2)
    } finally {
      await reader.destroy()
      await db.destroy()
    }
  })

  it('flushes the real log file before it answers', async () => {
    const flushed: string[] = []
    const { db, reader } = open(async (path) => {
      await syncFile(path)
      flushed.push(path)
    })
    try {
      await db.insertInto('notes').values({ id: 1, text: 'kept' }).execute()
      expect(flushed).toEqual([`${file}-wal`])
      await sql`select 1`.execute(db)
      expect(flushed).toHaveLength(1)
    } finally {
      await reader.destroy()
      await db.destroy()
    }
  })

  it('is what openDatabase gives for a file: the commit in the log, flushed off the event loop', async () => {
    const opened = await openDatabase({ kind: 'sqlite', file })
    try {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(opened.db)
      expect(rows[0]?.synchronous).toBe(1) // NORMAL: the flush is durableSqlite's
      await opened.db
        .insertInto('settings')
        .values({ id: 's1', name: 'Setting', is_demo: 0, last_seq: 0, created_at: '2026-01-01' })
        .execute()
      const read = await opened.readDb.selectFrom('settings').select('id').execute()
      expect(read).toEqual([{ id: 's1' }])
    } finally {
      await opened.close()
    }
  })
})

describe('sqliteStatements', () => {
  let database: BetterSqlite3.Database
  afterEach(() => {
    database.close()
  })

  function opened() {
    database = new BetterSqlite3(':memory:')
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
    database.exec("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')")
    return sqliteStatements(database, null, 2)
  }

  it('hands out the same prepared statement for the same SQL', () => {
    const kept = opened()
    const first = kept.prepare('SELECT v FROM t WHERE id = ?')
    expect(kept.prepare('SELECT v FROM t WHERE id = ?')).toBe(first)
    expect(first.all([2])).toEqual([{ v: 'b' }])
  })

  it('never hands out a statement that is still iterating', () => {
    const kept = opened()
    const sql = 'SELECT v FROM t ORDER BY id'
    const rows = kept.prepare(sql).iterate([])
    expect(rows.next().value).toEqual({ v: 'a' })
    const during = kept.prepare(sql)
    expect(during.all([])).toHaveLength(3)
    expect([...rows]).toEqual([{ v: 'b' }, { v: 'c' }])
  })

  it('keeps at most the given number, dropping the least recently used', () => {
    const kept = opened()
    const one = kept.prepare('SELECT 1')
    const two = kept.prepare('SELECT 2')
    expect(kept.prepare('SELECT 1')).toBe(one)
    kept.prepare('SELECT 3')
    // SELECT 2 was the least recently used of three and went; SELECT 1 stayed.
    expect(kept.prepare('SELECT 1')).toBe(one)
    expect(kept.prepare('SELECT 2')).not.toBe(two)
  })

  it('runs a kept statement against the schema as it is now', () => {
    const kept = opened()
    const sql = 'SELECT * FROM t WHERE id = 1'
    expect(kept.prepare(sql).all([])).toEqual([{ id: 1, v: 'a' }])
    database.exec("ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'x'")
    expect(kept.prepare(sql).all([])).toEqual([{ id: 1, v: 'a', w: 'x' }])
  })
})
