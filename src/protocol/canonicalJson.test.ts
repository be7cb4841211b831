import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonicalJson.ts'

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } }
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}')
  })

  it('leaves out properties that are undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}')
  })

  it('escapes strings as JSON does, and sorts keys by code unit', () => {
    expect(canonicalJson({ é: 'line\nbreak "q"', Z: 1, a: 2 })).toBe(
      '{"Z":1,"a":2,"é":"line\\nbreak \\"q\\""}',
    )
  })

  it.each([[Number.NaN], [Infinity], [new Date(0)], [() => 1], [[undefined]]])(
    'refuses what is not JSON: %s',
    (value) => {
      expect(() => canonicalJson(value)).toThrow(TypeError)
    },
  )

  it('gives the same string whatever order the keys were written in, and parses back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value)
        const reparsed: unknown = JSON.parse(text)
        expect(canonicalJson(reparsed)).toBe(text)
        expect(canonicalJson(shuffleKeys(reparsed))).toBe(text)
      }),
    )
  })
})

function shuffleKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffleKeys)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).reverse()
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v)]))
}
