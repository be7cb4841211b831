import { describe, expect, it } from 'vitest'
import {
  ISSUED_AT_HEADER,
  NONCE_HEADER,
  NONCE_PATTERN,
  requestProofMessage,
  sha256HexOf,
  SIGNATURE_HEADER,
  splitPinMaster,
  STAFF_HEADER,
  verifyProof,
} from '../protocol/index.ts'
import { signedRequestHeaders } from './signedRequestHeaders.ts'

const { signingSeed, publicKeyHex } = splitPinMaster(new Uint8Array(32).fill(5))
const request = {
  settingId: 'setting-1',
  deviceId: 'device-1',
  staffId: 'alice',
  signingSeed,
  method: 'get',
  path: '/api/library/photos?day=2026-11-29',
  now: '2026-11-29T10:00:00.000Z',
}

describe('signedRequestHeaders', () => {
  it('names the person, the time and a fresh nonce, and signs exactly that request', () => {
    const headers = signedRequestHeaders(request)
    expect(headers[STAFF_HEADER]).toBe('alice')
    expect(headers[ISSUED_AT_HEADER]).toBe(request.now)
    const nonce = headers[NONCE_HEADER] ?? ''
    expect(nonce).toMatch(NONCE_PATTERN)
    const message = requestProofMessage({
      ...request,
      bodySha256Hex: sha256HexOf(new Uint8Array()),
      issuedAt: request.now,
      nonce,
    })
    expect(verifyProof(publicKeyHex, message, headers[SIGNATURE_HEADER] ?? '')).toBe(true)
    const other = requestProofMessage({
      ...request,
      path: '/api/library/photos?day=2026-11-30',
      bodySha256Hex: sha256HexOf(new Uint8Array()),
      issuedAt: request.now,
      nonce,
    })
    expect(verifyProof(publicKeyHex, other, headers[SIGNATURE_HEADER] ?? '')).toBe(false)
  })

  it('makes a new nonce each time', () => {
    expect(signedRequestHeaders(request)[NONCE_HEADER]).not.toBe(
      signedRequestHeaders(request)[NONCE_HEADER],
    )
  })

  it('covers the body, given as text or bytes alike', () => {
    const nonce = 'n'.repeat(32)
    const text = signedRequestHeaders({ ...request, method: 'POST', body: '{"a":1}', nonce })
    const bytes = signedRequestHeaders({
      ...request,
      method: 'POST',
      body: new TextEncoder().encode('{"a":1}'),
      nonce,
    })
    expect(text).toEqual(bytes)
    const empty = signedRequestHeaders({ ...request, method: 'POST', nonce })
    expect(empty[SIGNATURE_HEADER]).not.toBe(text[SIGNATURE_HEADER])
  })
})
