/**
 * Deleting a photo from the tablet, with a reason. The image and thumbnail bytes are removed;
 * the metadata stays, marked deleted, so the audit trail (who, when, why) and the server's
 * copy of the record still make sense.
 *
 * Invariants:
 * - One transaction: the bytes go, the photo is marked, the audit event and the outbox entry
 *   (so the server deletes its copy too) are written, or none of it.
 * - Deleting only ever removes: anyone authorised to take photos may delete one, and the
 *   manager always may (`delete-photo` in src/policy/roles.ts).
 */
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import type { PhotoMeta } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'
import { storageFailure, type StorageFailureCode } from './storageFailure.ts'

export type DeletePhotoErrorCode =
  'not-permitted' | 'no-reason' | 'unknown-photo' | StorageFailureCode

const TABLES = ['photos', 'photoImages', 'staff', 'audit', 'device', 'outbox'] as const

export async function deletePhoto(
  db: ConsentLensDb,
  input: { photoId: string; reason: string },
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<PhotoMeta, DeletePhotoErrorCode>> {
  const reason = input.reason.trim()
  if (reason === '') return fail('no-reason', 'Say why the photo is being deleted.')
  try {
    return await db.transaction('rw', [...TABLES], async () => {
      const allowed = await authoriseChange(db, actor, 'delete-photo', (a) => ({
        canCapture: a.canCapture,
      }))
      if (!allowed.ok) return allowed
      const existing = await db.photos.get(input.photoId)
      if (existing === undefined || existing.deleted !== null) {
        return fail('unknown-photo', 'This photo is no longer on the tablet.')
      }
      const photo: PhotoMeta = { ...existing, deleted: { at: now, by: actor.id, reason } }
      await db.photos.put(photo)
      await db.photoImages.delete(photo.id)
      const details = { photoId: photo.id, reason, childIds: photo.childIds }
      await appendAudit(db, { at: now, staffId: actor.id, type: 'photo-deleted', details }, makeId)
      await enqueueOutbox(
        db,
        { kind: 'photo', payload: photo, actor: allowed.value.signer },
        now,
        makeId,
      )
      return ok(photo)
    })
  } catch (error) {
    const failure = storageFailure(error)
    if (failure === null) throw error
    return { ok: false, error: failure }
  }
}
