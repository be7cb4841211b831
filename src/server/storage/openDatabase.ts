/**
 * Opens the server's database: PostgreSQL when a `postgres://` URL is given, otherwise SQLite
 * (better-sqlite3) in a file, created with its folder on first use. Migrates to the latest
 * schema before returning, so a caller never sees an old shape.
 *
 * Invariant: the returned `close` is the only way the connection is closed; graceful shutdown
 * calls it after the last request has finished.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrateToLatest } from './migrations.ts'
import type { Database } from './schema.ts'

export type DatabaseOptions =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; /** For tests: a schema of their own. */ schema?: string }

export type StorageBackend = DatabaseOptions['kind']

export interface OpenedDatabase {
  db: Kysely<Database>
  backend: StorageBackend
  close: () => Promise<void>
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  const db = options.kind === 'sqlite' ? openSqlite(options.file) : openPostgres(options)
  try {
    await migrateToLatest(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, backend: options.kind, close: () => db.destroy() }
}

function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const database = new BetterSqlite3(file)
  // WAL: readers (pulls) do not wait for a writer (a push). FULL: every commit is on disk
  // before the server answers, because the answer lets an iPad drop its outbox entry or its
  // full image; NORMAL could lose the last commits to a power cut. (Measured in the sync
  // benchmark: no difference in upload throughput here.) Foreign keys are off by default.
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = FULL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
}

function openPostgres(options: { url: string; schema?: string }): Kysely<Database> {
  const searchPath =
    options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }
  const pool = new pg.Pool({ connectionString: options.url, max: 10, ...searchPath })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
