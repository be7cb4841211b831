/**
 * Who is asking, for the library's routes: the signed-in member of staff on an enrolled tablet.
 * The library needs both the device credential (checked by deviceAuthHook before this runs)
 * and the person's own signature on every request (auth/staffRequestAuth.ts), so a
 * tablet left signed in to nobody, or a stolen device credential alone, sees no photo.
 *
 * This is the one seam between the library and the server's staff authentication: the
 * library's routes take a `StaffAccess` and never read auth headers themselves.
 *
 * Invariants:
 * - The staff member is an active one of the device's own setting, with the public key the
 *   server holds; the signature covers method, path with query, and the body bytes as sent
 *   (`rawBodyOf`, kept by the routes' preParsing hook `keepRawBody`).
 * - A refusal is an API error body with its status, never an exception.
 */
import { Readable } from 'node:stream'
import type { FastifyRequest, RequestPayload } from 'fastify'
import type { StaffRole } from '../../policy/index.ts'
import { apiError, type ApiErrorBody } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { staffRequestAuth } from '../auth/staffRequestAuth.ts'
import type { SyncServices } from '../services.ts'

export interface SignedInStaff {
  staffId: string
  role: StaffRole
}

export type StaffAccessResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; status: 400 | 401 | 403 | 429; body: ApiErrorBody }

/** Checks the person's proof on `request`, made on `device` (already authenticated). */
export type StaffAccess = (
  request: FastifyRequest,
  device: AuthenticatedDevice,
) => Promise<StaffAccessResult>

const rawBodies = new WeakMap<FastifyRequest, Uint8Array>()
const MAX_BODY_BYTES = 1024 * 1024

/**
 * A preParsing hook: keeps the body's bytes as they came (the signature covers them) and hands
 * the same bytes on to the server's own JSON parser, so its limits and checks still apply.
 */
export async function keepRawBody(
  request: FastifyRequest,
  _reply: unknown,
  payload: RequestPayload,
): Promise<RequestPayload> {
  if (request.method === 'GET' || request.method === 'HEAD') return payload
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of payload) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += bytes.byteLength
    if (size > MAX_BODY_BYTES) {
      throw Object.assign(new Error('The request is too big.'), { statusCode: 413 })
    }
    chunks.push(bytes)
  }
  const body = Buffer.concat(chunks)
  rawBodies.set(request, new Uint8Array(body))
  const again: RequestPayload = Readable.from([body])
  again.receivedEncodedLength = body.byteLength
  return again
}

export function rawBodyOf(request: FastifyRequest): Uint8Array | null {
  return rawBodies.get(request) ?? null
}

/** The library's access through the signed requests (one nonce memory per server). */
export function staffRequestAccess(services: SyncServices): StaffAccess {
  const auth = staffRequestAuth({ db: services.db, now: services.now })
  return async (request, device) => {
    const check = await auth.check(
      {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: rawBodyOf(request),
      },
      device,
    )
    if (check.ok) return { ok: true, staff: { staffId: check.staffId, role: check.role } }
    const busy = check.error.code === 'busy'
    const body = apiError(busy ? 'rate_limited' : 'unauthorised', check.error.message)
    return { ok: false, status: busy ? 429 : 401, body }
  }
}
