import { afterEach, describe, expect, it } from 'vitest'
import { listAudit } from './auditLog.ts'
import {
  SAVE_TIME,
  captureSetting,
  draft,
  encoded,
  storedBlobs,
} from '../../tests/support/captureTestData.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { deletePhoto } from './deletePhoto.ts'
import { listOutbox } from './outbox.ts'
import { recentPhotos } from './photoQueries.ts'
import { savePhoto } from './savePhoto.ts'
import { KEYWORKER, PRACTITIONER, STUDENT } from '../../tests/support/testDb.ts'

const LATER = '2026-05-01T12:00:00.000Z'
let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

async function withPhoto(): Promise<ConsentLensDb> {
  const setting = await captureSetting()
  await savePhoto(setting, draft(), encoded(), PRACTITIONER, SAVE_TIME)
  return setting
}

describe('deletePhoto', () => {
  it('removes the image bytes and keeps who, when and why', async () => {
    db = await withPhoto()
    const input = { photoId: 'photo-1', reason: ' Blurred ' }
    const result = await deletePhoto(db, input, KEYWORKER, LATER)
    expect(result.ok).toBe(true)
    expect(await storedBlobs(db)).toEqual([])
    expect((await db.photos.get('photo-1'))?.deleted).toEqual({
      at: LATER,
      by: KEYWORKER.id,
      reason: 'Blurred',
    })
    const event = (await listAudit(db, 'device-1')).at(-1)
    expect(event).toMatchObject({
      type: 'photo-deleted',
      staffId: KEYWORKER.id,
      at: LATER,
      details: { photoId: 'photo-1', reason: 'Blurred' },
    })
    expect((await listOutbox(db)).map((e) => e.kind)).toEqual(['photo', 'photo'])
    expect(await recentPhotos(db)).toEqual([])
  })

  it.each([
    ['without a reason', { photoId: 'photo-1', reason: '  ' }, PRACTITIONER, 'no-reason'],
    ['twice', { photoId: 'nope', reason: 'x' }, PRACTITIONER, 'unknown-photo'],
    ['by someone not authorised', { photoId: 'photo-1', reason: 'x' }, STUDENT, 'not-permitted'],
  ])('refuses a deletion %s', async (_, input, actor, code) => {
    db = await withPhoto()
    const result = await deletePhoto(db, input, actor, LATER)
    expect(result.ok || result.error.code).toBe(code)
    expect(await db.photoImages.count()).toBe(1)
  })
})

describe('recentPhotos', () => {
  it('lists the newest first, without loading images', async () => {
    db = await captureSetting()
    await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    const second = draft({ photoId: 'photo-2', takenAt: '2026-05-01T11:00:00.000Z' })
    await savePhoto(db, second, encoded(), PRACTITIONER, LATER)
    const photos = await recentPhotos(db)
    expect(photos.map((p) => p.id)).toEqual(['photo-2', 'photo-1'])
    expect(await storedBlobs(db)).toHaveLength(4)
  })
})
