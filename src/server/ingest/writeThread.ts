/**
 * On PostgreSQL, the server's writes run on a thread of their own (writeThreadMain.ts), on
 * connections of their own: a push's slices, and the rows an upload writes once its bytes are
 * on disk, with their group commit (writes.ts says which writes those are).
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
 *   pool. Upload rows join the thread's one group commit, as they joined the server's.
 * - The thread keeps the process alive only while a job is under way; `close` closes its pool
 *   and ends it.
 */
import { Worker } from 'node:worker_threads'
import type { DatabaseOptions } from '../storage/openDatabase.ts'
import type { SliceJob, SliceResult } from './applySlice.ts'
import type { PhotoWrite } from './photoWrites.ts'
import type { ThumbnailAnswer } from './thumbnailRows.ts'
import type { Writes } from './writes.ts'

export type PostgresOptions = Extract<DatabaseOptions, { kind: 'postgres' }>

export interface WriteThread extends Writes {
  close(): Promise<void>
}

/** An error as it crosses between threads: what the server reads of one. */
export interface ErrorParts {
  name: string
  message: string
  code?: string
  stack?: string
}

export type ToThread =
  { id: number; slice: SliceJob } | { id: number; photo: PhotoWrite } | { close: true }
export type FromThread =
  | { id: number; ok: true; result: SliceResult | ThumbnailAnswer | null }
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
 * The thread, from the source beside this file (tsx, the tests: a thread does not inherit tsx's
 * loader, so it loads the source through tsx's own API) or, in the bundled server
 * (dist-server/start.js), from the bundle built beside it (package.json's build:server).
 */
function startThread(options: PostgresOptions): Worker {
  const here = import.meta.url
  if (!here.endsWith('.ts'))
    return new Worker(new URL('./writeThread.js', here), { workerData: options })
  const source = JSON.stringify(new URL('./writeThreadMain.ts', here).href)
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`
  return new Worker(boot, { eval: true, workerData: options })
}

interface Waiting {
  resolve: (result: never) => void
  reject: (error: Error) => void
}

export function writeThread(options: PostgresOptions): WriteThread {
  let worker: Worker | null = null
  const waiting = new Map<number, Waiting>()
  let nextId = 1

  function failAll(error: Error): void {
    for (const wait of waiting.values()) wait.reject(error)
    waiting.clear()
  }

  function start(): Worker {
    const thread = startThread(options)
    thread.unref()
    thread.on('message', (reply: FromThread) => {
      const wait = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (waiting.size === 0) thread.unref()
      if (wait === undefined) return
      if (reply.ok) wait.resolve(reply.result as never)
      else wait.reject(errorFrom(reply.error))
    })
    thread.on('error', (error) => {
      if (worker === thread) worker = null
      failAll(error)
    })
    thread.on('exit', (code) => {
      if (worker === thread) worker = null
      failAll(new Error(`the write thread stopped (exit code ${code})`))
    })
    return thread
  }

  /** Sends `message` (with its id) and settles with the thread's answer to it. */
  function ask<T>(message: (id: number) => ToThread): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      worker ??= start()
      const id = nextId++
      waiting.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage(message(id))
    })
  }

  return {
    apply: (slice) => ask<SliceResult>((id) => ({ id, slice })),
    writePhoto: (photo) => ask<ThumbnailAnswer | null>((id) => ({ id, photo })),
    async close() {
      const thread = worker
      worker = null
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
