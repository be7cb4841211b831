/**
 * Work a running server does at start and then every so often: the retention job
 * (retention/retentionSchedule.ts), the sweep of removal flags owed (ingest/flagsDueSweep.ts),
 * the sweep of abandoned uploads (openStorage.ts).
 *
 * Invariants: `once` runs now and then every `everyMs`, until `stop`; it catches and reports
 * its own failures (a run that fails is tried again at the next tick); the timer never keeps
 * the process alive.
 */
export interface Repeating {
  stop: () => void
  /** The first run, under way from the call. */
  done: Promise<void>
}

export function repeating(everyMs: number, once: () => Promise<void>): Repeating {
  const done = once()
  const timer = setInterval(() => void once(), everyMs)
  timer.unref()
  return {
    stop: () => {
      clearInterval(timer)
    },
    done,
  }
}
