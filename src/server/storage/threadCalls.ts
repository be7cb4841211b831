/**
 * Calls to a worker thread, each answered by its id: what the log's flush thread
 * (flushThread.ts) and the write threads (ingest/writeThread.ts) share.
 *
 * Invariants:
 * - Every call settles once: with what `settle` makes of the thread's reply, or failed when the
 *   thread errs or stops; the next call then starts a new thread.
 * - The thread keeps the process alive only while a call is under way.
 */
import type { Worker } from 'node:worker_threads'

export type Settled<Answer> = { ok: true; value: Answer } | { ok: false; error: Error }

export interface ThreadCalls<Request, Answer> {
  /** Posts `{ id, ...request }` to the thread (started if it is not running). */
  call(request: Request): Promise<Answer>
  /** Starts the thread now if it is not running. */
  warm(): void
  /** Whether a thread is running (started, and not stopped since). */
  running(): boolean
  /** The running thread, now forgotten (the next call starts another): for a caller's close. */
  detach(): Worker | null
}

export function threadCalls<Request extends object, Answer>(options: {
  start: () => Worker
  /**
   * What the thread's reply makes of its call. A method, so that a caller may name the shape
   * its own thread replies in (a reply is whatever that thread posted, with the call's `id`).
   */
  settle(reply: { id: number }): Settled<Answer>
  /** The error the calls under way fail with when the thread stops. */
  stopped: (exitCode: number) => Error
}): ThreadCalls<Request, Answer> {
  let worker: Worker | null = null
  const waiting = new Map<number, (settled: Settled<Answer>) => void>()
  let nextId = 1

  function failAll(error: Error): void {
    for (const settle of waiting.values()) settle({ ok: false, error })
    waiting.clear()
  }

  function start(): Worker {
    const thread = options.start()
    thread.unref()
    thread.on('message', (reply: { id: number }) => {
      const settle = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (waiting.size === 0) thread.unref()
      settle?.(options.settle(reply))
    })
    const lost = (error: Error) => {
      if (worker === thread) worker = null
      failAll(error)
    }
    thread.on('error', lost)
    thread.on('exit', (code) => {
      lost(options.stopped(code))
    })
    return thread
  }

  return {
    call(request) {
      worker ??= start()
      const thread = worker
      const id = nextId++
      return new Promise<Answer>((resolve, reject) => {
        waiting.set(id, (settled) => {
          if (settled.ok) resolve(settled.value)
          else reject(settled.error)
        })
        thread.ref()
        thread.postMessage({ id, ...request })
      })
    },
    warm() {
      worker ??= start()
    },
    running: () => worker !== null,
    detach() {
      const thread = worker
      worker = null
      return thread
    },
  }
}
