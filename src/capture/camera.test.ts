import { describe, expect, it } from 'vitest'
import { cameraErrorFor } from './camera.ts'

describe('cameraErrorFor', () => {
  it.each([
    ['NotAllowedError', 'denied', /Settings/],
    ['NotFoundError', 'unavailable', /No camera/],
    ['NotReadableError', 'in-use', /Another app/],
    ['TypeError', 'unknown', /could not start/],
  ])('turns %s into guidance (%s)', (name, code, words) => {
    const e = new Error('x')
    e.name = name
    const result = cameraErrorFor(e)
    expect(result.code).toBe(code)
    expect(result.message).toMatch(words)
  })
})
