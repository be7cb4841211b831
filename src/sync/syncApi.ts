/**
 * The server's sync API as functions that return values, never throw: each answer is parsed
 * with its protocol schema; a refusal keeps the server's code and words; a network failure or
 * an answer that is not ours becomes an error a practitioner can read.
 *
 * Invariant: the credential goes only to the server the device was enrolled with.
 */
import {
  ApiErrorBodySchema,
  AuditPushResponseSchema,
  EnrolResponseSchema,
  BATCH_HEAD_BYTES,
  OffsetMismatchSchema,
  PhotoBatchResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  ThumbnailUploadResponseSchema,
  UploadResponseSchema,
  type AuditEventWire,
  type AuditPushResponse,
  type EnrolResponse,
  type PhotoBatchPart,
  type PhotoBatchResponse,
  type PullResponse,
  type PushChange,
  type PushResponse,
  type ThumbnailUploadResponse,
  type UploadResponse,
} from '../protocol/index.ts'
import type { z } from 'zod'

export type Fetch = typeof globalThis.fetch

export interface SyncError {
  /** The server's code, or `offline` (no answer) or `bad_answer` (not a ConsentLens server). */
  code: string
  message: string
  status: number | null
  /** For `offset_mismatch`: where the server wants the upload to resume. */
  received?: number
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: SyncError }

const OFFLINE =
  'The server cannot be reached. Photos and changes wait on this iPad and are sent when it can.'

async function request<T>(
  fetchFn: Fetch,
  url: string,
  init: RequestInit,
  schema: z.ZodType<T>,
): Promise<ApiResult<T>> {
  let response: Response
  let body: unknown
  try {
    response = await fetchFn(url, init)
    const text = await response.text()
    body = text === '' ? null : (JSON.parse(text) as unknown)
  } catch {
    return { ok: false, error: { code: 'offline', message: OFFLINE, status: null } }
  }
  if (response.ok) {
    const parsed = schema.safeParse(body)
    if (parsed.success) return { ok: true, value: parsed.data }
  }
  const mismatch = OffsetMismatchSchema.safeParse(body)
  if (mismatch.success) {
    const { code, message } = mismatch.data.error
    return {
      ok: false,
      error: { code, message, status: response.status, received: mismatch.data.received },
    }
  }
  return { ok: false, error: refusalOf(response.status, body) }
}

/** A refusal in the server's own code and words, or `bad_answer` if the body is not ours. */
export function refusalOf(status: number, body: unknown): SyncError {
  const refusal = ApiErrorBodySchema.safeParse(body)
  if (refusal.success) return { ...refusal.data.error, status }
  const message = `The server gave an answer this app does not understand (HTTP ${status}). Check the server address.`
  return { code: 'bad_answer', message, status }
}

export interface SyncApi {
  push(settingId: string, changes: PushChange[]): Promise<ApiResult<PushResponse>>
  pull(settingId: string, since: number, limit?: number): Promise<ApiResult<PullResponse>>
  pushAudit(settingId: string, events: AuditEventWire[]): Promise<ApiResult<AuditPushResponse>>
  /** With `thumbnail`, it goes in the same request, after the chunk (photoUpload.ts). */
  uploadChunk(
    photoId: string,
    offset: number,
    chunk: Blob,
    thumbnail?: Blob,
  ): Promise<ApiResult<UploadResponse>>
  uploadThumbnail(photoId: string, thumbnail: Blob): Promise<ApiResult<ThumbnailUploadResponse>>
  /** Several whole photos, each with its thumbnail if given, in one request (photoBatch.ts). */
  uploadBatch(photos: BatchUpload[]): Promise<ApiResult<PhotoBatchResponse>>
}

export interface BatchUpload {
  photoId: string
  image: Blob
  thumbnail?: Blob
}

/** The batch's body: the manifest's length, the manifest, then each image and its thumbnail. */
export function photoBatchBody(photos: BatchUpload[]): Blob {
  const manifest = {
    photos: photos.map((p): PhotoBatchPart => ({
      photoId: p.photoId,
      imageBytes: p.image.size,
      thumbnailBytes: p.thumbnail?.size ?? 0,
    })),
  }
  const json = new TextEncoder().encode(JSON.stringify(manifest))
  const head = new Uint8Array(BATCH_HEAD_BYTES)
  new DataView(head.buffer).setUint32(0, json.byteLength)
  // Blobs of the stored images, not copies of their bytes: fetch reads them as it sends.
  const parts = photos.flatMap((p) =>
    p.thumbnail === undefined ? [p.image] : [p.image, p.thumbnail],
  )
  return new Blob([head, json, ...parts])
}

export function syncApi(serverUrl: string, credential: string, fetchFn: Fetch): SyncApi {
  const base = serverUrl.replace(/\/+$/, '')
  const auth = { authorization: `Bearer ${credential}` }
  return {
    push: (settingId, changes) =>
      request(
        fetchFn,
        `${base}/api/sync/push`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ settingId, changes }),
        },
        PushResponseSchema,
      ),
    pushAudit: (settingId, events) =>
      request(
        fetchFn,
        `${base}/api/sync/audit`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ settingId, events }),
        },
        AuditPushResponseSchema,
      ),
    pull: (settingId, since, limit) => {
      const query = new URLSearchParams({ settingId, since: String(since) })
      if (limit !== undefined) query.set('limit', String(limit))
      return request(
        fetchFn,
        `${base}/api/sync/pull?${query.toString()}`,
        { headers: auth },
        PullResponseSchema,
      )
    },
    uploadChunk: (photoId, offset, chunk, thumbnail) => {
      const query = new URLSearchParams({ offset: String(offset) })
      if (thumbnail !== undefined) query.set('thumbnailBytes', String(thumbnail.size))
      return request(
        fetchFn,
        `${base}/api/sync/photos/${encodeURIComponent(photoId)}/content?${query.toString()}`,
        {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: thumbnail === undefined ? chunk : new Blob([chunk, thumbnail]),
        },
        UploadResponseSchema,
      )
    },
    uploadThumbnail: (photoId, thumbnail) =>
      request(
        fetchFn,
        `${base}/api/sync/photos/${encodeURIComponent(photoId)}/thumbnail`,
        {
          method: 'PUT',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: thumbnail,
        },
        ThumbnailUploadResponseSchema,
      ),
    uploadBatch: (photos) =>
      request(
        fetchFn,
        `${base}/api/sync/photos/content`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: photoBatchBody(photos),
        },
        PhotoBatchResponseSchema,
      ),
  }
}

export function enrolRequest(
  serverUrl: string,
  code: string,
  deviceName: string,
  fetchFn: Fetch,
): Promise<ApiResult<EnrolResponse>> {
  return request(
    fetchFn,
    `${serverUrl.replace(/\/+$/, '')}/api/enrol`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName }),
    },
    EnrolResponseSchema,
  )
}
