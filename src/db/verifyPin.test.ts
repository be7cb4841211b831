import { afterEach, describe, expect, it } from 'vitest'
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { hashPin, MIN_PIN_ITERATIONS } from './pinHash.ts'
import { KEYWORKER, smallSetting, T0 } from '../../tests/support/testDb.ts'
import { verifyPin } from './verifyPin.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

describe('verifyPin', () => {
  it('gives the signing seed of a v2 PIN with the person, and none for a wrong PIN', async () => {
    db = await smallSetting()
    const pin = await hashPin('2468', MIN_PIN_ITERATIONS)
    await db.staff.update(KEYWORKER.id, { pin })
    const wrong = await verifyPin(db, KEYWORKER.id, '2469', T0)
    expect(wrong.ok).toBe(false)
    const right = await verifyPin(db, KEYWORKER.id, '2468', T0)
    expect(right.ok).toBe(true)
    if (!right.ok) return
    expect(right.value.staff.id).toBe(KEYWORKER.id)
    const seed = right.value.signingSeed ?? new Uint8Array()
    expect(bytesToHex(ed25519.getPublicKey(seed))).toBe(pin.publicKeyHex)
    // The seed is nowhere in the database.
    const stored = JSON.stringify(await db.staff.get(KEYWORKER.id))
    expect(stored).not.toContain(bytesToHex(seed))
  })
})
