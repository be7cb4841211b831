// The switch is set on globalThis without importing zod (so zod can load after sign-in); this
// holds zod to reading it there, whichever of the two loads first.
import { describe, expect, it } from 'vitest'
import './zodWithoutEval.ts'

describe('zodWithoutEval', () => {
  it('turns off the parsers zod would compile with eval (the CSP forbids it)', async () => {
    const { z } = await import('zod')
    expect(z.config().jitless).toBe(true)
  })
})
