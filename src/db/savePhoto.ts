/**
 * Saving a captured photo: the policy decides again, on the data as it is now, and only an
 * allowed photo is written, in ONE transaction: its metadata (with the decision and every
 * finding), the image and thumbnail, the audit event and the outbox entry.
 *
 * Invariants:
 * - Everything slow or foreign (decode, encode, SHA-256) happened before, in the worker:
 *   IndexedDB commits a transaction that awaits anything but itself.
 * - A photo the policy now blocks is never written; the blocked attempt is audited (no image).
 * - The photo id is made at the shutter: a second save of the same capture (a double tap)
 *   finds it and stores nothing more.
 * - The parents' conditions the practitioner ticked are stored with the photo and in its
 *   audit event: which conditions, who confirmed them (the person saving), when (the save).
 * - A full or lost database aborts the whole transaction: nothing half-written, and the
 *   caller keeps the photo in memory to retry.
 * - The transaction waits on the database as little as it can: its reads go out together
 *   (one round trip), then, once the policy allowed the photo, the image alone and its three
 *   other writes together.
 */
import { evaluateCapture, type Decision } from '../policy/index.ts'
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import {
  acknowledgements,
  captureRequest,
  decisionDetails,
  type CaptureDraft,
} from './captureDraft.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { captureContextOf, readCaptureRows } from './loadCaptureContext.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import type { PhotoMeta } from '../model/records.ts'
import { storageFailure, type StorageFailureCode } from './storageFailure.ts'

/** What the image pipeline made of the frame (src/capture's ProcessedImage). */
export interface EncodedPhoto {
  image: Blob
  thumbnail: Blob
  checksum: string
  width: number
  height: number
  bytes: number
}

export type SaveErrorCode = 'not-permitted' | 'blocked' | StorageFailureCode

export interface SaveError {
  code: SaveErrorCode
  message: string
  /** For 'blocked': the decision on fresh data, every finding in words. */
  decision?: Decision
}

export type SaveResult =
  { ok: true; value: { photo: PhotoMeta; alreadySaved: boolean } } | { ok: false; error: SaveError }

export const SAVE_TABLES = [
  'staff',
  'device',
  'locations',
  'children',
  'injuries',
  'consents',
  'photos',
  'photoImages',
  'audit',
  'outbox',
] as const

export async function savePhoto(
  db: ConsentLensDb,
  draft: CaptureDraft,
  encoded: EncodedPhoto,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<SaveResult> {
  try {
    return await db.transaction('rw', [...SAVE_TABLES], () =>
      saveInTransaction(db, draft, encoded, actor, now, makeId),
    )
  } catch (error) {
    const failure = storageFailure(error)
    if (failure === null) throw error
    return { ok: false, error: failure }
  }
}

async function saveInTransaction(
  db: ConsentLensDb,
  draft: CaptureDraft,
  encoded: EncodedPhoto,
  actor: ActorRef,
  now: Iso,
  makeId: NewId,
): Promise<SaveResult> {
  // The reads that do not depend on each other go together: a transaction pays a round trip
  // to the database per await, not per request.
  // The decision's rows among them: the device row read here is the one the decision's
  // request names (this tablet's), so the context is loadCaptureContext's.
  const [existing, allowed, device, rows] = await Promise.all([
    db.photos.get(draft.photoId),
    authoriseChange(db, actor, 'capture', (a) => ({ canCapture: a.canCapture })),
    db.device.toCollection().first(),
    readCaptureRows(db, {
      staffId: actor.id,
      locationId: draft.locationId,
      childIds: draft.childIds,
    }),
  ])
  if (existing !== undefined) return { ok: true, value: { photo: existing, alreadySaved: true } }
  if (!allowed.ok) return allowed
  const deviceId = device?.id ?? ''
  const request = captureRequest(draft, actor.id, deviceId)
  // Only the rows this decision reads, but read now, inside the transaction that writes.
  const decision = evaluateCapture(request, captureContextOf(rows, device, now))
  if (decision.verdict !== 'allow') {
    const details = { ...decisionDetails(draft, decision), stage: 'save' }
    const event = { at: now, staffId: actor.id, type: 'capture-blocked', details } as const
    await appendAudit(db, event, makeId, { device })
    return { ok: false, error: blockedError(decision) }
  }
  const conditionsAcknowledged = acknowledgements(draft, actor.id, now)
  const photo = {
    ...toPhotoMeta(draft, encoded, actor.id, deviceId, decision),
    conditionsAcknowledged,
  }
  const details = {
    ...decisionDetails(draft, decision),
    photoId: photo.id,
    conditionsAcknowledged: conditionsAcknowledged.map((c) => ({ ...c })),
  }
  // Only once the policy allowed it. The image first, alone: it is the write a browser refuses
  // (Safari's private windows take no Blobs), and WebKit left the transaction hanging when it
  // failed with other writes still in flight (the private-window WebKit test, 2 runs of 3 under
  // load). Then the other three, issued together in the one transaction (any failure aborts
  // all of them).
  await db.photoImages.add({ photoId: photo.id, full: encoded.image, thumbnail: encoded.thumbnail })
  await Promise.all([
    db.photos.add(photo),
    appendAudit(db, { at: now, staffId: actor.id, type: 'photo-saved', details }, makeId, {
      device,
    }),
    enqueueOutbox(db, { kind: 'photo', payload: photo, actor: allowed.value.signer }, now, makeId, {
      device,
    }),
  ])
  return { ok: true, value: { photo, alreadySaved: false } }
}

function blockedError(decision: Decision): SaveError {
  const message =
    decision.verdict === 'needs_reason'
      ? 'Not saved: record the agreed reason first.'
      : 'Not saved: something changed since the photo was taken (consent or the roster). The photo is still here; read why below.'
  return { code: 'blocked', message, decision }
}

function toPhotoMeta(
  draft: CaptureDraft,
  encoded: EncodedPhoto,
  staffId: string,
  deviceId: string,
  decision: Decision,
): PhotoMeta {
  return {
    id: draft.photoId,
    takenAt: draft.takenAt,
    staffId,
    deviceId,
    locationId: draft.locationId,
    childIds: [...draft.childIds],
    purposes: [...draft.purposes],
    caption: draft.caption,
    adultInFrame: draft.adultInFrame,
    reason: draft.reason,
    decision: {
      verdict: decision.verdict,
      rules: [...new Set(decision.findings.map((f) => f.rule))],
      findings: decision.findings,
      permittedPurposes: decision.permittedPurposes,
    },
    checksum: encoded.checksum,
    bytes: encoded.bytes,
    width: encoded.width,
    height: encoded.height,
    syncState: 'waiting',
    attestations: { ...draft.attestations },
    thumbnailBytes: encoded.thumbnail.size,
    deleted: null,
    flaggedForRemoval: [],
  }
}
