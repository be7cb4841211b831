/**
 * Who is asking, for the library's routes: the signed-in member of staff on an enrolled tablet.
 * The library needs both the device credential (checked by deviceAuthHook before this runs)
 * and the person's own proof on every request (issue 11's signed request headers), so a
 * tablet left signed in to nobody, or a stolen device credential alone, sees no photo.
 *
 * This is the one seam between the library and the server's staff authentication: the
 * library's routes take a `StaffAccess` and never read auth headers themselves.
 *
 * Invariants:
 * - The staff member is looked up in the device's own setting; an inactive one is refused.
 * - A refusal is an API error body with its status, never an exception.
 */
import type { FastifyRequest } from 'fastify'
import type { StaffRole } from '../../policy/index.ts'
import type { ApiErrorBody } from '../../protocol/index.ts'
import type { AuthenticatedDevice } from '../auth/deviceAuth.ts'

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
