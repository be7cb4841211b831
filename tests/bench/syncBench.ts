/**
 * Sync against raw HTTP on the same server in the same run:
 * - sync.uploadRatio: 200 photos of ~300 KB sent by the sync client (push of their details,
 *   chunked upload, checksum verified, full image dropped) vs a raw PUT of the same bytes that
 *   the server writes to disk and flushes. Throughput ratio; the goal is ≥ 0.8.
 * - sync.pull5000Ratio: a fresh iPad pulling 5,000 consent records (and applying them to
 *   Dexie) vs downloading the same records as one raw JSON document. Time ratio.
 * Both run on SQLite over loopback. The raw PUTs go one at a time; the sync client keeps
 * UPLOADS_IN_FLIGHT (2) uploads in flight, as it does on the iPad, and its time also
 * includes pushing the photos' details first and the pull that ends the round.
 */
import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { open, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DEMO_SETTING_ID } from '../../src/demo/index.ts'
import { PURPOSES } from '../../src/policy/index.ts'
import { putEntity } from '../../src/server/storage/entities.ts'
import { syncOnce } from '../../src/sync/index.ts'
import { capturePhoto, type Captured } from '../support/capturedPhoto.ts'
import { enrolledDevice } from '../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

const PHOTOS = 200
const PHOTO_BYTES = 300 * 1024
const CONSENTS = 5_000
const PULL_SETTING = 'bench-pull'

let rawPullJson = ''

function rawRoutes(dir: string) {
  return (app: FastifyInstance) => {
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

async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await task()
  return performance.now() - start
}

async function benchUpload(server: TestServer): Promise<number> {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  await syncOnce({ db: device.db })
  const photos: Captured[] = []
  for (let i = 0; i < PHOTOS; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: PHOTO_BYTES }))
  const syncMs = await timed(async () => {
    const result = await syncOnce({ db: device.db })
    if (!result.ok || result.value.uploaded !== PHOTOS)
      throw new Error(`sync failed: ${JSON.stringify(result)}`)
  })
  const rawMs = await timed(async () => {
    for (const [i, { bytes }] of photos.entries()) {
      const response = await fetch(`${server.url}/bench/raw/${i}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      })
      await response.arrayBuffer()
    }
  })
  return rawMs / syncMs
}

async function seedPullSetting(server: TestServer): Promise<void> {
  const { db } = server.services
  const at = new Date().toISOString()
  const consents = Array.from({ length: CONSENTS }, (_, i) => ({
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
      .values({ id: PULL_SETTING, name: 'Bench', is_demo: 0, last_seq: 0, created_at: at })
      .execute()
    for (const record of consents)
      await putEntity(trx, PULL_SETTING, 'consent', record.id, record, at)
  })
  rawPullJson = JSON.stringify(consents)
}

async function benchPull(server: TestServer): Promise<number> {
  await seedPullSetting(server)
  const device = await enrolledDevice(server, PULL_SETTING)
  const syncMs = await timed(async () => {
    const result = await syncOnce({ db: device.db })
    if (!result.ok || result.value.pulled !== CONSENTS)
      throw new Error(`pull failed: ${JSON.stringify(result)}`)
  })
  const rawMs = await timed(async () => {
    const response = await fetch(`${server.url}/bench/raw-pull`)
    const records = (await response.json()) as unknown[]
    if (records.length !== CONSENTS) throw new Error('raw pull incomplete')
  })
  console.log(
    `sync pull of ${CONSENTS} consent records: ${Math.round(syncMs)} ms (raw ${Math.round(rawMs)} ms)`,
  )
  return syncMs / rawMs
}

export async function benchSync(): Promise<Record<string, number>> {
  const rawDir = mkdtempSync(join(tmpdir(), 'consentlens-raw-'))
  const server = await startTestServer('sqlite', 0, rawRoutes(rawDir))
  try {
    const uploadRatio = await benchUpload(server)
    const pull5000Ratio = await benchPull(server)
    return { 'sync.uploadRatio': round(uploadRatio), 'sync.pull5000Ratio': round(pull5000Ratio) }
  } finally {
    await server.close()
    rmSync(rawDir, { recursive: true, force: true })
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
