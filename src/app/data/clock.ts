// The app's one reading of the clock. Repositories and the policy take `now` as an argument;
// screen hooks call this when a person acts, so tests can pin time with vi.setSystemTime.
import type { Iso } from '../../policy/index.ts'

export function nowIso(): Iso {
  return new Date().toISOString()
}
