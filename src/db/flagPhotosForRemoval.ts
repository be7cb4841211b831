/**
 * docs/RULES.md "After capture": a child's withdrawal flags every stored photo of that child used
 * for a withdrawn purpose for removal, in the transaction that records the withdrawal.
 *
 * Invariants: a flag is added, never removed here; deleted photos are left alone (their
 * audit trail already says why they went). No outbox entry: the server applies the same rule
 * when the withdrawal reaches it.
 */
import type { Iso } from '../policy/index.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { StoredConsent } from '../model/records.ts'

/** docs/RULES.md "After capture": a withdrawal flags every stored photo it concerns for removal. */
export async function flagPhotosForRemoval(
  db: ConsentLensDb,
  childId: string,
  withdrawals: readonly StoredConsent[],
  now: Iso,
): Promise<void> {
  const withdrawn = withdrawals.map((r) => r.purpose)
  await db.photos
    .where('childIds')
    .equals(childId)
    .modify((photo) => {
      const purposes = photo.purposes.filter((p) => withdrawn.includes(p))
      if (photo.deleted !== null || purposes.length === 0) return
      photo.flaggedForRemoval.push({ at: now, childId, purposes })
    })
}
