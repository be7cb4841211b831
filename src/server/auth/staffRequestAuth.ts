/**
 * Checks a request signed by a person on an authenticated tablet (headers in
 * src/protocol/signedRequest.ts, built by src/sync/signedRequestHeaders.ts): the person is an
 * active member of staff of the device's setting, the signature verifies against the public
 * key the SERVER holds for them, the request is fresh and its nonce unused.
 *
 * Invariants:
 * - The device is the one its Bearer credential proved (deviceOf), never one the request names.
 * - A request is accepted only within ±`SIGNED_REQUEST_WINDOW_MS` of the server's clock, and
 *   each (device, nonce) once: a nonce is remembered until no request carrying it could be
 *   fresh any more. Memory is bounded: when `maxNonces` unexpired nonces are held, new
 *   requests are refused (`busy`) rather than any nonce forgotten early.
 * - Every failure is a value with a code and words; the answer never says which check failed
 *   beyond what the tablet needs to act (sign in again, fix its clock, retry).
 */
import type { Kysely } from 'kysely'
import {
  ISSUED_AT_HEADER,
  NONCE_HEADER,
  NONCE_PATTERN,
  requestProofMessage,
  sha256HexOf,
  SIGNATURE_HEADER,
  SIGNED_REQUEST_WINDOW_MS,
  STAFF_HEADER,
} from '../../protocol/index.ts'
import type { StaffRole } from '../../policy/index.ts'
import type { Database } from '../storage/schema.ts'
import type { AuthenticatedDevice } from './deviceAuth.ts'
import { knownStaff } from './staffKeys.ts'
import { verifyProofNative } from './verifyProofNative.ts'

export type StaffRequestErrorCode =
  'staff_proof_missing' | 'stale_request' | 'replayed_request' | 'proof_invalid' | 'busy'

export type StaffRequestCheck =
  | { ok: true; staffId: string; role: StaffRole }
  | { ok: false; error: { code: StaffRequestErrorCode; message: string } }

/** What the check reads of a request; a Fastify request fits once the raw body is given. */
export interface SignedRequest {
  method: string
  /** Path and query as received (Fastify's `request.url`). */
  url: string
  headers: Record<string, string | string[] | undefined>
  /** The body bytes as received; null for a request without one. */
  body: Uint8Array | string | null
}

export interface StaffRequestAuth {
  check(request: SignedRequest, device: AuthenticatedDevice): Promise<StaffRequestCheck>
}

const MESSAGES: Record<StaffRequestErrorCode, string> = {
  staff_proof_missing:
    'This needs the person using the iPad to be signed in. Sign in and try again.',
  stale_request:
    "The iPad's clock is too far from the server's. Check the iPad's date and time, then try again.",
  replayed_request: 'This request was already received once. Try again.',
  proof_invalid:
    'The server could not confirm who is signed in. Lock the iPad, sign in again with your PIN and try again.',
  busy: 'The server is busy. Wait a minute and try again.',
}

function refuse(code: StaffRequestErrorCode): StaffRequestCheck {
  return { ok: false, error: { code, message: MESSAGES[code] } }
}

function header(request: SignedRequest, name: string): string | null {
  const value = request.headers[name]
  return typeof value === 'string' && value.length <= 200 ? value : null
}

function bytesOf(body: Uint8Array | string | null): Uint8Array {
  if (body === null) return new Uint8Array()
  return typeof body === 'string' ? new TextEncoder().encode(body) : body
}

export function staffRequestAuth(options: {
  db: Kysely<Database>
  now: () => Date
  windowMs?: number
  maxNonces?: number
}): StaffRequestAuth {
  const windowMs = options.windowMs ?? SIGNED_REQUEST_WINDOW_MS
  const maxNonces = options.maxNonces ?? 100_000
  // Insertion order is expiry order (every nonce is kept for the same 2 × window), so the
  // oldest are swept from the front.
  const nonces = new Map<string, number>()

  function sweep(nowMs: number): void {
    for (const [key, expires] of nonces) {
      if (expires > nowMs) break
      nonces.delete(key)
    }
  }

  return {
    async check(request, device) {
      const staffId = header(request, STAFF_HEADER)
      const issuedAt = header(request, ISSUED_AT_HEADER)
      const nonce = header(request, NONCE_HEADER)
      const signature = header(request, SIGNATURE_HEADER)
      if (staffId === null || issuedAt === null || nonce === null || signature === null) {
        return refuse('staff_proof_missing')
      }
      const nowMs = options.now().getTime()
      const issuedMs = Date.parse(issuedAt)
      if (!Number.isFinite(issuedMs) || Math.abs(nowMs - issuedMs) > windowMs) {
        return refuse('stale_request')
      }
      if (!NONCE_PATTERN.test(nonce)) return refuse('proof_invalid')
      const known = await knownStaff(options.db, device.settingId, staffId)
      const message = requestProofMessage({
        settingId: device.settingId,
        deviceId: device.id,
        staffId,
        method: request.method,
        path: request.url,
        bodySha256Hex: sha256HexOf(bytesOf(request.body)),
        issuedAt,
        nonce,
      })
      if (
        known === null ||
        known.publicKeyHex === null ||
        !verifyProofNative(known.publicKeyHex, message, signature)
      ) {
        return refuse('proof_invalid')
      }
      // Claimed only after the signature verified, so nobody can burn another tablet's nonces.
      const key = `${device.id}\n${nonce}`
      sweep(nowMs)
      if (nonces.has(key)) return refuse('replayed_request')
      if (nonces.size >= maxNonces) return refuse('busy')
      nonces.set(key, nowMs + 2 * windowMs)
      return { ok: true, staffId, role: known.staff.role }
    },
  }
}
