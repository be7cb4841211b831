/**
 * A transaction PostgreSQL aborted to break a deadlock (40P01), or as a serialization failure
 * (40001), is run again: PostgreSQL's own advice for both, since the work was sound and only
 * its timing met another's. A push's photo reviews lock several photo rows in one statement
 * while an upload's group commit locks its photos' rows one by one; neither order can be made
 * the other's, and the deadlock the two can meet answered the push 500 (seen in the load
 * bench's burst). SQLite has one writer and never meets this.
 *
 * Invariants: only those two codes are retried, at most `attempts` runs in all; the task must
 * be one whole transaction, rolled back before it runs again (a failed `transaction().execute`
 * is); `beforeRetry` drops what the aborted run left cached.
 */
const RETRYABLE = new Set(['40P01', '40001'])

export const CONFLICT_ATTEMPTS = 4

export function isConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && RETRYABLE.has(code)
}

export async function retryingConflicts<T>(
  task: () => Promise<T>,
  beforeRetry: () => void = () => undefined,
  attempts = CONFLICT_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task()
    } catch (error) {
      if (attempt >= attempts || !isConflict(error)) throw error
      beforeRetry()
    }
  }
}
