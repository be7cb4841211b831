import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { DEMO_PIN_SALTS, DEMO_STAFF } from '../../src/demo/index.ts'
import { hashPinWithSeed, PIN_ITERATIONS } from '../../src/db/pinHash.ts'
import { DEMO_SIGNING_SEEDS, demoPinVerifier } from './testSigners.ts'

describe('the demo signing seeds tests use', () => {
  it.each(Object.values(DEMO_STAFF))(
    'are what $name’s published PIN gives with the demo salt',
    async ({ id, pin }) => {
      const derived = await hashPinWithSeed(pin, PIN_ITERATIONS, DEMO_PIN_SALTS[id])
      expect(DEMO_SIGNING_SEEDS[id]).toEqual({
        hashB64: derived.pin.hashB64,
        signingSeedHex: bytesToHex(derived.signingSeed),
      })
      // What seeding stores, from the table, is what PBKDF2 stores.
      expect(await demoPinVerifier(id)).toEqual(derived.pin)
    },
    30_000,
  )
})
