/**
 * A person's authority, proved by their PIN as typed: the primitives the tablet and the server
 * share (docs/decisions/0016-a-change-carries-its-author-s-proof.md says why).
 *
 * A PIN is stretched once (PBKDF2-SHA-256, done by the platform: WebCrypto on the tablet, Node's
 * crypto on the server) into a 32-byte *master*. Two things are derived from the master, apart:
 * - the **verifier** (`SHA-256("consentlens/pin-verifier/v2" ‖ master)`), which every tablet of
 *   the setting holds so staff can sign in offline (decision 0005);
 * - the **signing seed** (`SHA-256("consentlens/pin-signing/v2" ‖ master)`), an Ed25519 private
 *   key that exists only in memory, from the moment the PIN is typed until the session ends.
 *   Its public key travels with the verifier; the server checks signatures against the public
 *   key *it* holds.
 *
 * Nothing a tablet stores (verifier, public key, salt, signatures in its outbox) gives the seed:
 * SHA-256 hides the master behind the verifier, Ed25519 hides the seed behind its public key and
 * signatures. The one way in is to guess the PIN, at one PBKDF2 per guess.
 *
 * Invariants:
 * - Pure and synchronous (no platform crypto, no clock, no randomness): signing runs inside an
 *   IndexedDB transaction, which must not await anything else.
 * - Every message starts with its own domain string, so a signature made for one purpose (a
 *   change, a request) can never be presented as another.
 * - `verifyProof` never throws: malformed keys or signatures are simply not valid.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { canonicalJson } from './canonicalJson.ts'

/** The PIN scheme whose master splits into a verifier and a signing seed. */
export const PIN_SCHEME_SPLIT = 'pbkdf2-sha256-split-v2'

const VERIFIER_DOMAIN = utf8ToBytes('consentlens/pin-verifier/v2')
const SIGNING_DOMAIN = utf8ToBytes('consentlens/pin-signing/v2')
const CHANGE_DOMAIN = 'consentlens/change/v1'
const REQUEST_DOMAIN = 'consentlens/request/v1'

export interface PinSecrets {
  /** Stored on every tablet and on the server: checks a PIN typed for sign-in. */
  verifier: Uint8Array
  /** Never stored anywhere: signs changes and requests for the signed-in person. */
  signingSeed: Uint8Array
  /** Lowercase hex; stored beside the verifier. The server checks signatures against it. */
  publicKeyHex: string
}

/** Splits a PBKDF2 master (32 bytes) into what may be stored and what may not. */
export function splitPinMaster(master: Uint8Array): PinSecrets {
  if (master.length !== 32) throw new RangeError('A PIN master is 32 bytes')
  const verifier = sha256(concatBytes(VERIFIER_DOMAIN, master))
  const signingSeed = sha256(concatBytes(SIGNING_DOMAIN, master))
  return { verifier, signingSeed, publicKeyHex: bytesToHex(ed25519.getPublicKey(signingSeed)) }
}

/** What a change's signature covers: the change as the server will apply it, and who made it. */
export interface ChangeToProve {
  settingId: string
  /** The outbox entry's id: one signature, one change; replaying it changes nothing. */
  changeId: string
  kind: string
  actorId: string
  payload: unknown
}

export function changeProofMessage(change: ChangeToProve): Uint8Array {
  const { settingId, changeId, kind, actorId, payload } = change
  return utf8ToBytes(
    `${CHANGE_DOMAIN}\n${canonicalJson([settingId, changeId, kind, actorId, payload])}`,
  )
}

/** What a signed request covers (a GET of a photo, a manager operation). */
export interface RequestToProve {
  settingId: string
  deviceId: string
  staffId: string
  method: string
  /** Path and query as sent, e.g. `/api/library/photos?day=2026-11-29`. */
  path: string
  /** SHA-256 (hex) of the request body; of the empty string for a request without one. */
  bodySha256Hex: string
  /** ISO time the tablet signed it; the server refuses one far from its own clock. */
  issuedAt: string
  /** Random, single use within the server's window. */
  nonce: string
}

export function requestProofMessage(request: RequestToProve): Uint8Array {
  const r = request
  const fields = [r.settingId, r.deviceId, r.staffId, r.method.toUpperCase(), r.path]
  return utf8ToBytes(
    `${REQUEST_DOMAIN}\n${canonicalJson([...fields, r.bodySha256Hex, r.issuedAt, r.nonce])}`,
  )
}

export function sha256HexOf(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes))
}

/** Signature (lowercase hex, 128 characters). */
export function signProof(signingSeed: Uint8Array, message: Uint8Array): string {
  return bytesToHex(signWithKey(signingKeyOf(signingSeed), message))
}

/** The seed's public key (lowercase hex), as `splitPinMaster` gave it; derived once per seed. */
export function publicKeyHexOf(signingSeed: Uint8Array): string {
  return bytesToHex(signingKeyOf(signingSeed).pointBytes)
}

/**
 * What RFC 8032 signing derives from a seed before it reads the message: the secret scalar,
 * the nonce prefix and the public key, which costs a scalar multiplication. A session signs
 * with one seed all day (every change inside its save transaction, every request), so it is
 * derived once per seed: a signature then costs one multiplication instead of two.
 */
interface SigningKey {
  seed: Uint8Array
  prefix: Uint8Array
  scalar: bigint
  pointBytes: Uint8Array
}

const signingKeys = new WeakMap<Uint8Array, SigningKey>()

function signingKeyOf(seed: Uint8Array): SigningKey {
  const known = signingKeys.get(seed)
  // Compared byte for byte: a seed changed in place is a new key.
  if (known !== undefined && bytesToHex(known.seed) === bytesToHex(seed)) return known
  const { prefix, scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(seed)
  const key = { seed: Uint8Array.from(seed), prefix, scalar, pointBytes }
  signingKeys.set(seed, key)
  return key
}

const { Point } = ed25519

/** Little-endian bytes as a scalar modulo the group order (RFC 8032's SHA-512 → integer). */
function scalarOf(bytes: Uint8Array): bigint {
  return Point.Fn.create(BigInt(`0x${bytesToHex(Uint8Array.from(bytes).reverse())}`))
}

/** RFC 8032 5.1.6 (pure Ed25519), as noble's `ed25519.sign`; signProof's tests hold them equal. */
function signWithKey(key: SigningKey, message: Uint8Array): Uint8Array {
  const r = scalarOf(sha512(concatBytes(key.prefix, message)))
  const R = Point.BASE.multiply(r).toBytes()
  const k = scalarOf(sha512(concatBytes(R, key.pointBytes, message)))
  const s = Point.Fn.create(r + k * key.scalar)
  return concatBytes(R, Point.Fn.toBytes(s))
}

export function verifyProof(publicKeyHex: string, message: Uint8Array, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(publicKeyHex) || !/^[0-9a-f]{128}$/.test(signature)) return false
  try {
    return ed25519.verify(hexToBytes(signature), message, hexToBytes(publicKeyHex))
  } catch {
    return false
  }
}
