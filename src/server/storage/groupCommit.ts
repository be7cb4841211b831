/**
 * Small writes that arrive together commit together: the classic group commit. A photo's
 * "stored" row and its thumbnail's row are each one short write, and each commit is a flush of
 * the log that the request waits for (on SQLite, durableSqlite.ts). Three uploads in flight
 * made three flushes one after the other; here the writes that arrive while one commit is
 * flushing wait for it and then commit as one transaction, one flush for all of them.
 *
 * Invariants:
 * - A task's promise settles only after the transaction holding its write committed (or
 *   failed): nothing is acknowledged before its row is on disk.
 * - Tasks run one after another inside the transaction: those that name a photo in the order
 *   of its id's bytes (lockOrder.ts), the order a push's review locks photos
 *   in on PostgreSQL, so the two never deadlock; the others in arrival order, before them.
 * - One failing task never fails another: a batch that fails is run again one task per
 *   transaction, and each task gets its own outcome. A task alone whose transaction
 *   PostgreSQL aborted to break a deadlock runs again (retryConflicts.ts).
 */
import type { Kysely, Transaction } from 'kysely'
import { byIdBytes } from './lockOrder.ts'
import { retryingConflicts } from './retryConflicts.ts'
import type { Database } from './schema.ts'

export type GroupTask = (trx: Transaction<Database>) => Promise<void>

export interface GroupCommit {
  /** `photoId`: the photo whose row the task writes (its place in the batch). */
  run(task: GroupTask, photoId?: string): Promise<void>
}

interface Pending {
  task: GroupTask
  photoId: string | undefined
  resolve: () => void
  reject: (error: unknown) => void
}

/** At most this many writes in one transaction, so a commit stays short. */
const MAX_BATCH = 50

export function groupCommit(db: Kysely<Database>): GroupCommit {
  const waiting: Pending[] = []
  let draining = false

  async function commitAlone(pending: Pending): Promise<void> {
    try {
      // On PostgreSQL a photo's row can meet a push's reviews in a deadlock: run it again.
      await retryingConflicts(() => db.transaction().execute(pending.task))
      pending.resolve()
    } catch (error) {
      pending.reject(error)
    }
  }

  async function drain(): Promise<void> {
    draining = true
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, MAX_BATCH).sort(inLockOrder)
        const [only] = batch
        if (batch.length === 1 && only !== undefined) {
          await commitAlone(only)
          continue
        }
        try {
          await db.transaction().execute(async (trx) => {
            for (const pending of batch) await pending.task(trx)
          })
          for (const pending of batch) pending.resolve()
        } catch {
          for (const pending of batch) await commitAlone(pending)
        }
      }
    } finally {
      draining = false
    }
  }

  return {
    run(task, photoId) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ task, photoId, resolve, reject })
        if (!draining) void drain()
      })
    },
  }
}

/** Tasks without a photo first (in arrival order: the sort is stable), then by photo id. */
function inLockOrder(a: Pending, b: Pending): number {
  if (a.photoId === undefined || b.photoId === undefined)
    return (a.photoId === undefined ? 0 : 1) - (b.photoId === undefined ? 0 : 1)
  return byIdBytes(a.photoId, b.photoId)
}

const shared = new WeakMap<Kysely<Database>, GroupCommit>()

/** The one group commit of a database handle (so every route's writes join the same one). */
export function groupCommitOf(db: Kysely<Database>): GroupCommit {
  let group = shared.get(db)
  if (group === undefined) {
    group = groupCommit(db)
    shared.set(db, group)
  }
  return group
}
