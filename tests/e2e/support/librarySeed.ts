// For the library, removal and requests e2e: an enrolled tablet, photos on the setting's server
// as that tablet leaves them (details pushed, image and thumbnail uploaded), through the server's
// own ingest, and a parent's withdrawal recorded on the server since one of them was taken.
import { createHash } from 'node:crypto'
import { DEMO_SETTING_ID, DEMO_STAFF } from '../../../src/demo/index.ts'
import type { Purpose } from '../../../src/policy/index.ts'
import { ConsentWireSchema } from '../../../src/protocol/index.ts'
import { applyPush } from '../../../src/server/ingest/applyPush.ts'
import { policyDataLoader } from '../../../src/server/ingest/policyData.ts'
import { listEntities, putEntity } from '../../../src/server/storage/entities.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import type { SyncServices } from '../../../src/server/services.ts'
import { browserJpeg } from './capture.ts'
import { enrolThisTablet, openTablet, type SyncedApp, type Tablet } from './tablet.ts'

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export async function seedLibraryPhoto(
  services: SyncServices,
  device: { id: string; settingId: string; name: string },
  photo: { childIds: string[]; purposes: Purpose[]; image: Uint8Array; thumbnail: Uint8Array },
): Promise<string> {
  const id = globalThis.crypto.randomUUID()
  const at = new Date().toISOString()
  const meta = {
    id,
    takenAt: at,
    staffId: DEMO_STAFF.keyworker.id,
    deviceId: device.id,
    locationId: 'demo-loc-caterpillars',
    childIds: photo.childIds,
    purposes: photo.purposes,
    caption: 'Painting',
    adultInFrame: false,
    reason: null,
    decision: { verdict: 'allow' as const, rules: [] },
    checksum: sha(photo.image),
    bytes: photo.image.byteLength,
    width: 640,
    height: 480,
    deleted: null,
    flaggedForRemoval: [],
  }
  // Signed by the keyworker who took it, as a tablet signs it (changes carry their proof).
  const change = signedChange(
    device.settingId,
    demoSigner(DEMO_STAFF.keyworker.id),
    'photo',
    meta,
    `e2e-${id}`,
  )
  await applyPush(services.db, device, [change], at, policyDataLoader())
  await services.photos.storeWhole(photo.image, meta.checksum)
  await services.photos.storeWhole(photo.thumbnail, sha(photo.thumbnail))
  await services.db
    .updateTable('photos')
    .set({
      stored_at: at,
      thumbnail_checksum: sha(photo.thumbnail),
      thumbnail_bytes: photo.thumbnail.byteLength,
    })
    .where('setting_id', '=', DEMO_SETTING_ID)
    .where('id', '=', id)
    .execute()
  return id
}

/** The parent withdraws consent for `purpose` today, recorded on the server. */
export async function withdrawOnServer(
  services: SyncServices,
  childId: string,
  purpose: Purpose,
): Promise<string> {
  const { db } = services
  const records = (await listEntities(db, DEMO_SETTING_ID, 'consent')).map((r) =>
    ConsentWireSchema.parse(r),
  )
  const chain = records.filter((r) => r.childId === childId && r.purpose === purpose)
  const head = chain.find((r) => !chain.some((o) => o.supersedes === r.id))
  if (head === undefined) throw new Error(`no consent of ${childId} for ${purpose}`)
  const at = new Date().toISOString()
  const withdrawal = {
    ...head,
    id: `e2e-withdrawal-${childId}-${purpose}`,
    status: 'withdrawn' as const,
    recordedAt: at,
    recordedBy: DEMO_STAFF.manager.id,
    supersedes: head.id,
  }
  await db
    .transaction()
    .execute((trx) => putEntity(trx, DEMO_SETTING_ID, 'consent', withdrawal.id, withdrawal, at))
  return at
}

/** The one tablet the server has enrolled, as seedLibraryPhoto wants it. */
export async function enrolledTablet(
  services: SyncServices,
): Promise<{ id: string; settingId: string; name: string }> {
  const device = await services.db
    .selectFrom('devices')
    .select(['id', 'setting_id', 'name'])
    .executeTakeFirstOrThrow()
  return { id: device.id, settingId: device.setting_id, name: device.name }
}

/** The server's row of photo `id` (erased or not). */
export function serverPhotoRow(services: SyncServices, id: string) {
  return services.db.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

export type LibraryTablet = Tablet & {
  /** The tablet as the server enrolled it. */
  device: { id: string; settingId: string; name: string }
  /**
   * Puts a photo of `childIds` taken on this tablet on the server (seedLibraryPhoto), a real
   * JPEG from its browser as image and thumbnail; `ownBytes` gives it bytes no other photo
   * has: the store is content-addressed, and an image another photo still names is kept.
   */
  seedPhoto: (
    childIds: string[],
    purposes: Purpose[],
    options?: { ownBytes?: boolean },
  ) => Promise<string>
}

/**
 * A new tablet enrolled with `app`'s server (enrolThisTablet: the manager signed in, on "This
 * tablet", after the first sync) and a way to put its photos on the server. The caller closes
 * its context.
 */
export async function enrolledLibraryTablet(app: SyncedApp): Promise<LibraryTablet> {
  const { context, page } = await openTablet(app.browser, app.url)
  await enrolThisTablet(page, await app.server.enrolmentCode())
  const device = await enrolledTablet(app.server.services)
  const image = await browserJpeg(page)
  const seedPhoto: LibraryTablet['seedPhoto'] = (childIds, purposes, options = {}) =>
    seedLibraryPhoto(app.server.services, device, {
      childIds,
      purposes,
      image: options.ownBytes === true ? new Uint8Array([...image, 1]) : image,
      thumbnail: options.ownBytes === true ? new Uint8Array([...image, 2]) : image,
    })
  return { context, page, device, seedPhoto }
}
