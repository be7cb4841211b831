/**
 * Where the server's writes are made: a push's slices (applySlice.ts) and an upload's rows
 * (photoWrites.ts). On this thread by default; on PostgreSQL, openStorage.ts gives them to the
 * write thread (writeThread.ts). Callers ask `writesOf(services)` and do not know which.
 *
 * Invariants: one `Writes` per services, so every upload of a server joins one group commit
 * and every push one policy-data cache; a write's promise settles once its transaction has
 * committed, or with the error that rolled it back.
 */
import type { Kysely } from 'kysely'
import type { SyncServices } from '../services.ts'
import { groupCommitOf } from '../storage/groupCommit.ts'
import { retryingConflicts } from '../storage/retryConflicts.ts'
import type { Database } from '../storage/schema.ts'
import { applySlice, type SliceJob, type SliceResult } from './applySlice.ts'
import { photoOf, writePhotoRows, writePhotoStatement, type PhotoWrite } from './photoWrites.ts'
import { policyDataLoader } from './policyData.ts'
import type { ThumbnailAnswer } from './thumbnailRows.ts'
import { writeFlagsDue } from './withdrawalFlags.ts'

export interface Writes {
  apply(job: SliceJob): Promise<SliceResult>
  writePhoto(write: PhotoWrite): Promise<ThumbnailAnswer | null>
  /** Brings the policy data cached for the setting up to its last commit (outside any write). */
  catchUp(settingId: string): Promise<void>
  /**
   * Writes the removal flags the setting's withdrawals still owe (withdrawalFlags.ts); how
   * many photos it flagged.
   */
  flagsDue(settingId: string, now: string): Promise<number>
  /**
   * A tablet is listening for withdrawals: whatever applies them gets ready now, not when the
   * first one comes (the write threads start; on this thread there is nothing to do).
   */
  ready(): void
}

const chosen = new WeakMap<SyncServices, Writes>()

/** The writes of `services` are made by `writes` (openStorage.ts: the write thread). */
export function writeWith(services: SyncServices, writes: Writes): void {
  chosen.set(services, writes)
}

/** Where the writes of `services` are made: as `writeWith` said, else on this thread. */
export function writesOf(services: SyncServices): Writes {
  let writes = chosen.get(services)
  if (writes === undefined) {
    writes = onThisThread(services.db)
    chosen.set(services, writes)
  }
  return writes
}

/**
 * How a photo's rows are committed: `grouped`, with the others of the moment in one
 * transaction (storage/groupCommit.ts: on SQLite a batch costs one turn of the loop and its
 * one flush is what is shared); `alone`, each in a transaction of its own, side by side (on
 * PostgreSQL a batch's statements are round trips while it holds every one of its photos' rows,
 * which a withdrawal's review may be waiting for, and concurrent commits share their flushes;
 * an image's rows are then one statement, photoWrites.ts: `alone` is for PostgreSQL only).
 */
export type PhotoCommits = 'grouped' | 'alone'

/** Writes made on `db` from this thread; the write thread makes its own the same way. */
export function onThisThread(db: Kysely<Database>, photos: PhotoCommits = 'grouped'): Writes {
  const policyData = policyDataLoader()
  return {
    apply: (job) => applySlice(db, policyData, job),
    catchUp: async (settingId) => {
      await policyData(db, settingId)
    },
    flagsDue: (settingId, now) => writeFlagsDue(db, settingId, now),
    ready: () => undefined,
    async writePhoto(write) {
      if (photos === 'alone') {
        // One photo's row locked at a time: it cannot meet a review's ordered locks in a
        // deadlock, but PostgreSQL may still abort it for one (retryConflicts.ts).
        return retryingConflicts(() => writePhotoStatement(db, write))
      }
      let answer: ThumbnailAnswer | null = null
      await groupCommitOf(db).run(async (trx) => {
        answer = await writePhotoRows(trx, write)
      }, photoOf(write))
      return answer
    },
  }
}
