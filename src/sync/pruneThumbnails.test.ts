import { describe, expect, it } from 'vitest'
import { freshDb } from '../../tests/support/testDb.ts'
import type { PhotoMeta, SyncState } from '../db/index.ts'
import { pruneThumbnails } from './pruneThumbnails.ts'

function photo(id: string, takenAt: string, syncState: SyncState): PhotoMeta {
  return {
    id,
    takenAt,
    staffId: 's',
    deviceId: 'd',
    locationId: 'l',
    childIds: [],
    purposes: ['display'],
    caption: '',
    adultInFrame: false,
    reason: null,
    decision: { verdict: 'allow', rules: [] },
    checksum: '0'.repeat(64),
    bytes: 1,
    width: 1,
    height: 1,
    syncState,
    deleted: null,
    flaggedForRemoval: [],
  }
}

describe('pruneThumbnails', () => {
  it('lets go of old thumbnails of sent photos only; an unsent photo keeps everything', async () => {
    const db = freshDb()
    const old = '2026-05-01T08:00:00.000Z'
    await db.photos.bulkAdd([
      photo('sent', old, 'sent'),
      photo('waiting', old, 'waiting'),
      photo('today', '2026-05-02T09:00:00.000Z', 'sent'),
    ])
    const blob = new Blob(['x'])
    await db.photoImages.bulkAdd([
      { photoId: 'sent', full: null, thumbnail: blob },
      { photoId: 'waiting', full: blob, thumbnail: blob },
      { photoId: 'today', full: null, thumbnail: blob },
    ])
    expect(await pruneThumbnails(db, new Date('2026-05-02T10:00:00.000Z'), 12)).toBe(1)
    expect((await db.photoImages.toArray()).map((i) => i.photoId).sort()).toEqual([
      'today',
      'waiting',
    ])
    expect(await db.photos.count()).toBe(3)
  })
})
