/**
 * One sync round: push the outbox, send the audit chain, then at the same time upload waiting
 * photos (with their thumbnails, for the server's photo library) and pull what changed; then
 * let old thumbnails go. Push comes first so the server knows a photo before its image
 * arrives, and so pulled records do not overwrite local changes that have not left yet. The
 * pull does not wait for the uploads, so a withdrawal reaches the tablet in the middle of a
 * morning's photos; each side writes in its own IndexedDB transactions, and a photo the pull
 * erases is skipped or not marked sent by the upload (uploadPhotos.ts).
 *
 * Invariants:
 * - A revoked answer at any step wipes the device at once, without sending anything more.
 * - Any other failure leaves everything unsent where it was, for the next round.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { pullChanges } from './pullChanges.ts'
import { pushAudit, type AuditPushReport } from './pushAudit.ts'
import { pruneThumbnails } from './pruneThumbnails.ts'
import { pushOutbox, type PushReport } from './pushOutbox.ts'
import { syncApi, type Fetch, type SyncApi, type SyncError } from './syncApi.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'
import { uploadPhotos, type UploadOutcome } from './uploadPhotos.ts'
import { uploadThumbnails, type ThumbnailOutcome } from './uploadThumbnails.ts'
import { WIPED_MESSAGE, wipeDevice } from './wipeDevice.ts'

export interface SyncDeps {
  db: ConsentLensDb
  fetch?: Fetch
  now?: () => Date
  chunkBytes?: number
}

export interface SyncReport {
  push: PushReport
  audit: AuditPushReport
  uploaded: number
  photoProblems: SyncError[]
  pulled: number
}

export type SyncOutcome = { ok: true; value: SyncReport } | { ok: false; error: SyncError }

const NOT_ENROLLED: SyncError = {
  code: 'not_enrolled',
  message:
    'This iPad is not enrolled with the setting’s server yet. Ask the manager for an enrolment code.',
  status: null,
}

/** The full images waiting, then the thumbnails still waiting (uploadThumbnails.ts). */
async function sendPhotos(
  db: ConsentLensDb,
  api: SyncApi,
  chunkBytes: number | undefined,
): Promise<{ uploaded: UploadOutcome; thumbnails: ThumbnailOutcome }> {
  const uploaded = await uploadPhotos(db, api, chunkBytes)
  if (!uploaded.ok) return { uploaded, thumbnails: { ok: true, sent: 0 } }
  return { uploaded, thumbnails: await uploadThumbnails(db, api) }
}

export async function syncOnce(deps: SyncDeps): Promise<SyncOutcome> {
  const { db } = deps
  const now = deps.now ?? (() => new Date())
  const state = openSyncState(db.name)
  try {
    const enrolment = await getEnrolment(state)
    if (enrolment === null) return { ok: false, error: NOT_ENROLLED }
    const api = syncApi(enrolment.serverUrl, enrolment.credential, deps.fetch ?? globalThis.fetch)
    const revoked = async (error: SyncError): Promise<SyncOutcome> => {
      if (error.code !== 'device_revoked') return { ok: false, error }
      await wipeDevice(db, state)
      return { ok: false, error: { ...error, message: WIPED_MESSAGE } }
    }
    const pushed = await pushOutbox(db, api, enrolment.settingId, () => now().toISOString())
    if (!pushed.ok) return await revoked(pushed.error)
    const audit = await pushAudit(db, state, api, enrolment)
    if (!audit.ok) return await revoked(audit.error)
    // Photos go up while changes come down: a withdrawal made meanwhile reaches this tablet
    // without waiting behind its uploads, and the round takes as long as the longer of the two.
    const [sent, pulled] = await Promise.all([
      sendPhotos(db, api, deps.chunkBytes),
      pullChanges(db, state, api, enrolment, () => now().toISOString()),
    ])
    // A revoked answer wipes the device, whichever side met it; the other side stopped at
    // its next request, which the server refused too.
    for (const outcome of [pulled, sent.uploaded, sent.thumbnails]) {
      if (!outcome.ok && outcome.error.code === 'device_revoked')
        return await revoked(outcome.error)
    }
    if (!sent.uploaded.ok) return { ok: false, error: sent.uploaded.error }
    if (!sent.thumbnails.ok) return { ok: false, error: sent.thumbnails.error }
    if (!pulled.ok) return { ok: false, error: pulled.error }
    const uploaded = sent.uploaded
    await pruneThumbnails(db, now(), pulled.value.config.thumbnailRetentionHours)
    return {
      ok: true,
      value: {
        push: pushed.value,
        audit: audit.value,
        uploaded: uploaded.value.sent,
        photoProblems: uploaded.value.problems,
        pulled: pulled.value.applied,
      },
    }
  } finally {
    state.close()
  }
}
