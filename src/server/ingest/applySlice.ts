/**
 * One slice of a push applied in its own transaction (syncRoutes.ts cuts a push into slices):
 * its changes with their exactly-once records and reviews (applyPush.ts), and, when the slice
 * withdrew or refused consent, what the other tablets are told, read before it commits
 * (live/liveNews.ts). A transaction PostgreSQL aborted to break a deadlock runs again.
 *
 * Where it runs is writes.ts's choice: on this thread (SQLite, whose one writer connection lives
 * here), or on PostgreSQL on a thread of its own (writeThread.ts). A job is plain data, so the
 * same function runs in both places.
 *
 * Invariants: a job is one whole transaction, committed or rolled back; the policy data cached
 * for its setting is dropped when a run fails, since it may hold rows the rollback took back.
 */
import type { Kysely } from 'kysely'
import type { PushChange, PushResult } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { LiveNews } from '../live/liveChanges.ts'
import { liveNews } from '../live/liveNews.ts'
import { retryingConflicts } from '../storage/retryConflicts.ts'
import type { Database } from '../storage/schema.ts'
import { applyPushIn } from './applyPush.ts'
import type { CheckedProofs } from './checkProofs.ts'
import type { CachingPolicyDataLoader } from './policyData.ts'

/** A change that takes consent away: its slice goes first, and the other tablets are told. */
export function restricts(change: PushChange): change is Extract<PushChange, { kind: 'consent' }> {
  return change.kind === 'consent' && change.payload.status !== 'granted'
}

export interface SliceJob {
  device: AuthenticatedDevice
  changes: PushChange[]
  /** The server's time for the whole push. */
  now: string
  proofs: CheckedProofs
  /** The devices with a live stream open when the slice's turn came (liveChanges.listening). */
  listening: string[]
}

export interface SliceResult {
  applied: PushResult[]
  news: LiveNews | null
}

export async function applySlice(
  db: Kysely<Database>,
  policyData: CachingPolicyDataLoader,
  job: SliceJob,
): Promise<SliceResult> {
  const { device, changes } = job
  const forget = () => {
    policyData.forget(device.settingId)
  }
  const run = () =>
    db.transaction().execute(async (trx) => {
      const applied = await applyPushIn(trx, device, changes, job.now, policyData, job.proofs)
      const withdrew = changes.flatMap((c, j) =>
        restricts(c) && applied[j]?.status === 'applied' ? [c.payload.id] : [],
      )
      const news = await liveNews(trx, device.settingId, withdrew, job.listening)
      return { applied, news }
    })
  try {
    return await retryingConflicts(run, forget)
  } catch (error) {
    forget()
    throw error
  }
}
