import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  changeProofMessage,
  publicKeyHexOf,
  requestProofMessage,
  signProof,
  splitPinMaster,
  verifyProof,
  type ChangeToProve,
} from './staffAuthority.ts'

const master = Uint8Array.from({ length: 32 }, (_, i) => i)
const change: ChangeToProve = {
  settingId: 'setting-1',
  changeId: 'change-1',
  kind: 'consent',
  actorId: 'staff-1',
  payload: { id: 'c1', status: 'granted', purpose: 'display' },
}

describe('staff authority', () => {
  it('splits a master into a verifier and a seed that differ, deterministically', () => {
    const a = splitPinMaster(master)
    const b = splitPinMaster(master)
    expect(a.publicKeyHex).toMatch(/^[0-9a-f]{64}$/)
    expect(a).toEqual(b)
    expect(a.verifier).not.toEqual(a.signingSeed)
  })

  it('verifies a signature over the change it was made for, and nothing else', () => {
    const { signingSeed, publicKeyHex } = splitPinMaster(master)
    const signature = signProof(signingSeed, changeProofMessage(change))
    expect(verifyProof(publicKeyHex, changeProofMessage(change), signature)).toBe(true)
    const reordered = { ...change, payload: { purpose: 'display', status: 'granted', id: 'c1' } }
    expect(verifyProof(publicKeyHex, changeProofMessage(reordered), signature)).toBe(true)
    for (const other of [
      { ...change, actorId: 'staff-2' },
      { ...change, changeId: 'change-2' },
      { ...change, settingId: 'setting-2' },
      { ...change, payload: { id: 'c1', status: 'withdrawn', purpose: 'display' } },
    ]) {
      expect(verifyProof(publicKeyHex, changeProofMessage(other), signature)).toBe(false)
    }
  })

  it('refuses another person’s key, malformed input, and a change signature used as a request', () => {
    const { signingSeed, publicKeyHex } = splitPinMaster(master)
    const other = splitPinMaster(new Uint8Array(32).fill(7))
    const signature = signProof(signingSeed, changeProofMessage(change))
    expect(verifyProof(other.publicKeyHex, changeProofMessage(change), signature)).toBe(false)
    expect(verifyProof('zz', changeProofMessage(change), signature)).toBe(false)
    expect(verifyProof(publicKeyHex, changeProofMessage(change), 'ab')).toBe(false)
    const request = requestProofMessage({
      settingId: 'setting-1',
      deviceId: 'd1',
      staffId: 'staff-1',
      method: 'get',
      path: '/api/x',
      bodySha256Hex: '',
      issuedAt: '2026-11-29T10:00:00.000Z',
      nonce: 'n1',
    })
    expect(verifyProof(publicKeyHex, request, signature)).toBe(false)
    expect(verifyProof(publicKeyHex, request, signProof(signingSeed, request))).toBe(true)
  })

  // signProof derives a seed's key once and signs with one scalar multiplication (RFC 8032
  // by hand on noble's primitives): it must make exactly the signature noble and OpenSSL (the
  // server's verifyProofNative) make, which the server accepts.
  it('signs exactly as noble and OpenSSL do, and OpenSSL accepts it', () => {
    const pkcs8 = Buffer.from('302e020100300506032b657004220420', 'hex')
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 2000 }),
        (seed, message) => {
          const signature = signProof(seed, message)
          expect(signature).toBe(bytesToHex(ed25519.sign(message, seed)))
          const secret = createPrivateKey({
            key: Buffer.concat([pkcs8, seed]),
            format: 'der',
            type: 'pkcs8',
          })
          expect(signature).toBe(sign(null, message, secret).toString('hex'))
          const publicKeyHex = publicKeyHexOf(seed)
          expect(publicKeyHex).toBe(bytesToHex(ed25519.getPublicKey(seed)))
          expect(
            verify(null, message, createPublicKey(secret), Buffer.from(signature, 'hex')),
          ).toBe(true)
          expect(verifyProof(publicKeyHex, message, signature)).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('signs with the seed’s bytes as they are now, even if changed in place', () => {
    const seed = new Uint8Array(32).fill(1)
    const message = changeProofMessage(change)
    const before = signProof(seed, message)
    seed.fill(2)
    expect(signProof(seed, message)).toBe(bytesToHex(ed25519.sign(message, seed)))
    expect(signProof(seed, message)).not.toBe(before)
    expect(publicKeyHexOf(seed)).toBe(bytesToHex(ed25519.getPublicKey(seed)))
  })

  it('refuses a master of the wrong length', () => {
    expect(() => splitPinMaster(new Uint8Array(16))).toThrow(RangeError)
  })
})
