/**
 * Lets go of thumbnails of photos the server holds, once their time is up: at the end of the
 * day they were taken (the default) or after the server's configured number of hours.
 *
 * Invariant: only photos marked sent whose full image is already gone are touched; an unsent
 * photo is never deleted, in part or whole. The photo's metadata stays (its audit trail).
 */
import type { ConsentLensDb } from '../db/index.ts'

export async function pruneThumbnails(
  db: ConsentLensDb,
  now: Date,
  retentionHours: number | null,
): Promise<number> {
  const cutoff =
    retentionHours === null ? startOfDay(now) : now.getTime() - retentionHours * 3_600_000
  const sent = await db.photos.where('syncState').equals('sent').toArray()
  const old = sent.filter((p) => Date.parse(p.takenAt) < cutoff).map((p) => p.id)
  if (old.length === 0) return 0
  return db.transaction('rw', [db.photos, db.photoImages], async () => {
    let removed = 0
    for (const id of old) {
      const [photo, image] = [await db.photos.get(id), await db.photoImages.get(id)]
      if (photo?.syncState !== 'sent' || image === undefined || image.full !== null) continue
      await db.photoImages.delete(id)
      removed += 1
    }
    return removed
  })
}

/** Midnight at the start of `now`'s day, in the device's own time zone (the nursery's day). */
function startOfDay(now: Date): number {
  const day = new Date(now.getTime())
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}
