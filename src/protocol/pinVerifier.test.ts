import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { b64ToBytes, bytesToB64, makePinVerifier, MIN_PIN_ITERATIONS } from './pinVerifier.ts'

describe('the PIN verifier module', () => {
  it('writes and reads base64 exactly as Node does, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const b64 = bytesToB64(bytes)
        expect(b64).toBe(Buffer.from(bytes).toString('base64'))
        expect([...b64ToBytes(b64)]).toEqual([...bytes])
      }),
    )
  })

  it('refuses text that is not base64', () => {
    expect(() => b64ToBytes('ab$d')).toThrow()
  })

  it('refuses to make a verifier with fewer iterations than the minimum', async () => {
    await expect(
      makePinVerifier(globalThis.crypto, '1234', MIN_PIN_ITERATIONS - 1),
    ).rejects.toThrow()
  })
})
