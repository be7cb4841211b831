/**
 * The guard for writes that must share the transaction of the change they describe (the
 * outbox entry, the audit event). Apart from the schema so that the modules ConsentLensDb.ts
 * takes its row types from can use it without importing the schema back.
 */
import { Dexie, type Transaction } from 'dexie'

/** Dexie types it as always there; outside a transaction it is null. */
function currentTransaction(): Transaction | null {
  return Dexie.currentTransaction
}

/** Throws (a bug, not a user error) unless called inside a transaction of `db` over `tables`. */
export function assertInTransaction(db: Dexie, tables: readonly string[]): void {
  const tx = currentTransaction()
  const missing = tx?.db === db ? tables.filter((t) => !tx.storeNames.includes(t)) : [...tables]
  if (missing.length > 0) {
    throw new Error(
      `Must run inside a transaction of ${db.name} that includes: ${missing.join(', ')}`,
    )
  }
}
