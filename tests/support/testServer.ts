/**
 * For tests: a real ConsentLens server on a random port, on SQLite in a temporary folder or on
 * PostgreSQL (DATABASE_URL) in a schema of its own, with the demo setting seeded. Nothing is
 * mocked; `close` shuts it down like SIGTERM does and removes what it made.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/server/app.ts'
import { openStorage } from '../../src/server/openStorage.ts'
import { seedDemoSetting } from '../../src/server/seedDemoSetting.ts'
import type { SyncServices } from '../../src/server/services.ts'
import type { DatabaseOptions } from '../../src/server/storage/openDatabase.ts'
import { demoPinVerifier } from './testSigners.ts'

export type Backend = 'sqlite' | 'postgres'

/** The backends to run a suite on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const DATABASE_URL = process.env.DATABASE_URL?.trim() ?? ''
export const BACKENDS: { backend: Backend; skip: boolean }[] = [
  { backend: 'sqlite', skip: false },
  { backend: 'postgres', skip: DATABASE_URL === '' },
]

export interface TestServer {
  url: string
  app: FastifyInstance
  services: SyncServices
  dataDir: string
  /** Moves the server's clock (it starts at the real time). */
  clock: { offsetMs: number }
  close: () => Promise<void>
}

export async function startTestServer(
  backend: Backend = 'sqlite',
  port = 0,
  /** Registers extra routes (the benchmark's raw baselines) before the server starts. */
  prepare?: (app: FastifyInstance, services: SyncServices) => void,
  /** SQLite: how the database's log is flushed (a test holds it); default: the server's own. */
  flush?: (path: string) => Promise<void>,
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'consentlens-server-'))
  const distDir = join(dataDir, 'dist')
  mkdirSync(distDir)
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>ConsentLens</title>')
  const schema = backend === 'postgres' ? await createSchema() : null
  const database: DatabaseOptions =
    schema === null
      ? { kind: 'sqlite', file: join(dataDir, 'consentlens.sqlite'), ...(flush && { flush }) }
      : { kind: 'postgres', url: DATABASE_URL, schema }
  const clock = { offsetMs: 0 }
  const open = () =>
    openStorage({
      database,
      photoDir: join(dataDir, 'photos'),
      thumbnailRetentionHours: null,
      now: () => new Date(Date.now() + clock.offsetMs),
    })
  const storage = schema === null ? await open() : await whileNoSchemaDrops(open)
  await seedDemoSetting(storage.services.db, storage.services.now(), demoPinVerifier)
  const app = buildServer({ distDir, sync: storage.services })
  app.addHook('onClose', () => storage.close())
  prepare?.(app, storage.services)
  await app.listen({ host: '127.0.0.1', port })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address !== null ? address.port : port
  return {
    url: `http://127.0.0.1:${actualPort}`,
    app,
    services: storage.services,
    dataDir,
    clock,
    close: async () => {
      await app.close()
      if (schema !== null) await dropSchema(schema)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function withClient<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    return await task(client)
  } finally {
    await client.end()
  }
}

export async function createSchema(): Promise<string> {
  const schema = `t_${globalThis.crypto.randomUUID().replace(/-/g, '')}`
  await withClient((c) => c.query(`create schema ${schema}`))
  return schema
}

/**
 * Test files share one PostgreSQL database, each in its own schema. Kysely's migrator looks
 * for its table through `has_schema_privilege` on every schema of the database, which fails
 * with "schema … does not exist" if another file drops its schema in between (seen in CI
 * under load). Drops take this advisory lock exclusively, and a test server's migrations
 * take it shared (`whileNoSchemaDrops`), so neither runs during the other.
 */
const SCHEMA_DROP_LOCK = 726_451_093

export async function dropSchema(schema: string): Promise<void> {
  await dropSchemaAt(DATABASE_URL, schema)
}

export async function dropSchemaAt(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('begin')
    await client.query('select pg_advisory_xact_lock($1)', [SCHEMA_DROP_LOCK])
    await client.query(`drop schema ${schema} cascade`)
    await client.query('commit')
  } finally {
    await client.end()
  }
}

/** Runs `task` (a server's migrations) while no test schema is being dropped. */
export async function whileNoSchemaDrops<T>(task: () => Promise<T>): Promise<T> {
  return withClient(async (client) => {
    await client.query('select pg_advisory_lock_shared($1)', [SCHEMA_DROP_LOCK])
    try {
      return await task()
    } finally {
      await client.query('select pg_advisory_unlock_shared($1)', [SCHEMA_DROP_LOCK])
    }
  })
}
