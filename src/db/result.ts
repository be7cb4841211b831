/**
 * Expected failures as values (STYLE.md): a repository never throws for something a person can
 * cause (a wrong PIN, a refused permission, a bad roster row). Exceptions are left for bugs and
 * for storage failures, which abort the whole transaction.
 *
 * Invariant: `message` is in a practitioner's words and says what to do next.
 */

export interface DbError<C extends string = string> {
  code: C
  message: string
}

export type Result<T, C extends string = string> =
  { ok: true; value: T } | { ok: false; error: DbError<C> }

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}

export function fail<C extends string>(code: C, message: string): { ok: false; error: DbError<C> } {
  return { ok: false, error: { code, message } }
}
