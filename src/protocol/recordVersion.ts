/**
 * The version of a record that can be edited after it is made (staff, injury, child,
 * location): which of two copies of the same record is the newer one, decided by the records
 * themselves and never by which copy reached the server last.
 *
 * Invariants:
 * - Every edit on a device sets `version` to one more than the version it edited and
 *   `updatedAt` to the time of the edit (`nextVersion`). An edit made after seeing another
 *   therefore always has the higher version, whatever the tablets' clocks say.
 * - Two edits made from the same version (two tablets, each offline) have equal versions; the
 *   later `updatedAt` wins. The server and every device decide with this one comparison, so
 *   they all end with the same copy.
 * - A record from before versions (no `version`, no `updatedAt`) counts as version 0 made at no
 *   time: any versioned edit is newer. Two such copies compare equal, and then the last to
 *   arrive wins, as it always did.
 */
import { z } from 'zod'
import { IsoSchema, type Iso } from './common.ts'

/** The wire fields; optional so that records from before versions stay valid. */
export const VERSION_FIELDS = {
  version: z.number().int().min(0).max(1_000_000_000).optional(),
  updatedAt: IsoSchema.optional(),
}

export interface Versioned {
  version?: number | undefined
  updatedAt?: string | undefined
}

function timeOf(record: Versioned): number {
  const ms = record.updatedAt === undefined ? Number.NaN : Date.parse(record.updatedAt)
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms
}

/** Above 0: `a` is newer; below 0: `b` is newer; 0: neither can be told newer. */
export function compareVersions(a: Versioned, b: Versioned): number {
  const byVersion = (a.version ?? 0) - (b.version ?? 0)
  if (byVersion !== 0) return byVersion
  const ta = timeOf(a)
  const tb = timeOf(b)
  return ta === tb ? 0 : ta > tb ? 1 : -1
}

/** The version fields of an edit of `previous` (undefined: a new record) made at `now`. */
export function nextVersion(
  previous: Versioned | undefined,
  now: Iso,
): { version: number; updatedAt: Iso } {
  return { version: (previous?.version ?? 0) + 1, updatedAt: now }
}
