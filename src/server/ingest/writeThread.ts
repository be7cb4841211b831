/**
 * On PostgreSQL, the server's writes run on a thread of their own (writeThreadMain.ts), on
 * connections of their own: a push's slices, and the rows an upload writes once its bytes are
 * on disk (writes.ts says which writes those are).
 *
 * A transaction on PostgreSQL is a conversation: each statement is sent once the answer to the
 * one before has been received, and each answer waits for a turn of the event loop that
 * receives it. In a morning burst of thirty tablets the server's loop is about 80% busy
 * (uploads, signatures, pulls, JSON): a ready callback waited 5.5 ms at the median and 28 ms at
 * p99, and a withdrawal's slice, seventeen statements, took 150–340 ms from its `begin` to its
 * `commit` with no lock in its way, while the other settings' slices held their setting's row
 * lock as long. Worse, the uploads' group commit, some 250 statements for 50 photos, held its
 * photos' rows for 1.2 s, and a withdrawal's review, which flags that child's photos, waited
 * for them (log_lock_waits: 0.9 and 1.1 s). Here the conversation runs on a loop that does
 * nothing else.
 *
 * Invariants:
 * - A job's promise settles with the thread's answer: its transaction committed (the result)
 *   or was rolled back (the error, with its code, so storeUnavailable.ts reads it as it did).
 * - A thread that dies, or cannot start, fails the jobs it held (PostgreSQL rolls back a
 *   transaction whose connection closed); the next job starts a new thread.
 * - The order of one setting's slices is kept on the server's thread (settingQueue.ts): they
 *   arrive here one per setting at a time and run side by side, as they did on the server's
 *   pool. Each upload's rows are a transaction of their own there (writes.ts: `alone`).
 * - The thread keeps the process alive only while a job is under way; `close` closes its pool
 *   and ends it.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type * as Esbuild from 'esbuild'
import type { PostgresOptions } from '../storage/openDatabase.ts'
import { threadCalls } from '../storage/threadCalls.ts'
import { restricts, type SliceJob, type SliceResult } from './applySlice.ts'
import type { PhotoWrite } from './photoWrites.ts'
import type { ThumbnailAnswer } from './thumbnailRows.ts'
import type { Writes } from './writes.ts'

export interface WriteThread extends Writes {
  /** Whether its thread is running: a write or `ready` started it. */
  running(): boolean
  close(): Promise<void>
}

/** An error as it crosses between threads: what the server reads of one. */
export interface ErrorParts {
  name: string
  message: string
  code?: string
  stack?: string
}

/** What the server asks of the thread; each call goes with its id (storage/threadCalls.ts). */
export type ThreadRequest =
  | { slice: SliceJob }
  | { photo: PhotoWrite }
  | { catchUp: string }
  | { flagsDue: { settingId: string; now: string } }
export type ToThread = (ThreadRequest & { id: number }) | { close: true }
export type FromThread =
  | { id: number; ok: true; result: SliceResult | ThumbnailAnswer | number | null | undefined }
  | { id: number; ok: false; error: ErrorParts }

export function errorParts(error: unknown): ErrorParts {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  }
}

export function errorFrom(parts: ErrorParts): Error {
  const error = new Error(parts.message) as Error & { code?: string }
  error.name = parts.name
  if (parts.code !== undefined) error.code = parts.code
  if (parts.stack !== undefined) error.stack = parts.stack
  return error
}

/**
 * The thread, from the bundle built beside the server's (dist-server/writeThread.js, by
 * package.json's build:server) or, run from source (`npm start`, the tests), from a bundle of
 * writeThreadMain.ts made here once per process with esbuild, a development dependency. A
 * thread does not inherit tsx's loader, and loading the source through tsx's API took about
 * three seconds of CPU a thread, module by module: the PostgreSQL suites, a server per file,
 * took twice as long. The bundle is kept in node_modules/.cache, where its packages resolve,
 * named by its content.
 */
function startThread(options: PostgresOptions): Worker {
  const here = import.meta.url
  const file = here.endsWith('.ts') ? sourceBundle() : new URL('./writeThread.js', here)
  return new Worker(file, { workerData: options })
}

let bundled: URL | undefined

function sourceBundle(): URL {
  if (bundled !== undefined) return bundled
  const require = createRequire(import.meta.url)
  const esbuild = require('esbuild') as typeof Esbuild
  const built = esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('./writeThreadMain.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  })
  const code = built.outputFiles[0]?.contents
  if (code === undefined) throw new Error('esbuild made no bundle of the write thread')
  // Beside the packages it imports: node_modules of this checkout (esbuild is one of them).
  const installed = require.resolve('esbuild')
  const modules = installed.slice(0, installed.indexOf(`${sep}node_modules${sep}`))
  const dir = join(modules, 'node_modules', '.cache', 'consentlens')
  mkdirSync(dir, { recursive: true })
  const path = join(
    dir,
    `writeThread-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
  )
  if (!existsSync(path)) writeFileSync(path, code)
  bundled = pathToFileURL(path)
  return bundled
}

/**
 * The write thread, and beside it a second that applies only slices taking consent away (a
 * withdrawal, a refusal), with a connection of its own. The first is busy in a burst: other
 * settings' slices (their reviews, their policy checks) and every upload's rows run on its loop,
 * and a withdrawal's statements waited 10–30 ms each for turns there. The second is idle until
 * a withdrawal comes. A setting's slices still run one at a time (settingQueue.ts), whichever
 * thread applies them.
 */
export function writeThreads(everyday: PostgresOptions, withdrawals: PostgresOptions): WriteThread {
  const busy = writeThread(everyday)
  const first = writeThread(withdrawals)
  // A withdrawal's review checks the child's photos against the setting's policy data, which
  // the second thread caches (policyData.ts). Left alone through a burst, its copy fell
  // thousands of records behind, and the withdrawal read and parsed them all (175 ms): it is
  // brought up to date after each write of the busy thread that moves a setting's sequence
  // number (a slice, the flags a withdrawal owed), one catch-up per setting at a time (once the
  // second is running: its first load reads everything anyway).
  const catchingUp = new Map<string, 'running' | 'again'>()
  const keepUp = (settingId: string): void => {
    if (!first.running()) return
    if (catchingUp.has(settingId)) {
      catchingUp.set(settingId, 'again')
      return
    }
    catchingUp.set(settingId, 'running')
    void first
      .catchUp(settingId)
      .catch(() => undefined)
      .then(() => {
        const again = catchingUp.get(settingId) === 'again'
        catchingUp.delete(settingId)
        if (again) keepUp(settingId)
      })
  }
  return {
    async apply(slice) {
      if (slice.changes.some(restricts)) return first.apply(slice)
      const applied = await busy.apply(slice)
      keepUp(slice.device.settingId)
      return applied
    },
    catchUp: (settingId) => first.catchUp(settingId),
    // The flags come after the withdrawal, with the everyday work: the withdrawals' one
    // connection stays free for the next withdrawal. Their statuses move the sequence number.
    async flagsDue(settingId, now) {
      const flagged = await busy.flagsDue(settingId, now)
      if (flagged > 0) keepUp(settingId)
      return flagged
    },
    writePhoto: (photo) => busy.writePhoto(photo),
    // A tablet listens (its live stream opened): the withdrawals' thread is made ready, so the
    // first withdrawal does not wait for it to load. Each thread otherwise
    // starts with its first write: a server nobody syncs with starts neither.
    ready() {
      busy.ready()
      first.ready()
    },
    running: () => busy.running() || first.running(),
    async close() {
      await Promise.all([busy.close(), first.close()])
    },
  }
}

export function writeThread(options: PostgresOptions): WriteThread {
  const calls = threadCalls<ThreadRequest, unknown>({
    start: () => startThread(options),
    settle: (reply: FromThread) =>
      reply.ok ? { ok: true, value: reply.result } : { ok: false, error: errorFrom(reply.error) },
    stopped: (code) => new Error(`the write thread stopped (exit code ${code})`),
  })
  return {
    ready: () => {
      calls.warm()
    },
    running: () => calls.running(),
    apply: async (slice) => (await calls.call({ slice })) as SliceResult,
    catchUp: async (catchUp) => {
      await calls.call({ catchUp })
    },
    writePhoto: async (photo) => (await calls.call({ photo })) as ThumbnailAnswer | null,
    flagsDue: async (settingId, now) =>
      (await calls.call({ flagsDue: { settingId, now } })) as number,
    async close() {
      const thread = calls.detach()
      if (thread === null) return
      const exited = new Promise<void>((resolve) => {
        thread.once('exit', () => {
          resolve()
        })
      })
      thread.postMessage({ close: true } satisfies ToThread)
      await exited
    },
  }
}
