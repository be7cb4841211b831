import { describe, expect, it } from 'vitest'
import {
  constantTimeEqual,
  hashPin,
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
})
