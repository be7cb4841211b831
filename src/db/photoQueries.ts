/**
 * What "Photos on this tablet" reads: recent photos (metadata only, never the images) and
 * one photo's thumbnail. Photos deleted on this tablet are left out: only their audit trail
 * remains. Photos the server erased stay listed, without an image, saying so, so
 * the practitioner who took one sees where it went.
 */
import type { ConsentLensDb } from './ConsentLensDb.ts'
import type { PhotoMeta } from '../model/records.ts'

export async function recentPhotos(db: ConsentLensDb, limit = 60): Promise<PhotoMeta[]> {
  return db.photos
    .orderBy('takenAt')
    .reverse()
    .filter((p) => p.deleted === null || p.erasedOnServer !== undefined)
    .limit(limit)
    .toArray()
}

export async function photoThumbnail(
  db: ConsentLensDb,
  photoId: string,
): Promise<Blob | undefined> {
  return (await db.photoImages.get(photoId))?.thumbnail
}
