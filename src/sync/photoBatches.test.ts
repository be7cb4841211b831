// Which photos go up together (photoBatches.ts): small ones, several to a request, always
// within what the server takes in one batch; a photo bigger than a chunk goes alone.
import { describe, expect, it } from 'vitest'
import type { PhotoMeta } from '../db/index.ts'
import {
  DEFAULT_CHUNK_BYTES,
  MAX_BATCH_PARTS_BYTES,
  MAX_BATCH_PHOTOS,
  MAX_CHUNK_BYTES,
  MAX_THUMBNAIL_BYTES,
} from '../protocol/index.ts'
import { BATCH_IMAGE_BYTES, BATCH_PHOTOS, takeBatch } from './photoBatches.ts'

const photo = (id: string, bytes: number) => ({ id, bytes }) as PhotoMeta

describe('takeBatch', () => {
  it('fits the server’s batch even with every thumbnail at its largest', () => {
    expect(BATCH_PHOTOS).toBeLessThanOrEqual(MAX_BATCH_PHOTOS)
    expect(BATCH_IMAGE_BYTES + BATCH_PHOTOS * MAX_THUMBNAIL_BYTES).toBeLessThanOrEqual(
      MAX_BATCH_PARTS_BYTES,
    )
  })

  it('takes small photos from the front, up to the count and the bytes', () => {
    const queue = Array.from({ length: BATCH_PHOTOS + 2 }, (_, i) => photo(`p${i}`, 1_000))
    expect(takeBatch(queue, MAX_CHUNK_BYTES)).toHaveLength(BATCH_PHOTOS)
    expect(queue.map((p) => p.id)).toEqual([`p${BATCH_PHOTOS}`, `p${BATCH_PHOTOS + 1}`])
    // Two fit in BATCH_IMAGE_BYTES, three do not.
    const big = 900 * 1024
    const heavy = [photo('a', big), photo('b', big), photo('c', big)]
    expect(takeBatch(heavy, MAX_CHUNK_BYTES).map((p) => p.id)).toEqual(['a', 'b'])
  })

  it('sends a photo bigger than a chunk alone, and stops a batch before one', () => {
    const queue = [photo('small', 1_000), photo('large', MAX_CHUNK_BYTES + 1), photo('next', 1)]
    expect(takeBatch(queue, MAX_CHUNK_BYTES).map((p) => p.id)).toEqual(['small'])
    expect(takeBatch(queue, MAX_CHUNK_BYTES).map((p) => p.id)).toEqual(['large'])
    expect(takeBatch(queue, DEFAULT_CHUNK_BYTES).map((p) => p.id)).toEqual(['next'])
    expect(takeBatch(queue, DEFAULT_CHUNK_BYTES)).toEqual([])
  })

  it('honours a smaller chunk size: a photo over it is sent in chunks, alone', () => {
    const queue = [photo('a', 3_000), photo('b', 3_000)]
    expect(takeBatch(queue, 2_000).map((p) => p.id)).toEqual(['a'])
  })
})
