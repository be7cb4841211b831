/**
 * A chunk of a photo's image with, optionally, its thumbnail: what one upload request carries
 * (PUT …/content) and what each photo of a batch carries (POST /photos/content). The chunk is
 * taken by receiveChunk.ts; a thumbnail sent with the chunk that ends the image is written in
 * the image's commit, refused before it, or (the image was held already) taken on its own.
 *
 * Invariant: a thumbnail is answered only once the image is complete; an incomplete or refused
 * image answers nothing about it, and the tablet sends it again.
 */
import type { UploadResponse } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import type { SyncServices } from '../services.ts'
import { receiveChunk, type ChunkAnswer } from './receiveChunk.ts'
import { receiveThumbnail } from './receiveThumbnail.ts'
import { thumbnailWrite } from './thumbnailRows.ts'

export type ImageAnswer =
  Exclude<ChunkAnswer, { status: 200 }> | { status: 200; body: UploadResponse }

export async function receiveImage(
  services: SyncServices,
  device: AuthenticatedDevice,
  photoId: string,
  offset: number,
  chunk: Uint8Array,
  thumbnailPart: Uint8Array | null,
): Promise<ImageAnswer> {
  const thumbnail = thumbnailPart === null ? null : thumbnailWrite(device, photoId, thumbnailPart)
  const job = thumbnail !== null && 'job' in thumbnail ? thumbnail.job : undefined
  const answer = await receiveChunk(services, device, photoId, offset, chunk, job)
  if (thumbnail === null || thumbnailPart === null || answer.status !== 200) return answer
  if (!answer.body.complete) return { status: 200, body: answer.body }
  const taken =
    'refused' in thumbnail
      ? thumbnail.refused
      : (answer.thumbnail ?? (await receiveThumbnail(services, device, photoId, thumbnailPart)))
  return { status: 200, body: { ...answer.body, thumbnail: taken.body } }
}
