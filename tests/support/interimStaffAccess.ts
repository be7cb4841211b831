/**
 * For tests, until issue 11's staff request authentication is on main: the same proof (an
 * Ed25519 signature over protocol's requestProofMessage, in the X-ConsentLens-Staff /
 * -Issued-At / -Nonce / -Signature headers) checked against keys this file derives per staff
 * member, in place of the public keys the server will hold. The library's routes take any
 * StaffAccess (src/server/library/staffAccess.ts), so the tests exercise them unchanged.
 */
import { createHash } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import {
  apiError,
  requestProofMessage,
  sha256HexOf,
  signProof,
  StaffWireSchema,
  verifyProof,
} from '../../src/protocol/index.ts'
import type { StaffAccess } from '../../src/server/library/staffAccess.ts'
import type { SyncServices } from '../../src/server/services.ts'
import { getEntity } from '../../src/server/storage/entities.ts'

function seedOf(staffId: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`test-signing-seed/${staffId}`).digest())
}

const DENIED = apiError('unauthorised', 'Sign in again: this request is not signed by you.')

export function interimStaffAccess(services: SyncServices): StaffAccess {
  const seen = new Set<string>()
  return async (request, device) => {
    const h = request.headers
    const [staffId, issuedAt, nonce, signature] = [
      h['x-consentlens-staff'],
      h['x-consentlens-issued-at'],
      h['x-consentlens-nonce'],
      h['x-consentlens-signature'],
    ]
    if (
      typeof staffId !== 'string' ||
      typeof issuedAt !== 'string' ||
      typeof nonce !== 'string' ||
      typeof signature !== 'string' ||
      seen.has(nonce)
    ) {
      return { ok: false, status: 401, body: DENIED }
    }
    const body = request.body === undefined ? '' : JSON.stringify(request.body)
    const message = requestProofMessage({
      settingId: device.settingId,
      deviceId: device.id,
      staffId,
      method: request.method,
      path: request.url,
      bodySha256Hex: sha256HexOf(new TextEncoder().encode(body)),
      issuedAt,
      nonce,
    })
    const publicKey = bytesToHex(ed25519.getPublicKey(seedOf(staffId)))
    if (!verifyProof(publicKey, message, signature)) return { ok: false, status: 401, body: DENIED }
    seen.add(nonce)
    const staff = StaffWireSchema.safeParse(
      await getEntity(services.db, device.settingId, 'staff', staffId),
    )
    if (!staff.success || !staff.data.active) return { ok: false, status: 401, body: DENIED }
    return { ok: true, staff: { staffId, role: staff.data.role } }
  }
}

/** Headers a signed-in person's tablet sends with a library request. */
export function interimSignedHeaders(
  who: { settingId: string; deviceId: string; staffId: string },
  method: string,
  path: string,
  json?: unknown,
): Record<string, string> {
  const issuedAt = new Date().toISOString()
  const nonce = globalThis.crypto.randomUUID()
  const body = json === undefined ? '' : JSON.stringify(json)
  const message = requestProofMessage({
    ...who,
    method,
    path,
    bodySha256Hex: sha256HexOf(new TextEncoder().encode(body)),
    issuedAt,
    nonce,
  })
  return {
    'x-consentlens-staff': who.staffId,
    'x-consentlens-issued-at': issuedAt,
    'x-consentlens-nonce': nonce,
    'x-consentlens-signature': signProof(seedOf(who.staffId), message),
  }
}
