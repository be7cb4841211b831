/**
 * For tests: what a capture leaves on the device, written the way a capture writes it: the
 * photo's metadata, its full image and thumbnail, and its outbox entry, in one Dexie
 * transaction, signed by the demo practitioner as their session would sign it, or by `by` (a
 * signed-in person of another setting: their id and the seed their PIN gave).
 * (src/db's own savePhoto replaces this once it lands.)
 */
import type { Signer } from '../../src/db/outbox.ts'
import type { ConsentLensDb, PhotoMeta } from '../../src/db/index.ts'
import { enqueueOutbox } from '../../src/db/outbox.ts'
import { testSigner } from './testSigners.ts'
import { DEMO_SHOWCASE, DEMO_STAFF } from '../../src/demo/index.ts'
import type { Purpose } from '../../src/policy/index.ts'
import { photoBytes, sha256Hex } from './photoFixture.ts'

export interface Captured {
  meta: PhotoMeta
  bytes: Uint8Array<ArrayBuffer>
}

export async function capturePhoto(
  db: ConsentLensDb,
  options: {
    deviceId: string
    size?: number
    childIds?: string[]
    purposes?: Purpose[]
    at?: string
    by?: Signer
  },
): Promise<Captured> {
  const bytes = photoBytes(options.size ?? 100_000)
  const at = options.at ?? new Date().toISOString()
  const meta: PhotoMeta = {
    id: globalThis.crypto.randomUUID(),
    takenAt: at,
    staffId: options.by?.id ?? DEMO_STAFF.practitioner.id,
    deviceId: options.deviceId,
    locationId: 'demo-loc-garden',
    childIds: options.childIds ?? [DEMO_SHOWCASE.allGranted.id],
    purposes: options.purposes ?? ['learning_journey'],
    caption: 'Painting outside',
    adultInFrame: false,
    reason: null,
    decision: { verdict: 'allow', rules: [] },
    checksum: sha256Hex(bytes),
    bytes: bytes.byteLength,
    width: 1600,
    height: 1200,
    syncState: 'waiting',
    deleted: null,
    flaggedForRemoval: [],
  }
  const actor = options.by ?? (await testSigner(db, meta.staffId))
  await db.transaction('rw', [db.photos, db.photoImages, db.outbox, db.device], async () => {
    await db.photos.add(meta)
    await db.photoImages.add({
      photoId: meta.id,
      full: new Blob([bytes]),
      // A JPEG's first bytes, as the pipeline's thumbnail has (the server checks them).
      thumbnail: new Blob([new Uint8Array([0xff, 0xd8, 0xff]), bytes.slice(3, 2000)]),
    })
    await enqueueOutbox(db, { kind: 'photo', payload: meta, actor }, at)
  })
  return { meta, bytes }
}
