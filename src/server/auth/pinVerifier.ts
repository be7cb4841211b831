/**
 * PIN verifiers on the server: the same module as the tablets' (src/protocol/pinVerifier.ts,
 * PBKDF2 on WebCrypto, which Node has as `globalThis.crypto`), so the server and every tablet
 * accept the same PINs.
 *
 * Invariant: the signing seed a PIN gives is never kept here: the server only ever verifies.
 */
import {
  checkPinVerifier,
  makePinVerifier,
  PIN_ITERATIONS,
  type PinHashWire,
} from '../../protocol/index.ts'

export const SERVER_PIN_ITERATIONS = PIN_ITERATIONS

/** `saltB64` only for the demo's published PINs (fixed salts); real PINs get a random salt. */
export async function hashPinForDevices(
  pin: string,
  iterations = SERVER_PIN_ITERATIONS,
  saltB64?: string,
): Promise<PinHashWire> {
  return (await makePinVerifier(globalThis.crypto, pin, iterations, saltB64)).pin
}

export async function pinMatchesVerifier(pin: string, verifier: PinHashWire): Promise<boolean> {
  return (await checkPinVerifier(globalThis.crypto, pin, verifier)).matches
}
