/**
 * Applies one page of pulled changes to the device's database, in one transaction.
 *
 * Invariants:
 * - An editable record (location, child, injury, staff) is replaced only by a newer copy by
 *   the records' own versions (src/protocol/recordVersion.ts), the comparison the server makes:
 *   an older copy never overwrites a newer local edit, and a newer one from another tablet
 *   replaces a local edit still in the outbox (the server will refuse that edit as superseded).
 *   Copies that cannot be told apart (rows from before versions) keep the old rule: a record
 *   with a change of its own still waiting in the outbox is left as it is.
 * - Consent records are append-only: a known id is never rewritten. A withdrawal new to this
 *   device flags its photos of that child for that purpose (docs/RULES.md "After capture"), the ones
 *   not yet sent included.
 * - A staff record never brings a PIN; a PIN verifier (`staffPin`) replaces the local one only
 *   if it differs, and then starts the lockout count afresh, as a new PIN does.
 * - A photo's server status only adds flags (never removes one) and sets the quarantine as the
 *   server has it (only the server quarantines, and only its re-check lifts one); an erasure
 *   on the server deletes the tablet's full image and thumbnail.
 */
import type { ConsentLensDb, PhotoMeta, RemovalFlag, StaffRecord } from '../db/index.ts'
import type { Iso } from '../policy/index.ts'
import { flagPhotosForRemoval } from '../db/flagPhotosForRemoval.ts'
import { compareVersions, type PullChange, type Versioned } from '../protocol/index.ts'

const TABLES = [
  'setting',
  'rooms',
  'locations',
  'children',
  'consents',
  'injuries',
  'staff',
  'photos',
  'photoImages',
  'outbox',
] as const
const OUTBOX_KIND = {
  child: 'child',
  location: 'location',
  injury: 'injury',
  staff: 'staff',
  staffPin: 'staffPin',
} as const

export async function applyPulled(
  db: ConsentLensDb,
  changes: readonly PullChange[],
  now: Iso,
): Promise<void> {
  await db.transaction('rw', [...TABLES], async () => {
    await addConsents(db, changes, now)
    for (const change of changes) if (change.kind !== 'consent') await applyOne(db, change)
  })
}

/** New consent records of the page in one go (a fresh iPad pulls thousands); known ids stay. */
async function addConsents(
  db: ConsentLensDb,
  changes: readonly PullChange[],
  now: Iso,
): Promise<void> {
  const records = changes.flatMap((c) => (c.kind === 'consent' ? [c.payload] : []))
  if (records.length === 0) return
  // A fresh tablet's first page meets an empty table: nothing to look up, one id at a time.
  const empty = (await db.consents.count()) === 0
  const known = empty ? [] : await db.consents.bulkGet(records.map((r) => r.id))
  const fresh = records.filter((_r, i) => known[i] === undefined)
  await db.consents.bulkAdd(fresh)
  for (const record of fresh) {
    if (record.status === 'withdrawn') await flagPhotosForRemoval(db, record.childId, [record], now)
  }
}

async function pending(
  db: ConsentLensDb,
  kind: keyof typeof OUTBOX_KIND,
  id: string,
): Promise<boolean> {
  return (await db.outbox.where('[kind+entityId]').equals([OUTBOX_KIND[kind], id]).count()) > 0
}

/** Whether a pulled copy should replace the local one (see the header). */
async function newer(
  db: ConsentLensDb,
  kind: keyof typeof OUTBOX_KIND,
  pulled: Versioned & { id: string },
  local: Versioned | undefined,
): Promise<boolean> {
  if (local === undefined) return true
  const order = compareVersions(pulled, local)
  if (order !== 0) return order > 0
  return !(await pending(db, kind, pulled.id))
}

async function applyOne(db: ConsentLensDb, change: PullChange): Promise<void> {
  switch (change.kind) {
    case 'setting': {
      await db.setting.put(change.payload)
      return
    }
    case 'room':
      await db.rooms.put(change.payload)
      return
    case 'location':
      if (await newer(db, 'location', change.payload, await db.locations.get(change.payload.id)))
        await db.locations.put(change.payload)
      return
    case 'child':
      if (await newer(db, 'child', change.payload, await db.children.get(change.payload.id)))
        await db.children.put(change.payload)
      return
    case 'injury':
      if (await newer(db, 'injury', change.payload, await db.injuries.get(change.payload.id)))
        await db.injuries.put(change.payload)
      return
    case 'consent':
      return // added in bulk by addConsents
    case 'staff': {
      const local = await db.staff.get(change.payload.id)
      if (!(await newer(db, 'staff', change.payload, local))) return
      const kept = local ?? { pin: null, failedAttempts: 0, lockedUntil: null, lockouts: 0 }
      const record: StaffRecord = {
        ...change.payload,
        pin: kept.pin,
        failedAttempts: kept.failedAttempts,
        lockedUntil: kept.lockedUntil,
        lockouts: kept.lockouts,
      }
      await db.staff.put(record)
      return
    }
    case 'staffPin': {
      // A PIN set here and not yet sent is newer than the server's; it comes back after push.
      if (await pending(db, 'staffPin', change.payload.id)) return
      const local = await db.staff.get(change.payload.id)
      const mustChangePin = change.payload.mustChange === true
      if (
        local === undefined ||
        (local.pin?.hashB64 === change.payload.pin.hashB64 &&
          (local.mustChangePin ?? false) === mustChangePin)
      )
        return
      await db.staff.put({
        ...local,
        pin: change.payload.pin,
        mustChangePin,
        failedAttempts: 0,
        lockedUntil: null,
        lockouts: 0,
      })
      return
    }
    case 'photoStatus': {
      const photo = await db.photos.get(change.payload.id)
      if (photo === undefined) return
      const erased = change.payload.erased ?? null
      if (erased !== null) {
        await eraseLocalCopy(db, photo, erased)
        return
      }
      // Children removed from the photo at a parent's request leave this copy too.
      const removed = new Set(change.payload.removedChildIds ?? [])
      const flagged = mergeFlags(photo.flaggedForRemoval, change.payload.flaggedForRemoval)
      const updated: PhotoMeta = {
        ...photo,
        childIds: photo.childIds.filter((id) => !removed.has(id)),
        flaggedForRemoval: flagged.filter((f) => !removed.has(f.childId)),
        // The server's word: a quarantine its re-check lifted is lifted here too.
        quarantine: change.payload.quarantine,
      }
      await db.photos.put(updated)
      return
    }
  }
}

/**
 * The server erased the photo: its full image and thumbnail leave this tablet too,
 * and it shows as erased, with why. Nothing is left to send: the server takes none of it now.
 */
async function eraseLocalCopy(
  db: ConsentLensDb,
  photo: PhotoMeta,
  erased: { at: Iso; by: string; reason: string },
): Promise<void> {
  await db.photoImages.delete(photo.id)
  await db.photos.put({
    ...photo,
    deleted: photo.deleted ?? erased,
    erasedOnServer: erased,
    syncState: 'sent',
  })
}

function flagKey(flag: RemovalFlag): string {
  return `${flag.childId}|${[...flag.purposes].sort().join(',')}`
}

function mergeFlags(local: RemovalFlag[], server: RemovalFlag[]): RemovalFlag[] {
  const keys = new Set(local.map(flagKey))
  return [...local, ...server.filter((f) => !keys.has(flagKey(f)))]
}
