/**
 * The setting's photo library on the server (protocol/library.ts), for the library screen:
 * every request carries this tablet's device credential and the signed-in person's signature
 * (made by `sign`, which holds their key; it never reaches this module).
 *
 * Invariants:
 * - Requests go only to the server this tablet is enrolled with, `cache: 'no-store'`: image
 *   bytes live only in the screen's memory, as long as it shows them.
 * - Answers are parsed with their protocol schema; a refusal keeps the server's words (and,
 *   for a refused use, every reason), a network failure says so in a practitioner's words.
 */
import type { ConsentLensDb } from '../db/index.ts'
import {
  LibraryPageSchema,
  LibraryPhotoDetailSchema,
  RecordApprovalResponseSchema,
  RecordUseResponseSchema,
  QuarantineListSchema,
  RecheckResponseSchema,
  RemovalDecisionResponseSchema,
  RemovalListSchema,
  RetentionAnswerSchema,
  ChildErasurePreviewSchema,
  ChildErasureResponseSchema,
  UseRefusedSchema,
  type ChildErasurePreview,
  type ChildErasureRequest,
  type ChildErasureResponse,
  type RetentionAnswer,
  type RetentionPolicy,
  type ApprovalWire,
  type LibraryPage,
  type LibraryPhotoDetail,
  type LibraryQuery,
  type RecordApprovalRequest,
  type RecordUseRequest,
  type LibraryPhoto,
  type RecheckResponse,
  type RemovalDecisionRequest,
  type RemovalList,
  type UseRefusalWire,
  type UseWire,
} from '../protocol/index.ts'
import { z } from 'zod'
import { refusalOf, type Fetch, type SyncError } from './syncApi.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'

/** Signs one request for the signed-in person: the headers to add. */
export type SignRequest = (request: {
  method: string
  /** Path and query, as sent. */
  path: string
  /** The JSON body as sent; null for a GET. */
  body: string | null
}) => Promise<Record<string, string>>

export type LibraryError = SyncError & { reasons?: UseRefusalWire[] }
export type LibraryResult<T> = { ok: true; value: T } | { ok: false; error: LibraryError }

const NOT_ENROLLED =
  'This tablet is not enrolled with the setting’s server, and the setting’s photos are kept there. The manager enrols it on “This tablet”.'
const OFFLINE = 'The setting’s server cannot be reached. Its photos need the server; try again.'

export interface LibraryClient {
  list(query: Partial<LibraryQuery>): Promise<LibraryResult<LibraryPage>>
  detail(photoId: string): Promise<LibraryResult<LibraryPhotoDetail>>
  image(photoId: string, size: 'thumbnail' | 'image'): Promise<LibraryResult<Blob>>
  recordUse(photoId: string, use: RecordUseRequest): Promise<LibraryResult<UseWire>>
  recordApproval(
    photoId: string,
    approval: RecordApprovalRequest,
  ): Promise<LibraryResult<ApprovalWire>>
  /** The manager's removal list. */
  removals(): Promise<LibraryResult<RemovalList>>
  confirmTakedown(photoId: string, useId: string, note: string): Promise<LibraryResult<true>>
  decideRemoval(photoId: string, decision: RemovalDecisionRequest): Promise<LibraryResult<true>>
  /** The quarantine review: the photos, erasing one, checking one again. */
  quarantined(): Promise<LibraryResult<LibraryPhoto[]>>
  erase(photoId: string, reason: string): Promise<LibraryResult<true>>
  recheck(photoId: string): Promise<LibraryResult<RecheckResponse>>
  /** Retention per purpose and a parent's requests (protocol/retention.ts). */
  retention(): Promise<LibraryResult<RetentionAnswer>>
  saveRetention(policy: RetentionPolicy): Promise<LibraryResult<RetentionAnswer>>
  subjectAccess(childId: string): Promise<LibraryResult<{ blob: Blob; fileName: string }>>
  childErasurePreview(childId: string): Promise<LibraryResult<ChildErasurePreview>>
  eraseChild(
    childId: string,
    request: ChildErasureRequest,
  ): Promise<LibraryResult<ChildErasureResponse>>
}

const OkSchema = z.object({ ok: z.literal(true) })

function queryString(query: Partial<LibraryQuery>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) params.set(key, String(value))
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

export function libraryClient(
  db: ConsentLensDb,
  sign: SignRequest,
  fetchFn: Fetch = (input, init) => globalThis.fetch(input, init),
): LibraryClient {
  async function send(
    method: string,
    path: string,
    json?: unknown,
  ): Promise<{ ok: true; response: Response } | { ok: false; error: LibraryError }> {
    const state = openSyncState(db.name)
    const enrolment = await getEnrolment(state).finally(() => {
      state.close()
    })
    if (enrolment === null) {
      return { ok: false, error: { code: 'not_enrolled', message: NOT_ENROLLED, status: null } }
    }
    const body = json === undefined ? null : JSON.stringify(json)
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${enrolment.credential}`,
        ...(await sign({ method, path, body })),
      }
      if (body !== null) headers['content-type'] = 'application/json'
      const base = enrolment.serverUrl.replace(/\/+$/, '')
      const init: RequestInit = { method, headers, cache: 'no-store' }
      if (body !== null) init.body = body
      return { ok: true, response: await fetchFn(`${base}${path}`, init) }
    } catch {
      return { ok: false, error: { code: 'offline', message: OFFLINE, status: null } }
    }
  }

  async function json<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<LibraryResult<T>> {
    const sent = await send(method, path, body)
    if (!sent.ok) return sent
    let parsed: unknown = null
    try {
      parsed = (await sent.response.json()) as unknown
    } catch {
      // Not JSON: refusalOf says the answer is not understood.
    }
    if (sent.response.ok) {
      const value = schema.safeParse(parsed)
      if (value.success) return { ok: true, value: value.data }
    }
    const refused = UseRefusedSchema.safeParse(parsed)
    if (refused.success) {
      const { code, message } = refused.data.error
      const status = sent.response.status
      return { ok: false, error: { code, message, status, reasons: refused.data.reasons } }
    }
    return { ok: false, error: refusalOf(sent.response.status, parsed) }
  }

  const photoPath = (id: string) => `/api/library/photos/${encodeURIComponent(id)}`
  const childPath = (id: string) => `/api/library/children/${encodeURIComponent(id)}`

  return {
    list: (query) => json('GET', `/api/library/photos${queryString(query)}`, LibraryPageSchema),
    detail: (id) => json('GET', photoPath(id), LibraryPhotoDetailSchema),
    async image(id, size) {
      const sent = await send('GET', `${photoPath(id)}/${size}`)
      if (!sent.ok) return sent
      try {
        const blob = await sent.response.blob()
        if (sent.response.ok) return { ok: true, value: blob }
        const body = JSON.parse(await blob.text()) as unknown
        return { ok: false, error: refusalOf(sent.response.status, body) }
      } catch {
        return { ok: false, error: refusalOf(sent.response.status, null) }
      }
    },
    async recordUse(id, use) {
      const answer = await json('POST', `${photoPath(id)}/uses`, RecordUseResponseSchema, use)
      return answer.ok ? { ok: true, value: answer.value.use } : answer
    },
    async recordApproval(id, approval) {
      const schema = RecordApprovalResponseSchema
      const answer = await json('POST', `${photoPath(id)}/approvals`, schema, approval)
      return answer.ok ? { ok: true, value: answer.value.approval } : answer
    },
    removals: () => json('GET', '/api/library/removals', RemovalListSchema),
    async confirmTakedown(id, useId, note) {
      const answer = await json('POST', `${photoPath(id)}/takedowns`, OkSchema, { useId, note })
      return answer.ok ? { ok: true, value: true } : answer
    },
    async decideRemoval(id, decision) {
      const schema = RemovalDecisionResponseSchema
      const answer = await json('POST', `${photoPath(id)}/removal`, schema, decision)
      return answer.ok ? { ok: true, value: true } : answer
    },
    async quarantined() {
      const answer = await json('GET', '/api/library/quarantine', QuarantineListSchema)
      return answer.ok ? { ok: true, value: answer.value.photos } : answer
    },
    async erase(id, reason) {
      const answer = await json('POST', `${photoPath(id)}/erase`, OkSchema, { reason })
      return answer.ok ? { ok: true, value: true } : answer
    },
    recheck: (id) => json('POST', `${photoPath(id)}/recheck`, RecheckResponseSchema, {}),
    retention: () => json('GET', '/api/library/retention', RetentionAnswerSchema),
    saveRetention: (policy) =>
      json('POST', '/api/library/retention', RetentionAnswerSchema, policy),
    async subjectAccess(childId) {
      const sent = await send('GET', `${childPath(childId)}/subject-access`)
      if (!sent.ok) return sent
      try {
        const blob = await sent.response.blob()
        if (!sent.response.ok) {
          const body = JSON.parse(await blob.text()) as unknown
          return { ok: false, error: refusalOf(sent.response.status, body) }
        }
        const disposition = sent.response.headers.get('content-disposition') ?? ''
        const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'subject-access.zip'
        return { ok: true, value: { blob, fileName } }
      } catch {
        return { ok: false, error: refusalOf(sent.response.status, null) }
      }
    },
    childErasurePreview: (childId) =>
      json('GET', `${childPath(childId)}/erasure`, ChildErasurePreviewSchema),
    eraseChild: (childId, request) =>
      json('POST', `${childPath(childId)}/erasure`, ChildErasureResponseSchema, request),
  }
}
