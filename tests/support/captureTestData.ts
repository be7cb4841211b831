/**
 * For tests only: a small setting ready for captures (a room location, the toilets, consents
 * for Alma and Bodhi) and a processed photo's stand-in, so the save can be tested without a
 * browser's canvas.
 */
import { PURPOSES, type Purpose } from '../../src/policy/index.ts'
import type { CaptureDraft } from '../../src/db/captureDraft.ts'
import type { ConsentLensDb } from '../../src/db/ConsentLensDb.ts'
import type { EncodedPhoto } from '../../src/db/savePhoto.ts'
import { ALMA, BODHI, MOTHER, T0, smallSetting } from './testDb.ts'
import { CLEAR_ATTESTATIONS } from './policyFixture.ts'

export const ROOM_LOCATION = 'loc-room'
export const TOILETS = 'loc-toilets'
export const SHUTTER = '2026-05-01T10:00:00.000Z'
export const SAVE_TIME = '2026-05-01T10:01:00.000Z'

export async function captureSetting(
  refusedForBodhi: Purpose[] = ['group_photo'],
): Promise<ConsentLensDb> {
  const db = await smallSetting()
  await db.locations.bulkAdd([
    { id: ROOM_LOCATION, name: 'Ladybirds room', kind: 'room', roomId: 'room-1', archived: false },
    { id: TOILETS, name: 'Toilets', kind: 'toilet', roomId: null, archived: false },
  ])
  const records = [ALMA, BODHI].flatMap((child) =>
    PURPOSES.map((purpose) => ({
      id: `consent-${child.id}-${purpose}`,
      childId: child.id,
      purpose,
      status:
        child === BODHI && refusedForBodhi.includes(purpose)
          ? ('refused' as const)
          : ('granted' as const),
      givenBy: MOTHER,
      recordedAt: T0,
      recordedBy: 'manager',
      reviewDue: null,
      supersedes: null,
    })),
  )
  await db.consents.bulkAdd(records)
  return db
}

export function draft(overrides: Partial<CaptureDraft> = {}): CaptureDraft {
  return {
    photoId: 'photo-1',
    takenAt: SHUTTER,
    locationId: ROOM_LOCATION,
    childIds: [ALMA.id],
    purposes: ['learning_journey'],
    adultInFrame: false,
    attestations: { ...CLEAR_ATTESTATIONS },
    caption: 'Painting with big brushes',
    reason: null,
    ...overrides,
  }
}

export function encoded(): EncodedPhoto {
  const image = new Blob([new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9])], {
    type: 'image/jpeg',
  })
  const thumbnail = new Blob([new Uint8Array([0xff, 0xd8, 9, 0xff, 0xd9])], { type: 'image/jpeg' })
  return { image, thumbnail, checksum: 'ab'.repeat(32), width: 2048, height: 1536, bytes: 7 }
}

/** Every Blob stored anywhere in the database: a blocked photo must leave none. */
export async function storedBlobs(db: ConsentLensDb): Promise<Blob[]> {
  const found: Blob[] = []
  const visit = (value: unknown): void => {
    if (value instanceof Blob) found.push(value)
    else if (Array.isArray(value)) value.forEach(visit)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit)
  }
  for (const table of db.tables) (await table.toArray()).forEach(visit)
  return found
}
