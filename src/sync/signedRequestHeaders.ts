/**
 * The headers of a request signed by the signed-in person (src/protocol/signedRequest.ts):
 * the server checks them with src/server/auth/staffRequestAuth.ts. The seed is the session's
 * (never stored); the clock and the nonce are arguments so tests can fix them.
 *
 * Invariant: `path` and `body` must be exactly what is sent (path with its query string, body
 * bytes as they go on the wire), or the server will not accept the signature.
 */
import type { Iso } from '../policy/index.ts'
import {
  ISSUED_AT_HEADER,
  NONCE_HEADER,
  requestProofMessage,
  sha256HexOf,
  SIGNATURE_HEADER,
  signProof,
  STAFF_HEADER,
} from '../protocol/index.ts'

export interface RequestToSign {
  settingId: string
  deviceId: string
  staffId: string
  signingSeed: Uint8Array
  method: string
  /** Path and query as sent, e.g. `/api/library/photos?day=2026-11-29`. */
  path: string
  /** The body as sent; null or absent for a request without one. */
  body?: Uint8Array | string | null
  now: Iso
  /** Random and single use; made here unless a test gives one. */
  nonce?: string
}

function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function bodyBytes(body: Uint8Array | string | null | undefined): Uint8Array {
  if (body === null || body === undefined) return new Uint8Array()
  return typeof body === 'string' ? new TextEncoder().encode(body) : body
}

export function signedRequestHeaders(request: RequestToSign): Record<string, string> {
  const nonce = request.nonce ?? randomNonce()
  const message = requestProofMessage({
    settingId: request.settingId,
    deviceId: request.deviceId,
    staffId: request.staffId,
    method: request.method,
    path: request.path,
    bodySha256Hex: sha256HexOf(bodyBytes(request.body)),
    issuedAt: request.now,
    nonce,
  })
  return {
    [STAFF_HEADER]: request.staffId,
    [ISSUED_AT_HEADER]: request.now,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signProof(request.signingSeed, message),
  }
}
