/**
 * Opens the server's database: PostgreSQL when a `postgres://` URL is given, otherwise SQLite
 * (better-sqlite3) in a file, created with its folder on first use. Migrates to the latest
 * schema before returning, so a caller never sees an old shape.
 *
 * Invariants:
 * - The returned `close` is the only way the connection is closed; graceful shutdown calls it
 *   after the last request has finished.
 * - On PostgreSQL a lost connection (a database restart, failover, `pg_terminate_backend`) never
 *   ends the process, whether the client was idle or checked out: the error is reported once
 *   and the broken client dropped; the next query opens a new connection, so the server
 *   recovers by itself when the database is back.
 *   Connecting gives up after a few seconds, so a request fails (503) rather than hangs.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import {
  DurableSqliteDialect,
  logFlusher,
  sqliteStatements,
  type LogFlusher,
} from './durableSqlite.ts'
import { flushThread } from './flushThread.ts'
import { migrateToLatest } from './migrations.ts'
import type { Database } from './schema.ts'

export type DatabaseOptions =
  | {
      kind: 'sqlite'
      file: string
      /** How the log file is flushed; tests pass one they hold. Default: flushThread.ts. */
      flush?: (path: string) => Promise<void>
    }
  | {
      kind: 'postgres'
      url: string
      /** Most connections open at once (DATABASE_POOL_SIZE). */
      poolSize?: number
      /** For tests: a schema of their own. */
      schema?: string
    }

export type StorageBackend = DatabaseOptions['kind']
export type PostgresOptions = Extract<DatabaseOptions, { kind: 'postgres' }>

export interface OpenedDatabase {
  db: Kysely<Database>
  /**
   * For reads that must not wait behind a write transaction (pulls, device checks), nor for
   * the disk: they see every commit, flushed or not, so an answer that hands out what they
   * read calls `durable` first. SQLite: a second, read-only connection to the same file (WAL
   * lets it read the last commit while a push holds the writer). PostgreSQL (whose commits are
   * on disk when they return): the same pool, whose connections already do.
   */
  readDb: Kysely<Database>
  /** Settles once every commit made before the call is on disk (durableSqlite.ts). */
  durable: () => Promise<void>
  backend: StorageBackend
  close: () => Promise<void>
}

/** Told when an idle PostgreSQL connection is lost; the pool has already dropped it. */
export type ConnectionLost = (error: Error) => void

const reportLost: ConnectionLost = (error) => {
  console.error(
    `The PostgreSQL connection was lost (${error.message}); the server reconnects on the next request.`,
  )
}

export async function openDatabase(
  options: DatabaseOptions,
  onConnectionLost: ConnectionLost = reportLost,
): Promise<OpenedDatabase> {
  const onDisk = options.kind === 'sqlite' && options.file !== ':memory:' ? options : null
  const thread = onDisk === null || onDisk.flush !== undefined ? null : flushThread()
  const flush = onDisk?.flush ?? thread?.sync
  const flusher =
    onDisk === null || flush === undefined ? null : logFlusher(`${onDisk.file}-wal`, flush)
  const db =
    options.kind === 'sqlite'
      ? openSqlite(options.file, flusher)
      : openPostgres(options, onConnectionLost)
  try {
    await migrateToLatest(db, options.kind)
  } catch (error) {
    await db.destroy()
    await thread?.close()
    throw error
  }
  const readDb = options.kind === 'sqlite' && flusher !== null ? openSqliteReader(options.file) : db
  return {
    db,
    readDb,
    durable: () => flusher?.durable() ?? Promise.resolve(),
    backend: options.kind,
    close: async () => {
      if (readDb !== db) await readDb.destroy()
      await db.destroy()
      await thread?.close()
    },
  }
}

/**
 * Opened after migration, so the file, its WAL and every table exist. A read does not wait for
 * the log's flush: what hands out a change waits for `durable` before it answers, so no pull
 * hands out a change a power cut could take back (durableSqlite.ts), and a read that hands out
 * nothing (who is asking) waits for no disk.
 */
function openSqliteReader(file: string): Kysely<Database> {
  const database = new BetterSqlite3(file, { readonly: true })
  database.pragma('busy_timeout = 5000')
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqliteStatements(database, null) }),
  })
}

function openSqlite(file: string, flusher: LogFlusher | null): Kysely<Database> {
  if (flusher !== null) mkdirSync(dirname(file), { recursive: true })
  const database = new BetterSqlite3(file)
  // WAL: readers (pulls) do not wait for a writer (a push). Every commit is on disk before the
  // server answers, because the answer lets an iPad drop its outbox entry or its full image.
  // FULL flushed the log inside each commit, on the event loop; NORMAL leaves that flush to
  // durableSqlite.ts, which does it on a thread of its own (flushThread.ts) before any connection
  // is handed back.
  // Foreign keys are off by default.
  database.pragma('journal_mode = WAL')
  database.pragma(flusher === null ? 'synchronous = FULL' : 'synchronous = NORMAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  const dialect =
    flusher === null
      ? new SqliteDialect({ database: sqliteStatements(database, null) })
      : new DurableSqliteDialect(database, flusher, true)
  return new Kysely<Database>({ dialect })
}

/**
 * A pool on PostgreSQL, not migrated: `openDatabase` migrates; the write thread
 * (ingest/writeThread.ts) opens its own on the database the server opened.
 */
export function openPostgres(
  options: PostgresOptions,
  onConnectionLost: ConnectionLost = reportLost,
): Kysely<Database> {
  const searchPath =
    options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // Named in pg_stat_activity; an application_name in the URL wins (tests use their own).
    application_name: 'consentlens',
    ...searchPath,
  })
  // Without a listener, a client's error (the server closed it) is thrown as an uncaught
  // 'error' event and ends the process. The pool listens to its idle clients only; a client
  // that is checked out between two queries (a request's transaction waiting on its own work,
  // a push waiting its turn) needs its own listener. Its next query then fails (a 503), and the
  // pool drops it when it is released, as no longer queryable. One report per lost connection.
  const reported = new WeakSet<Error>()
  const reportOnce: ConnectionLost = (error) => {
    if (reported.has(error)) return
    reported.add(error)
    onConnectionLost(error)
  }
  pool.on('error', reportOnce)
  pool.on('connect', (client) => {
    client.on('error', reportOnce)
  })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
