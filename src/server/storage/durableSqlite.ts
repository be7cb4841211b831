/**
 * SQLite whose commits reach the disk without stopping the server's event loop, and whose
 * statements are prepared once (`sqliteStatements`).
 *
 * better-sqlite3 runs on the server's one JavaScript thread. With `synchronous = FULL` every
 * commit flushed the write-ahead log inside the `commit` statement, and while the disk flushed,
 * nothing else ran: no upload was read, no withdrawal was sent to a tablet. Here the commit
 * only writes the log (`synchronous = NORMAL`), and the log file is flushed (`fsync`) off the
 * event loop (openDatabase.ts gives a thread of its own, flushThread.ts), which is what FULL did
 * inside the commit, before anyone is told.
 *
 * Invariants:
 * - Nothing leaves the server before it is on disk. Handing a connection back (the end of a
 *   transaction, of a single statement, of a read) waits until every commit made before that
 *   moment has been flushed. A request is answered after its queries, so a tablet is never
 *   told "kept" about a write that a power cut could take back, and a pull never hands out a
 *   change that a power cut could take back (its sequence number could otherwise be given
 *   to another change, and the tablet would skip that one).
 * - One flush covers every commit made before it started: writes that commit together share
 *   one flush (a group commit, without holding any lock while the disk works).
 * - A flush that fails fails every request waiting on it (they are answered with an error and
 *   the tablets try again); the next flush tries again from the start.
 * - The writer is not held while the disk flushes: the next transaction may begin at once.
 * - SQLite's own ordering is unchanged: in WAL mode with NORMAL, the log is flushed before each
 *   checkpoint and the database after it, so the file is consistent after any crash; the only
 *   thing NORMAL gives up, durability of the last commits, is what the flush here gives back.
 */
import { open } from 'node:fs/promises'
import type BetterSqlite3 from 'better-sqlite3'
import {
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely'

export interface LogFlusher {
  /** Called after a statement that changed the file outside a transaction (a commit). */
  committed(): void
  /** Settles once every commit made before this call is on disk. */
  durable(): Promise<void>
}

/** Flushes `walFile` (the database's `-wal` file) on demand; shared by its connections. */
export function logFlusher(walFile: string, sync = syncFile): LogFlusher {
  let written = 0
  let flushed = 0
  let running: Promise<void> | null = null

  async function flushOnce(): Promise<void> {
    const upTo = written
    await sync(walFile)
    flushed = Math.max(flushed, upTo)
  }

  return {
    committed() {
      written += 1
    },
    async durable() {
      const target = written
      while (flushed < target) {
        if (running === null) {
          running = flushOnce().finally(() => {
            running = null
          })
        }
        await running
      }
    },
  }
}

export async function syncFile(path: string): Promise<void> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    // No log file: SQLite removed it after checkpointing it into the flushed database file
    // (the last connection closed), so there is nothing left to flush.
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return
    throw error
  }
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * The database as Kysely's SQLite driver uses it (`prepare`, and each statement's `reader`,
 * `all`, `run`, `iterate`), with two differences:
 * - Prepared statements are kept (up to `max`, least recently used dropped first). Kysely's
 *   driver prepares every query again, parsing and planning the same SQL on each request, on
 *   the thread that answers every other request; queries carry their values as parameters, so
 *   the same text comes back many times. A kept statement is handed out again only when it is
 *   not busy (one still iterating rows would refuse a second use), else a fresh one is
 *   prepared; SQLite prepares a kept statement again itself when the schema changes under it.
 * - With `flusher`, every statement that changed the file outside a transaction (a commit, or
 *   a write that was its own transaction) is told to it.
 */
export function sqliteStatements(
  database: BetterSqlite3.Database,
  flusher: LogFlusher | null,
  max = 500,
): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>()
  function prepared(sql: string): BetterSqlite3.Statement {
    const statement = kept.get(sql)
    if (statement !== undefined && !statement.busy) {
      // Most recently used last, so the first key is the one to drop.
      kept.delete(sql)
      kept.set(sql, statement)
      return statement
    }
    const fresh = database.prepare(sql)
    if (statement === undefined) {
      kept.set(sql, fresh)
      const oldest = kept.keys().next()
      if (kept.size > max && oldest.done !== true) kept.delete(oldest.value)
    }
    return fresh
  }
  return {
    close: () => {
      kept.clear()
      database.close()
    },
    prepare(sql: string): SqliteStatement {
      const statement = prepared(sql)
      if (flusher === null || statement.reader) return statement
      return {
        reader: false,
        all: (parameters) => statement.all(parameters),
        iterate: (parameters) => statement.iterate(parameters),
        run: (parameters) => {
          const result = statement.run(parameters)
          if (!database.inTransaction) flusher.committed()
          return result
        },
      }
    },
  }
}

/** Kysely's SQLite dialect whose connections wait for `flusher` when they are handed back. */
export class DurableSqliteDialect extends SqliteDialect {
  readonly #flusher: LogFlusher

  constructor(database: BetterSqlite3.Database, flusher: LogFlusher, writes: boolean) {
    super({ database: sqliteStatements(database, writes ? flusher : null) })
    this.#flusher = flusher
  }

  override createDriver(): Driver {
    const driver = super.createDriver()
    const release = driver.releaseConnection.bind(driver)
    const flusher = this.#flusher
    driver.releaseConnection = async (connection: DatabaseConnection) => {
      await release(connection)
      await flusher.durable()
    }
    return driver
  }
}
