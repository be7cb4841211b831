/**
 * How long to wait before the next try after `failures` failures in a row: exponential, capped,
 * with full jitter (anywhere from 0 to the ceiling) so a room of iPads coming back online does
 * not knock on the server at once.
 * `random` is an argument (0 ≤ random() < 1) so tests can fix it.
 */
export const BASE_DELAY_MS = 2_000
export const MAX_DELAY_MS = 5 * 60_000

export function backoffDelay(failures: number, random: () => number): number {
  if (failures <= 0) return 0
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures - 1, 20))
  return Math.round(random() * ceiling)
}
