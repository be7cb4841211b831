/**
 * Photos whose details are still on their way to the server. Uploads start at once for the
 * others, and for each of these as soon as the push's answers have named every outbox entry of
 * it, so the first photos go up while the next batch of details is pushed (syncOnce.ts).
 *
 * Invariants:
 * - A photo is released only when every outbox entry of it that waited when the round began
 *   has been answered (applied, or already applied): the server knows the photo, and its
 *   checksum, before its image arrives. The entries leave the outbox meanwhile (pushOutbox.ts).
 * - After `end` (the push is over, whatever its outcome) nothing more is released; a photo
 *   still waiting for its details is not uploaded this round.
 */
import type { ConsentLensDb } from '../db/index.ts'

export interface DetailsGate {
  /** The photo's details have not all been answered yet. */
  pending(photoId: string): boolean
  /** The photo had details in the outbox when the gate was read (answered since or not). */
  knows(photoId: string): boolean
  /** The push's answer named these outbox entries (by id) as applied. */
  acknowledged(entryIds: string[]): void
  /** The push is over: wakes every waiter, releases nothing more. */
  end(): void
  readonly ended: boolean
  /** Settles at the next release, or at the end. */
  changed(): Promise<void>
}

/** A gate over the photo entries in the outbox now: read it before the push starts. */
export async function detailsGate(db: ConsentLensDb): Promise<DetailsGate> {
  const entries = await db.outbox.where('kind').equals('photo').toArray()
  const photoOf = new Map(entries.map((e) => [e.id, e.entityId]))
  const unanswered = new Map<string, number>()
  for (const e of entries) unanswered.set(e.entityId, (unanswered.get(e.entityId) ?? 0) + 1)
  const known = new Set(unanswered.keys())
  let ended = false
  let wake: () => void = () => undefined
  let next = new Promise<void>((resolve) => (wake = resolve))
  const notify = () => {
    wake()
    next = new Promise<void>((resolve) => (wake = resolve))
  }
  return {
    pending: (photoId) => unanswered.has(photoId),
    knows: (photoId) => known.has(photoId),
    acknowledged(entryIds) {
      let released = false
      for (const entryId of entryIds) {
        const photoId = photoOf.get(entryId)
        if (photoId === undefined || ended) continue
        photoOf.delete(entryId)
        const left = (unanswered.get(photoId) ?? 1) - 1
        if (left > 0) unanswered.set(photoId, left)
        else {
          unanswered.delete(photoId)
          released = true
        }
      }
      if (released) notify()
    },
    end() {
      ended = true
      notify()
    },
    get ended() {
      return ended
    },
    changed: () => next,
  }
}
