import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { DEMO_PIN_SALTS, DEMO_STAFF } from '../demo/demoRoster.ts'
import { hashPinWithSeed, PIN_ITERATIONS } from './pinHash.ts'
import { DEMO_SIGNING_SEEDS } from './testSigners.ts'

describe('the demo signing seeds tests use', () => {
  it.each(Object.values(DEMO_STAFF))(
    'are what $name’s published PIN gives with the demo salt',
    async ({ id, pin }) => {
      const derived = await hashPinWithSeed(pin, PIN_ITERATIONS, DEMO_PIN_SALTS[id])
      expect(DEMO_SIGNING_SEEDS[id]).toEqual({
        hashB64: derived.pin.hashB64,
        signingSeedHex: bytesToHex(derived.signingSeed),
      })
    },
    30_000,
  )
})
