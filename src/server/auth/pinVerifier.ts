/**
 * PIN verifiers in the device's format (src/db/pinHash.ts: PBKDF2-SHA-256, 16-byte salt,
 * 256-bit master split by scheme v2 into a verifier and a signing key, iterations stored
 * beside it), made and checked with Node's crypto so the server and every device accept the
 * same PINs.
 *
 * Invariants:
 * - The comparison takes the same time wherever the first difference is.
 * - v1 verifiers (no `scheme`: the PBKDF2 output itself) are still checked; new ones are v2,
 *   with the public key the server checks a person's signed changes against.
 * - The signing seed a PIN gives is never kept here: the server only ever verifies.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { PIN_SCHEME_SPLIT, splitPinMaster, type PinHashWire } from '../../protocol/index.ts'

const derive = promisify(pbkdf2)
export const SERVER_PIN_ITERATIONS = 210_000

/** `saltB64` only for the demo's published PINs (fixed salts); real PINs get a random salt. */
export async function hashPinForDevices(
  pin: string,
  iterations = SERVER_PIN_ITERATIONS,
  saltB64?: string,
): Promise<PinHashWire> {
  const salt = saltB64 === undefined ? randomBytes(16) : Buffer.from(saltB64, 'base64')
  const master = await derive(pin, salt, iterations, 32, 'sha256')
  const { verifier, publicKeyHex } = splitPinMaster(new Uint8Array(master))
  return {
    saltB64: salt.toString('base64'),
    hashB64: Buffer.from(verifier).toString('base64'),
    iterations,
    scheme: PIN_SCHEME_SPLIT,
    publicKeyHex,
  }
}

export async function pinMatchesVerifier(pin: string, verifier: PinHashWire): Promise<boolean> {
  const salt = Buffer.from(verifier.saltB64, 'base64')
  const expected = Buffer.from(verifier.hashB64, 'base64')
  const split = verifier.scheme === PIN_SCHEME_SPLIT
  const master = await derive(
    pin,
    salt,
    verifier.iterations,
    split ? 32 : expected.length || 32,
    'sha256',
  )
  const actual = split ? Buffer.from(splitPinMaster(new Uint8Array(master)).verifier) : master
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
