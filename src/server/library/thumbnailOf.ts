/**
 * A photo's thumbnail bytes as the server holds them: in the database since migration 0012
 * (receiveThumbnail.ts), or, for a thumbnail taken before it, as a file in the photo store
 * named by its checksum. Null when the server has none (or the file no longer hashes right).
 */
import type { SyncServices } from '../services.ts'
import type { PhotoRow } from '../ingest/photoRows.ts'

export async function thumbnailOf(
  services: SyncServices,
  row: PhotoRow,
): Promise<Uint8Array | null> {
  if (row.thumbnail_checksum === null) return null
  const kept = await services.db
    .selectFrom('photo_thumbnails')
    .select('jpeg_base64')
    .where('setting_id', '=', row.setting_id)
    .where('photo_id', '=', row.id)
    .executeTakeFirst()
  if (kept !== undefined) return new Uint8Array(Buffer.from(kept.jpeg_base64, 'base64'))
  return services.photos.read(row.thumbnail_checksum)
}
