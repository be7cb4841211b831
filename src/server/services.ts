/**
 * What the sync routes need, passed in (never imported as singletons) so tests run a real
 * server on a temporary database and a fake clock.
 */
import type { Kysely } from 'kysely'
import type { FailureLimiter } from './auth/failureLimiter.ts'
import type { PhotoStore } from './photoStore/PhotoStore.ts'
import type { Database } from './storage/schema.ts'

export interface SyncServices {
  db: Kysely<Database>
  /**
   * Reads that wait neither behind a push's transaction nor for the disk (openDatabase.ts):
   * an answer that hands out what they read waits for `durableNow` first; else `db`.
   */
  readDb?: Kysely<Database>
  /** Settles once every commit made before the call is on disk; absent: at once. */
  durable?: () => Promise<void>
  photos: PhotoStore
  /** The server's clock; tests pass a fixed one. */
  now: () => Date
  /** How long devices keep a sent photo's thumbnail; null: until the end of its day. */
  thumbnailRetentionHours: number | null
  /** Wrong enrolment codes, per client address. */
  enrolFailures: FailureLimiter
}

export function readDbOf(services: SyncServices): Kysely<Database> {
  return services.readDb ?? services.db
}

/** Every commit made so far is on disk: before an answer hands out what `readDb` read. */
export function durableNow(services: SyncServices): Promise<void> {
  return services.durable?.() ?? Promise.resolve()
}

export function isoNow(services: SyncServices): string {
  return services.now().toISOString()
}
