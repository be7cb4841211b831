/**
 * Counts failures per key (an IP address) in a sliding window and says when to stop listening:
 * wrong enrolment codes are rate limited so nobody can try codes until one fits.
 *
 * Invariants: the clock is an argument; memory is bounded (old entries are dropped as they
 * age, and past `maxKeys` the oldest key goes first).
 */
export interface FailureLimiter {
  blocked(key: string, nowMs: number): boolean
  fail(key: string, nowMs: number): void
}

export function failureLimiter(options: {
  maxFailures: number
  windowMs: number
  maxKeys?: number
}): FailureLimiter {
  const failures = new Map<string, number[]>()
  const maxKeys = options.maxKeys ?? 10_000

  function recent(key: string, nowMs: number): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => nowMs - t < options.windowMs)
    if (kept.length === 0) failures.delete(key)
    else failures.set(key, kept)
    return kept
  }

  return {
    blocked: (key, nowMs) => recent(key, nowMs).length >= options.maxFailures,
    fail(key, nowMs) {
      const kept = recent(key, nowMs)
      failures.delete(key)
      failures.set(key, [...kept, nowMs])
      if (failures.size > maxKeys) {
        const oldest = failures.keys().next()
        if (oldest.done !== true) failures.delete(oldest.value)
      }
    },
  }
}
