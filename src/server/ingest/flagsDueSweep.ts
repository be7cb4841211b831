/**
 * The removal flags withdrawals still owe (withdrawalFlags.ts), written by a running server: at
 * start (a server stopped between a withdrawal and its flags) and every minute (a run that
 * failed after the withdrawal had committed). A push that withdraws writes its own at once
 * (syncRoutes.ts); this is what catches what that left.
 *
 * Invariant: a failed run is logged and tried again at the next tick; it never stops the server.
 */
import { repeating, type Repeating } from '../repeating.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { settingsOwingFlags } from './withdrawalFlags.ts'
import { writesOf } from './writes.ts'

export const FLAGS_SWEEP_EVERY_MS = 60_000

export function startFlagsDueSweep(
  services: SyncServices,
  log: (line: string) => void = console.log,
): Repeating {
  return repeating(FLAGS_SWEEP_EVERY_MS, async () => {
    try {
      for (const settingId of await settingsOwingFlags(services.db)) {
        const flagged = await writesOf(services).flagsDue(settingId, isoNow(services))
        if (flagged > 0) log(`Flagged ${flagged} photo(s) for removal after a withdrawal.`)
      }
    } catch (error) {
      log(
        `Removal flags owed by withdrawals could not be written: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  })
}
