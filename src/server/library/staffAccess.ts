/**
 * Who is asking, for the library's routes: the signed-in member of staff on an enrolled tablet.
 * The library needs both the device credential (checked by deviceAuthHook before this runs)
 * and the person's own signature on every request (auth/staffRequestAuth.ts, issue 11), so a
 * tablet left signed in to nobody, or a stolen device credential alone, sees no photo.
 *
 * This is the one seam between the library and the server's staff authentication: the
 * library's routes take a `StaffAccess` and never read auth headers themselves.
 *
 * Invariants:
 * - The staff member is an active one of the device's own setting, with the public key the
 *   server holds; the signature covers method, path with query, and the body bytes as sent
 *   (`rawBodyOf`, kept by the routes' JSON parser).
 * - A refusal is an API error body with its status, never an exception.
 */
import type { FastifyRequest } from 'fastify'
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

const rawBodies = new WeakMap<FastifyRequest, string>()

/** Keeps the body as it came, for the signature; call it from the content-type parser. */
export function keepRawBody(request: FastifyRequest, body: string): void {
  rawBodies.set(request, body)
}

export function rawBodyOf(request: FastifyRequest): string | null {
  return rawBodies.get(request) ?? null
}

/** The library's access through issue 11's signed requests (one nonce memory per server). */
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
