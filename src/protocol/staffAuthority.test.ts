import { describe, expect, it } from 'vitest'
import {
  changeProofMessage,
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

  it('refuses a master of the wrong length', () => {
    expect(() => splitPinMaster(new Uint8Array(16))).toThrow(RangeError)
  })
})
