/**
 * One sync round: push the outbox, send the audit chain, upload waiting photos (then the
 * thumbnails of those the server holds, for its photo library), pull what
 * changed, let old thumbnails go. Push comes first so the server knows a photo before its image arrives, and
 * so pulled records do not overwrite local changes that have not left yet.
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
import { syncApi, type Fetch, type SyncError } from './syncApi.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'
import { uploadPhotos } from './uploadPhotos.ts'
import { uploadThumbnails } from './uploadThumbnails.ts'
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
    const uploaded = await uploadPhotos(db, api, deps.chunkBytes)
    if (!uploaded.ok) return await revoked(uploaded.error)
    const thumbnails = await uploadThumbnails(db, api)
    if (!thumbnails.ok) return await revoked(thumbnails.error)
    const pulled = await pullChanges(db, state, api, enrolment, () => now().toISOString())
    if (!pulled.ok) return await revoked(pulled.error)
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
