/**
 * Sync against raw HTTP on the same server in the same run:
 * - sync.uploadRatio: 200 photos of ~300 KB sent by the sync client (push of their details,
 *   chunked upload, checksum verified, full image dropped) vs a raw PUT of the same bytes that
 *   the server writes to disk and flushes. Throughput ratio; the goal is ≥ 0.8.
 * - sync.pull5000Ratio: a fresh iPad pulling 5,000 consent records (and applying them to
 *   Dexie) vs downloading the same records as one raw JSON document. Time ratio.
 * - sync.pull5000ApplyRatio: the same pull vs that download plus one `bulkPut` of the same rows
 *   into a fresh device's IndexedDB (the least any client must do). Time ratio; goal ≤ 2.
 *   Both pull figures: after an untimed round of each, the median of three alternating rounds.
 * The server runs in a process of its own (benchServer.ts), as the setting's server does on
 * its own machine, so the iPad's work (Dexie, reading the Blob) and the server's do not take
 * turns on one thread. Both run on SQLite over loopback, after an untimed warm-up of both, in
 * rounds whose order alternates; the upload figure is the median round. The raw PUTs go one
 * at a time; the sync client keeps UPLOADS_IN_FLIGHT (3) requests in flight, each of up to
 * four photos (photoBatches.ts), as it does on the iPad, and its time also includes pushing
 * the photos' details (uploads start as each batch of them is answered) and the pull that
 * ends the round.
 */
import 'fake-indexeddb/auto'
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ConsentLensDb, StoredConsent } from '../../src/db/index.ts'
import { freshDb } from '../support/testDb.ts'
import { DEMO_SETTING_ID } from '../../src/demo/index.ts'
import { enrolDevice, syncOnce } from '../../src/sync/index.ts'
import { serverProcessEnv } from '../../src/server/threadPool.ts'
import { capturePhoto, type Captured } from '../support/capturedPhoto.ts'
import type { BenchReply, BenchRequest } from './benchServer.ts'

const PHOTOS = 200
const PHOTO_BYTES = 300 * 1024
const CONSENTS = 5_000
const PULL_SETTING = 'bench-pull'

type Request = BenchRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never

/** A child process's Node flags: this process's, and a CPU profile into `profileFolder` if set. */
export function childExecArgv(profileFolder: string | undefined): string[] {
  const profile =
    profileFolder === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`]
  return [...process.execArgv, ...profile]
}

export interface BenchServer {
  url: string
  call: (request: Request) => Promise<unknown>
}

export interface Device {
  db: ConsentLensDb
  deviceId: string
}

/** Starts benchServer.ts in a child process; `call` asks it something and waits for its answer. */
export async function startBenchServer(
  backend: 'sqlite' | 'postgres' = 'sqlite',
): Promise<BenchServer & { close: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./benchServer.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The pool's size the server ships with (threadPool.ts): it cannot be set from inside.
    env: serverProcessEnv({ ...process.env, BENCH_BACKEND: backend }),
    // BENCH_SERVER_PROFILE=<folder>: a CPU profile of the server, written when it stops.
    execArgv: childExecArgv(process.env.BENCH_SERVER_PROFILE),
  })
  const waiting = new Map<number, (reply: BenchReply) => void>()
  let nextId = 1
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      reject(new Error(`the bench server exited (${code})`))
    })
    child.on('message', (message: BenchReply | { url: string }) => {
      if ('url' in message) resolve(message.url)
      else waiting.get(message.id)?.(message)
    })
  })
  const call = (request: Request) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++
      waiting.set(id, (reply) => {
        waiting.delete(id)
        if (reply.ok) resolve(reply.value)
        else reject(new Error(reply.error))
      })
      child.send({ ...request, id })
    })
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  return {
    url,
    call,
    close: async () => {
      await call({ op: 'close' })
      await exited
    },
  }
}

export async function enrolledDevice(server: BenchServer, settingId: string): Promise<Device> {
  const db = freshDb()
  const code = (await server.call({ op: 'enrolmentCode', settingId })) as string
  const result = await enrolDevice(db, {
    serverUrl: server.url,
    code,
    now: new Date().toISOString(),
  })
  if (!result.ok) throw new Error(result.error.message)
  const device = await db.device.toArray()
  return { db, deviceId: device[0]!.id }
}

export async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await task()
  return performance.now() - start
}

/** Untimed photos sent both ways first, so neither side meets a cold JIT or an empty folder. */
const WARM_UP_PHOTOS = 20
/** Timed rounds; the figure is their median ratio. The order alternates between rounds. */
const UPLOAD_ROUNDS = 3

async function benchUpload(server: BenchServer): Promise<number> {
  const device = await enrolledDevice(server, DEMO_SETTING_ID)
  await syncOnce({ db: device.db })
  await uploadRound(server, device, WARM_UP_PHOTOS, 'warm', true)
  const ratios: number[] = []
  for (let round = 0; round < UPLOAD_ROUNDS; round++) {
    const { syncMs, rawMs } = await uploadRound(
      server,
      device,
      PHOTOS,
      `r${round}`,
      round % 2 === 0,
    )
    console.log(
      `upload round ${round + 1}: sync ${Math.round(syncMs)} ms, raw PUT ${Math.round(rawMs)} ms for ${PHOTOS} photos`,
    )
    ratios.push(rawMs / syncMs)
  }
  return median(ratios)
}

/** The same photos sent by sync and by raw PUT; `syncFirst` says which goes first. */
async function uploadRound(
  server: BenchServer,
  device: Device,
  count: number,
  label: string,
  syncFirst: boolean,
): Promise<{ syncMs: number; rawMs: number }> {
  const photos: Captured[] = []
  for (let i = 0; i < count; i++)
    photos.push(await capturePhoto(device.db, { deviceId: device.deviceId, size: PHOTO_BYTES }))
  const viaSync = () =>
    timed(async () => {
      const result = await syncOnce({ db: device.db })
      if (!result.ok || result.value.uploaded !== count)
        throw new Error(`sync failed: ${JSON.stringify(result)}`)
    })
  const viaRaw = () =>
    timed(async () => {
      for (const [i, { bytes }] of photos.entries()) {
        const response = await fetch(`${server.url}/bench/raw/${label}-${i}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: bytes,
        })
        await response.arrayBuffer()
      }
    })
  if (syncFirst) {
    const syncMs = await viaSync()
    return { syncMs, rawMs: await viaRaw() }
  }
  const rawMs = await viaRaw()
  return { syncMs: await viaSync(), rawMs }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Pull rounds after the warm-up; the figures are the medians of their ratios. */
const PULL_ROUNDS = 3

/**
 * The pull against two baselines: the raw download alone, and the raw download plus one
 * `bulkPut` of the same rows into the same kind of IndexedDB store (a fresh device's, on
 * fake-indexeddb): what any client must at least do to keep what it pulled. One untimed round
 * of each first (the sync's warmed the baseline's IndexedDB code before, and not the other way
 * round), then rounds whose order alternates, each on fresh devices; median ratios.
 */
async function benchPull(server: BenchServer): Promise<{ raw: number; apply: number }> {
  await server.call({ op: 'seedPull', settingId: PULL_SETTING, records: CONSENTS })
  const download = async () => {
    const response = await fetch(`${server.url}/bench/raw-pull`)
    const records = (await response.json()) as StoredConsent[]
    if (records.length !== CONSENTS) throw new Error('raw pull incomplete')
    return records
  }
  const viaSync = async () => {
    const device = await enrolledDevice(server, PULL_SETTING)
    return timed(async () => {
      const result = await syncOnce({ db: device.db })
      if (!result.ok || result.value.pulled !== CONSENTS)
        throw new Error(`pull failed: ${JSON.stringify(result)}`)
    })
  }
  const viaApply = async () => {
    const target = freshDb()
    const ms = await timed(async () => {
      await target.consents.bulkPut(await download())
    })
    if ((await target.consents.count()) !== CONSENTS) throw new Error('raw apply incomplete')
    return ms
  }
  await viaSync()
  await viaApply()
  const raw: number[] = []
  const apply: number[] = []
  for (let round = 0; round < PULL_ROUNDS; round++) {
    const first = round % 2 === 0
    const applyFirst = first ? 0 : await viaApply()
    const syncMs = await viaSync()
    const applyMs = first ? await viaApply() : applyFirst
    const rawMs = await timed(download)
    console.log(
      `sync pull of ${CONSENTS} consent records: ${Math.round(syncMs)} ms (raw ${Math.round(rawMs)} ms, raw + bulkPut ${Math.round(applyMs)} ms)`,
    )
    raw.push(syncMs / rawMs)
    apply.push(syncMs / applyMs)
  }
  return { raw: median(raw), apply: median(apply) }
}

export async function benchSync(): Promise<Record<string, number>> {
  const server = await startBenchServer()
  try {
    const uploadRatio = await benchUpload(server)
    const pull = await benchPull(server)
    return {
      'sync.uploadRatio': round(uploadRatio),
      'sync.pull5000Ratio': round(pull.raw),
      'sync.pull5000ApplyRatio': round(pull.apply),
    }
  } finally {
    await server.close()
  }
}

export function round(value: number): number {
  return Math.round(value * 100) / 100
}
