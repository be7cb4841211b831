/**
 * What applying one pushed change needs: the transaction, who sent it, the clock, and the
 * setting's policy data. Built once per push.
 */
import type { Kysely } from 'kysely'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { Database } from '../storage/schema.ts'
import type { PolicyDataLoader } from './policyData.ts'

export interface ChangeContext {
  trx: Kysely<Database>
  device: AuthenticatedDevice
  now: string
  policyData: PolicyDataLoader
}

export type ChangeOutcome =
  { status: 'applied' } | { status: 'rejected'; code: string; message: string }

export const APPLIED: ChangeOutcome = { status: 'applied' }

export function rejected(code: string, message: string): ChangeOutcome {
  return { status: 'rejected', code, message }
}
