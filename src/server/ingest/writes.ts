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
import type { Database } from '../storage/schema.ts'
import { applySlice, type SliceJob, type SliceResult } from './applySlice.ts'
import { photoOf, writePhotoRows, type PhotoWrite } from './photoWrites.ts'
import { policyDataLoader } from './policyData.ts'
import type { ThumbnailAnswer } from './thumbnailRows.ts'

export interface Writes {
  apply(job: SliceJob): Promise<SliceResult>
  writePhoto(write: PhotoWrite): Promise<ThumbnailAnswer | null>
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
 * Writes made on `db` from this thread; the write thread makes its own the same way, with
 * `photoBatch` (the most photos' rows in one commit: storage/groupCommit.ts).
 */
export function onThisThread(db: Kysely<Database>, photoBatch?: number): Writes {
  const policyData = policyDataLoader()
  const group = groupCommitOf(db, photoBatch)
  return {
    apply: (job) => applySlice(db, policyData, job),
    async writePhoto(write) {
      let answer: ThumbnailAnswer | null = null
      await group.run(async (trx) => {
        answer = await writePhotoRows(trx, write)
      }, photoOf(write))
      return answer
    },
  }
}
