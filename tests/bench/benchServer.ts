/**
 * The sync benchmark's server, in a process of its own as on a real network: the iPad (Dexie
 * on fake-indexeddb, the sync client) and the setting's server do not share one thread, so
 * neither's work is billed to the other. The same server also answers the raw baselines (a
 * PUT that writes and flushes the bytes; one JSON document of the pull's records).
 *
 * Run as a child (`fork`): it sends `{ url }` when listening, then answers requests by id:
 * `enrolmentCode` (for a setting), `seedPull` (5,000 consent records in a setting of their
 * own), `cloneDemo` (copies of the demo setting's records under other setting ids, for the
 * load benchmark's many settings), `cpu` (its CPU time so far), `loopDelay` (how long its event loop kept a ready callback
 * waiting since the last reset: p50, p99 and max in ms), `close` (shuts down, removes its folders, exits).
 * BENCH_BACKEND=postgres runs it on PostgreSQL (DATABASE_URL) instead of SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DEMO_SETTING_ID } from '../../src/demo/index.ts'
import { PURPOSES } from '../../src/policy/index.ts'
import { createEnrolmentCode } from '../../src/server/devices/enrolment.ts'
import { putEntity } from '../../src/server/storage/entities.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

export type BenchRequest =
  | { id: number; op: 'enrolmentCode'; settingId: string }
  | { id: number; op: 'seedPull'; settingId: string; records: number }
  | { id: number; op: 'cloneDemo'; settingIds: string[] }
  | { id: number; op: 'cpu' }
  | { id: number; op: 'loopDelay'; reset: boolean }
  | { id: number; op: 'close' }

export type BenchReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }

let rawPullJson = ''

function rawRoutes(dir: string) {
  return (app: FastifyInstance) => {
    // A request the server fails (a bug answers 500) is told here with its stack: the
    // tablets only see "something went wrong", and a bench must not hide a server's bug.
    app.addHook('onError', (request, _reply, error, done) => {
      if ((error.statusCode ?? 500) >= 500)
        console.error(`bench server: ${request.method} ${request.url} failed:`, error)
      done()
    })
    void app.register((scope, _options, done) => {
      scope.addContentTypeParser(
        'application/octet-stream',
        { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
        (_r, body, next) => {
          next(null, body)
        },
      )
      scope.put('/bench/raw/:id', async (request) => {
        await mkdir(dir, { recursive: true })
        const handle = await open(join(dir, (request.params as { id: string }).id), 'w')
        await handle.write(request.body as Buffer)
        await handle.sync()
        await handle.close()
        return { ok: true }
      })
      scope.get('/bench/raw-pull', (_request, reply) =>
        reply.type('application/json').send(rawPullJson),
      )
      done()
    })
  }
}

async function seedPull(server: TestServer, settingId: string, count: number): Promise<void> {
  const { db } = server.services
  const at = new Date().toISOString()
  const consents = Array.from({ length: count }, (_, i) => ({
    id: `bench-consent-${i}`,
    childId: `bench-child-${i % 500}`,
    purpose: PURPOSES[Math.floor(i / 500) % PURPOSES.length]!,
    status: 'granted' as const,
    givenBy: { name: `Parent ${i % 500}`, relationship: 'mother', parentalResponsibility: true },
    recordedAt: at,
    recordedBy: 'bench-manager',
    reviewDue: null,
    supersedes: null,
    formRef: `FORM-${i}`,
  }))
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ id: settingId, name: 'Bench', is_demo: 0, last_seq: 0, created_at: at })
      .execute()
    for (const record of consents) await putEntity(trx, settingId, 'consent', record.id, record, at)
  })
  rawPullJson = JSON.stringify(consents)
}

/** Each new setting gets the demo setting's records (same ids, its own sequence numbers). */
async function cloneDemo(server: TestServer, settingIds: string[]): Promise<void> {
  const { db } = server.services
  const at = new Date().toISOString()
  const rows = await db
    .selectFrom('entities')
    .select(['kind', 'id', 'payload'])
    .where('setting_id', '=', DEMO_SETTING_ID)
    .orderBy('seq')
    .execute()
  for (const settingId of settingIds) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ id: settingId, name: settingId, is_demo: 0, last_seq: 0, created_at: at })
        .execute()
      for (const row of rows)
        await putEntity(trx, settingId, row.kind, row.id, JSON.parse(row.payload), at)
    })
  }
}

async function main(): Promise<void> {
  const rawDir = mkdtempSync(join(tmpdir(), 'consentlens-raw-'))
  const backend = process.env.BENCH_BACKEND === 'postgres' ? 'postgres' : 'sqlite'
  const server = await startTestServer(backend, 0, rawRoutes(rawDir))
  const close = async () => {
    await server.close()
    rmSync(rawDir, { recursive: true, force: true })
  }
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  process.on('message', (message: BenchRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (message.op) {
        case 'enrolmentCode':
          return (
            await createEnrolmentCode(
              server.services.db,
              message.settingId,
              'bench',
              server.services.now(),
            )
          ).code
        case 'seedPull':
          return seedPull(server, message.settingId, message.records)
        case 'cloneDemo':
          return cloneDemo(server, message.settingIds)
        case 'cpu':
          return Promise.resolve(process.cpuUsage())
        case 'loopDelay': {
          const ms = (ns: number) => Math.round(ns / 1e5) / 10
          const delay = {
            p50: ms(loop.percentile(50)),
            p99: ms(loop.percentile(99)),
            max: ms(loop.max),
          }
          if (message.reset) loop.reset()
          return Promise.resolve(delay)
        }
        case 'close':
          return close()
      }
    }
    answer().then(
      (value) => {
        process.send?.({ id: message.id, ok: true, value } satisfies BenchReply)
        if (message.op === 'close') process.disconnect()
      },
      (error: unknown) =>
        process.send?.({ id: message.id, ok: false, error: String(error) } satisfies BenchReply),
    )
  })
  process.send?.({ url: server.url })
}

await main()
