/**
 * What applying one pushed change needs: the transaction, who sent it, the clock, the
 * setting's policy data, and what the transaction keeps for its end (photo reviews, records
 * written together) or reads once (staff, records). Built once per push transaction.
 */
import type { Kysely } from 'kysely'
import type { ConsentWire } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { Database } from '../storage/schema.ts'
import type { KnownStaff } from '../auth/staffKeys.ts'
import type { CheckedProofs } from './checkProofs.ts'
import type { PolicyData } from './policyData.ts'
import type { PushRecords } from './pushRecords.ts'

/** What the records of one child in one transaction ask for (reviewChildPhotos.ts). */
export interface PendingReview {
  /** The earliest record's time, in epoch ms: photos taken at or after it are re-checked. */
  sinceMs: number
  withdrawals: ConsentWire[]
}

export type PendingReviews = Map<string, PendingReview>

export interface ChangeContext {
  trx: Kysely<Database>
  device: AuthenticatedDevice
  now: string
  /** The setting's policy data as this transaction holds it (its waiting records written first). */
  policyData: () => Promise<PolicyData>
  /** Photo reviews the transaction's records asked for, run once per child before commit. */
  reviews: PendingReviews
  /** Staff as read in this transaction, by id (proveActor.ts); emptied when staff change. */
  staff: Map<string, KnownStaff | null>
  /** The setting's records as this transaction reads and writes them (pushRecords.ts). */
  records: PushRecords
  /** Proofs checked before the transaction opened, by change id (checkProofs.ts). */
  proofs: CheckedProofs
}

export type ChangeOutcome =
  { status: 'applied' } | { status: 'rejected'; code: string; message: string }

export const APPLIED: ChangeOutcome = { status: 'applied' }

export function rejected(code: string, message: string): ChangeOutcome {
  return { status: 'rejected', code, message }
}
