/**
 * The daily retention job of a running server: once at start, then every 24 hours
 * (runRetention.ts). The admin command `retention-run` runs the same thing once.
 *
 * Invariant: a failed run is logged and retried at the next tick; it never stops the server.
 */
import { repeating, type Repeating } from '../repeating.ts'
import type { SyncServices } from '../services.ts'
import { runRetention } from './runRetention.ts'

export const RETENTION_EVERY_MS = 24 * 60 * 60_000

export function startRetentionSchedule(
  services: SyncServices,
  log: (line: string) => void = console.log,
): Repeating {
  return repeating(RETENTION_EVERY_MS, async () => {
    try {
      const runs = await runRetention(services)
      const erased = runs.reduce((n, r) => n + r.erased.length, 0)
      if (erased > 0) log(`Retention: erased ${erased} photo(s) past their time.`)
    } catch (error) {
      log(`Retention could not run: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}
