import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { signProof, verifyProof } from '../../protocol/index.ts'
import { verifyProofNative, verifyProofOffLoop } from './verifyProofNative.ts'

const seed = ed25519.utils.randomSecretKey()
const publicKeyHex = bytesToHex(ed25519.getPublicKey(seed))
const message = new TextEncoder().encode('{"changeId":"c1","kind":"consent"}')

describe('verifyProofNative', () => {
  it('accepts what the tablet signs, as verifyProof does', () => {
    const signature = signProof(seed, message)
    expect(verifyProof(publicKeyHex, message, signature)).toBe(true)
    expect(verifyProofNative(publicKeyHex, message, signature)).toBe(true)
  })

  it('refuses another message, another key, a changed signature and malformed input', async () => {
    const signature = signProof(seed, message)
    const other = bytesToHex(ed25519.getPublicKey(ed25519.utils.randomSecretKey()))
    const flipped = `${signature.slice(0, 10)}${signature[10] === '0' ? '1' : '0'}${signature.slice(11)}`
    const cases: [string, Uint8Array, string][] = [
      [publicKeyHex, new TextEncoder().encode('{"changeId":"c2"}'), signature],
      [other, message, signature],
      [publicKeyHex, message, flipped],
      [publicKeyHex, message, 'not hex'],
      ['00', message, signature],
      ['f'.repeat(64), message, signature],
    ]
    for (const [key, text, sig] of cases) {
      expect(verifyProofNative(key, text, sig)).toBe(false)
      expect(verifyProof(key, text, sig)).toBe(false)
      expect(await verifyProofOffLoop(key, text, sig)).toBe(false)
    }
  })

  it('off the event loop, accepts what the tablet signs, however many are asked at once', async () => {
    const signature = signProof(seed, message)
    const other = new TextEncoder().encode('{"changeId":"c3"}')
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        verifyProofOffLoop(publicKeyHex, i % 3 === 0 ? other : message, signature),
      ),
    )
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 !== 0))
  })
})
