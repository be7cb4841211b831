/**
 * When sync runs: on start, when the network comes back, when the app becomes visible, every
 * 30 s while online and visible, whenever the app asks (`requestSync`, after each capture),
 * and, with `live`, as soon as the server says the setting changed (liveSignal.ts).
 * After a failure it waits with exponential backoff and jitter before trying again. It never
 * relies on the Background Sync API (Safari has none): it runs only while the app is open.
 *
 * Invariants:
 * - One round at a time; a request during a round queues exactly one more round.
 * - The 30 s tick does not cut a backoff short; a person's action (capture, reopening the app,
 *   the network returning) does.
 * - Clock, randomness, timers and the browser's online/visibility signals are arguments.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { backoffDelay } from './backoff.ts'
import { openLiveSignal, type LiveSignal } from './liveSignal.ts'
import type { Fetch } from './syncApi.ts'
import { syncOnce, type SyncOutcome } from './syncOnce.ts'
import type { SyncStatusSink } from './syncStatus.ts'
import type { Timers } from './timers.ts'

export type { Timers } from './timers.ts'

export interface SyncEnvironment {
  isOnline(): boolean
  isVisible(): boolean
  /** Calls `onChange` when the network or the app's visibility changes; returns an unsubscribe. */
  listen(onChange: () => void): () => void
}

export interface SyncEngineOptions {
  db: ConsentLensDb
  environment: SyncEnvironment
  fetch?: Fetch
  now?: () => Date
  random?: () => number
  timers?: Timers
  /** Told each change of status; without it the engine runs unobserved (tests of timing). */
  status?: SyncStatusSink
  intervalMs?: number
  chunkBytes?: number
  /** Listen for the server's live changes while started (the tick stays as the fallback). */
  live?: boolean
}

export interface SyncEngine {
  start(): void
  stop(): void
  /** Runs a round now (or right after the current one); resolves when it has finished. */
  requestSync(): Promise<void>
}

export const SYNC_INTERVAL_MS = 30_000

const defaultTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
  },
  setInterval: (run, ms) => globalThis.setInterval(run, ms),
  clearInterval: (handle) => {
    globalThis.clearInterval(handle as ReturnType<typeof setInterval>)
  },
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, environment: env } = options
  const now = options.now ?? (() => new Date())
  const random = options.random ?? Math.random
  const timers = options.timers ?? defaultTimers
  const status: SyncStatusSink = options.status ?? { setState: () => undefined }
  let running: Promise<void> | null = null
  let again = false
  let failures = 0
  let retry: unknown = null
  let tick: unknown = null
  let unlisten: (() => void) | null = null
  let live: LiveSignal | null = null

  async function attempt(): Promise<SyncOutcome> {
    try {
      return await syncOnce({ db, fetch: options.fetch, now, chunkBytes: options.chunkBytes })
    } catch (error) {
      const message = `Sync failed on this iPad: ${String(error)}`
      return { ok: false, error: { code: 'internal', message, status: null } }
    }
  }

  async function round(): Promise<void> {
    again = false
    if (!env.isOnline()) {
      status.setState({ phase: 'offline' })
      return
    }
    status.setState({ phase: 'syncing' })
    const result = await attempt()
    if (result.ok) {
      failures = 0
      const refused = result.value.push.refused.map((r) => r.message)
      const problem = result.value.photoProblems[0] ?? null
      status.setState({
        phase: 'idle',
        lastSyncAt: now().toISOString(),
        error: problem?.message ?? null,
        errorCode: problem?.code ?? null,
        refused,
      })
    } else if (result.error.code === 'device_revoked') {
      stop()
      status.setState({
        phase: 'revoked',
        error: result.error.message,
        errorCode: result.error.code,
      })
    } else if (result.error.code === 'not_enrolled') {
      status.setState({
        phase: 'not-enrolled',
        error: result.error.message,
        errorCode: result.error.code,
      })
    } else {
      failures += 1
      cancelRetry()
      retry = timers.setTimeout(
        () => {
          retry = null
          void requestSync()
        },
        backoffDelay(failures, random),
      )
      status.setState({
        phase: 'waiting-to-retry',
        error: result.error.message,
        errorCode: result.error.code,
      })
    }
  }

  /** Whether a request came in during the round just finished; clears it. */
  function takeAgain(): boolean {
    const requested = again
    again = false
    return requested
  }

  /** A round is asked for now: a wait for a retry has nothing left to wait for. */
  function cancelRetry(): void {
    if (retry !== null) timers.clearTimeout(retry)
    retry = null
  }

  function requestSync(): Promise<void> {
    cancelRetry()
    if (running !== null) {
      again = true
      return running
    }
    // `running` is cleared in the same step as the last look at `again`: cleared later (in a
    // `.finally`), a request in between found a round "running", queued itself and was lost.
    running = (async () => {
      try {
        for (let more = true; more; more = takeAgain()) await round()
      } finally {
        running = null
      }
    })()
    return running
  }

  function start(): void {
    if (unlisten !== null) return
    unlisten = env.listen(() => {
      if (env.isOnline() && env.isVisible()) void requestSync()
    })
    tick = timers.setInterval(() => {
      if (env.isOnline() && env.isVisible() && retry === null) void requestSync()
    }, options.intervalMs ?? SYNC_INTERVAL_MS)
    if (options.live === true) {
      live = openLiveSignal({
        db,
        fetch: options.fetch,
        timers,
        random,
        now,
        onChange: () => {
          if (env.isOnline() && env.isVisible()) void requestSync()
        },
      })
    }
    void requestSync()
  }

  function stop(): void {
    unlisten?.()
    unlisten = null
    live?.close()
    live = null
    if (tick !== null) timers.clearInterval(tick)
    tick = null
    cancelRetry()
  }

  return { start, stop, requestSync }
}
