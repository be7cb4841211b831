/**
 * One sync round: push the outbox, send the audit chain, then pull what changed; then let old
 * thumbnails go. Waiting photos (with their thumbnails, for the server's photo library) go up
 * from the start: each photo as soon as the server has its details (detailsGate.ts), so the
 * first photos travel while later details are still pushed. Pulled records must not overwrite
 * local changes that have not left yet, so the pull waits for the push. The
 * pull does not wait for the uploads, so a withdrawal reaches the tablet in the middle of a
 * morning's photos; each side writes in its own IndexedDB transactions, and a photo the pull
 * erases is skipped or not marked sent by the upload (uploadPhotos.ts).
 *
 * Invariants:
 * - A revoked answer at any step wipes the device once the requests already under way have
 *   stopped (each stops at its next answer, which the server refuses too); nothing is sent
 *   after the wipe.
 * - Any other failure leaves everything unsent where it was, for the next round.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { detailsGate, type DetailsGate } from './detailsGate.ts'
import { pullChanges } from './pullChanges.ts'
import { pushAudit, type AuditPushReport } from './pushAudit.ts'
import { pruneThumbnails } from './pruneThumbnails.ts'
import { pushOutbox, type PushReport } from './pushOutbox.ts'
import { syncApi, type Fetch, type SyncApi, type SyncError } from './syncApi.ts'
import { getEnrolment, openSyncState, type Enrolment, type SyncStateDb } from './syncStateDb.ts'
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

type SyncFailure = { ok: false; error: SyncError }

export type SyncOutcome = { ok: true; value: SyncReport } | SyncFailure

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
  gate: DetailsGate,
): Promise<{ uploaded: UploadOutcome; thumbnails: ThumbnailOutcome }> {
  const uploaded = await uploadPhotos(db, api, chunkBytes, undefined, gate)
  if (!uploaded.ok) return { uploaded, thumbnails: { ok: true, sent: 0 } }
  return { uploaded, thumbnails: await uploadThumbnails(db, api) }
}

/** The outbox, then the audit chain; the gate closes when the outbox push is over. */
async function pushChanges(
  db: ConsentLensDb,
  state: SyncStateDb,
  api: SyncApi,
  enrolment: Enrolment,
  nowIso: () => string,
  gate: DetailsGate,
): Promise<{ ok: true; value: { push: PushReport; audit: AuditPushReport } } | SyncFailure> {
  const pushed = await pushOutbox(db, api, enrolment.settingId, nowIso, (ids) => {
    gate.acknowledged(ids)
  }).finally(() => {
    gate.end()
  })
  if (!pushed.ok) return pushed
  const audit = await pushAudit(db, state, api, enrolment)
  if (!audit.ok) return audit
  return { ok: true, value: { push: pushed.value, audit: audit.value } }
}

export async function syncOnce(deps: SyncDeps): Promise<SyncOutcome> {
  const { db } = deps
  const now = deps.now ?? (() => new Date())
  const state = openSyncState(db.name)
  try {
    const enrolment = await getEnrolment(state)
    if (enrolment === null) return { ok: false, error: NOT_ENROLLED }
    const api = syncApi(enrolment.serverUrl, enrolment.credential, deps.fetch ?? globalThis.fetch)
    const nowIso = () => now().toISOString()
    const revoked = async (error: SyncError): Promise<SyncOutcome> => {
      if (error.code !== 'device_revoked') return { ok: false, error }
      await wipeDevice(db, state)
      return { ok: false, error: { ...error, message: WIPED_MESSAGE } }
    }
    // Photos go up as their details are answered: the first while later details are pushed.
    const gate = await detailsGate(db)
    const sending = sendPhotos(db, api, deps.chunkBytes, gate)
    // Awaited below on every path; not reported as unhandled if it fails during the push.
    sending.catch(() => undefined)
    const pushed = await pushChanges(db, state, api, enrolment, nowIso, gate).catch(
      async (error: unknown) => {
        await sending.catch(() => undefined)
        throw error
      },
    )
    // A failed push ends the round once the uploads already under way have stopped.
    if (!pushed.ok) {
      await sending
      return await revoked(pushed.error)
    }
    // Changes come down while photos go up: a withdrawal made meanwhile reaches this tablet
    // without waiting behind its uploads, and the round takes as long as the longer of the two.
    const [sent, pulled] = await Promise.all([
      sending,
      pullChanges(db, state, api, enrolment, nowIso),
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
        push: pushed.value.push,
        audit: pushed.value.audit,
        uploaded: uploaded.value.sent,
        photoProblems: uploaded.value.problems,
        pulled: pulled.value.applied,
      },
    }
  } finally {
    state.close()
  }
}
