import { describe, expect, it } from 'vitest'
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { PIN_SCHEME_SPLIT } from '../protocol/index.ts'
import { hashPinForDevices, pinMatchesVerifier } from '../server/auth/pinVerifier.ts'
import {
  checkPin,
  constantTimeEqual,
  hashPin,
  hashPinWithSeed,
  MIN_PIN_ITERATIONS,
  pinFormatError,
  pinMatches,
} from './pinHash.ts'

describe('PIN hashing', () => {
  it('uses PBKDF2 with at least 100,000 iterations and a 16-byte salt', async () => {
    const hash = await hashPin('1234')
    expect(hash.iterations).toBeGreaterThanOrEqual(100_000)
    expect(atob(hash.saltB64)).toHaveLength(16)
    expect(atob(hash.hashB64)).toHaveLength(32)
    expect(await pinMatches('1234', hash)).toBe(true)
    expect(await pinMatches('1235', hash)).toBe(false)
    expect(await pinMatches('12345', hash)).toBe(false)
  })

  it('salts each hash afresh: the same PIN never gives the same hash', async () => {
    const [a, b] = await Promise.all([hashPin('2345'), hashPin('2345')])
    expect(a.saltB64).not.toBe(b.saltB64)
    expect(a.hashB64).not.toBe(b.hashB64)
  })

  it('refuses to hash with fewer iterations than the minimum', async () => {
    await expect(hashPin('1234', MIN_PIN_ITERATIONS - 1)).rejects.toThrow()
  })

  it.each([
    ['1234', true],
    ['123456', true],
    ['123', false],
    ['1234567', false],
    ['12a4', false],
    [' 1234', false],
    ['', false],
  ])('PIN %j is acceptable: %s', (pin, good) => {
    expect(pinFormatError(pin) === null).toBe(good)
  })

  it('compares hashes byte by byte, whatever their lengths', () => {
    const bytes = (...b: number[]) => new Uint8Array(b)
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true)
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false)
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 0))).toBe(false)
    expect(constantTimeEqual(bytes(), bytes())).toBe(true)
  })

  it('makes v2 verifiers: a signing seed that only the typed PIN gives, its public key stored', async () => {
    const { pin: stored, signingSeed } = await hashPinWithSeed('2468', MIN_PIN_ITERATIONS)
    expect(stored.scheme).toBe(PIN_SCHEME_SPLIT)
    expect(stored.publicKeyHex).toBe(bytesToHex(ed25519.getPublicKey(signingSeed)))
    const right = await checkPin('2468', stored)
    expect(right.matches).toBe(true)
    expect(right.signingSeed).toEqual(signingSeed)
    expect(await checkPin('2469', stored)).toEqual({ matches: false, signingSeed: null })
    // Nothing stored is the seed.
    expect(atob(stored.hashB64)).not.toBe(String.fromCharCode(...signingSeed))
  })

  it('still signs in with a v1 verifier (the PBKDF2 output itself), but gives no seed', async () => {
    const salt = new Uint8Array(16).fill(3)
    const subtle = globalThis.crypto.subtle
    const key = await subtle.importKey('raw', new TextEncoder().encode('1357'), 'PBKDF2', false, [
      'deriveBits',
    ])
    const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: MIN_PIN_ITERATIONS }
    const bits = new Uint8Array(await subtle.deriveBits(params, key, 256))
    const v1 = {
      saltB64: btoa(String.fromCharCode(...salt)),
      hashB64: btoa(String.fromCharCode(...bits)),
      iterations: MIN_PIN_ITERATIONS,
    }
    expect(await checkPin('1357', v1)).toEqual({ matches: true, signingSeed: null })
    expect((await checkPin('1358', v1)).matches).toBe(false)
    expect(await pinMatchesVerifier('1357', v1)).toBe(true)
    expect(await pinMatchesVerifier('1358', v1)).toBe(false)
  })

  it('agrees with the server: each accepts the PINs the other hashed, with the same key', async () => {
    const server = await hashPinForDevices('864209', MIN_PIN_ITERATIONS)
    const onDevice = await checkPin('864209', server)
    expect(onDevice.matches).toBe(true)
    expect(bytesToHex(ed25519.getPublicKey(onDevice.signingSeed ?? new Uint8Array()))).toBe(
      server.publicKeyHex,
    )
    const device = await hashPin('864209', MIN_PIN_ITERATIONS)
    expect(await pinMatchesVerifier('864209', device)).toBe(true)
    expect(await pinMatchesVerifier('864208', device)).toBe(false)
  })

  it('gives the same verifier and key for a fixed salt (the demo), on both sides', async () => {
    const salt = 'EV/tVWeQ1vqXxZsOOxYh4g=='
    const device = await hashPin('1234', MIN_PIN_ITERATIONS, salt)
    const server = await hashPinForDevices('1234', MIN_PIN_ITERATIONS, salt)
    expect(device).toEqual(server)
  })
})
