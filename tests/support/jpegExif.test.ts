// The EXIF helpers must be right for the "no GPS in stored photos" tests to mean anything.
import { describe, expect, it } from 'vitest'
import { hasGpsExif, jpegSegments, metadataSegments, withGpsExif } from './jpegExif.ts'

// The smallest JPEG structure the helpers walk: SOI, an APP0 JFIF, SOS, EOI.
const plain = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xda, 0x00, 0x02, 0xff,
  0xd9,
])

describe('jpegExif', () => {
  it('finds no metadata in a plain JPEG', () => {
    expect(metadataSegments(plain)).toEqual([])
    expect(hasGpsExif(plain)).toBe(false)
  })

  it('adds and then finds a GPS position', () => {
    const tagged = withGpsExif(plain)
    expect(hasGpsExif(tagged)).toBe(true)
    expect(metadataSegments(tagged).map((s) => s.marker)).toEqual([0xe1])
    expect(jpegSegments(tagged).at(-1)?.marker).toBe(0xda)
  })

  it('refuses a file that is not a JPEG', () => {
    expect(() => jpegSegments(new Uint8Array([0x89, 0x50]))).toThrow(/not a JPEG/)
  })
})
