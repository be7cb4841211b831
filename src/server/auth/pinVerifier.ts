/**
 * PIN verifiers in the device's format (src/db/pinHash.ts: PBKDF2-SHA-256, 16-byte salt,
 * 256-bit hash, iterations stored beside it), made and checked with Node's crypto so the server
 * and every device accept the same PINs.
 *
 * Invariant: the comparison takes the same time wherever the first difference is.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import type { PinHashWire } from '../../protocol/index.ts'

const derive = promisify(pbkdf2)
export const SERVER_PIN_ITERATIONS = 210_000

export async function hashPinForDevices(
  pin: string,
  iterations = SERVER_PIN_ITERATIONS,
): Promise<PinHashWire> {
  const salt = randomBytes(16)
  const hash = await derive(pin, salt, iterations, 32, 'sha256')
  return { saltB64: salt.toString('base64'), hashB64: hash.toString('base64'), iterations }
}

export async function pinMatchesVerifier(pin: string, verifier: PinHashWire): Promise<boolean> {
  const salt = Buffer.from(verifier.saltB64, 'base64')
  const expected = Buffer.from(verifier.hashB64, 'base64')
  const actual = await derive(pin, salt, verifier.iterations, expected.length || 32, 'sha256')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
