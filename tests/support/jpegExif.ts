/**
 * Just enough JPEG structure for the tests that prove stored photos carry no metadata: list a
 * file's segments, find an EXIF block and a GPS position in it, and make a JPEG that has one.
 */

export interface JpegSegment {
  marker: number
  /** Bytes of the segment after its length field. */
  data: Uint8Array
}

/** The marker segments before the image data (SOI…SOS). Throws on a file that is not a JPEG. */
export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG (no SOI marker)')
  const segments: JpegSegment[] = []
  let i = 2
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`corrupt JPEG: expected a marker at ${i}`)
    const marker = bytes[i + 1] ?? 0
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)
    segments.push({ marker, data: bytes.subarray(i + 4, i + 2 + length) })
    if (marker === 0xda) break // start of scan: image data follows
    i += 2 + length
  }
  return segments
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0, 0] // "Exif\0\0"

function isExif(segment: JpegSegment): boolean {
  return segment.marker === 0xe1 && EXIF_ID.every((b, i) => segment.data[i] === b)
}

/** Every APPn segment other than JFIF/Adobe colour info, and COM comments. */
export function metadataSegments(bytes: Uint8Array): JpegSegment[] {
  return jpegSegments(bytes).filter(
    (s) => (s.marker >= 0xe1 && s.marker <= 0xef && s.marker !== 0xee) || s.marker === 0xfe,
  )
}

/** True when the file has an EXIF block whose first IFD points at GPS data (tag 0x8825). */
export function hasGpsExif(bytes: Uint8Array): boolean {
  const exif = jpegSegments(bytes).find(isExif)
  if (exif === undefined) return false
  const tiff = new DataView(exif.data.buffer, exif.data.byteOffset + 6)
  const little = tiff.getUint16(0) === 0x4949
  const ifd0 = tiff.getUint32(4, little)
  const count = tiff.getUint16(ifd0, little)
  for (let e = 0; e < count; e++) {
    if (tiff.getUint16(ifd0 + 2 + e * 12, little) === 0x8825) return true
  }
  return false
}

function rationals(view: DataView, at: number, dms: readonly number[]): void {
  dms.forEach((v, k) => {
    view.setUint32(at + k * 8, Math.round(v * 100))
    view.setUint32(at + k * 8 + 4, 100)
  })
}

/** A copy of `jpeg` with an EXIF block holding a GPS position, placed right after SOI. */
export function withGpsExif(
  jpeg: Uint8Array,
  lat = [51, 30, 26.5],
  lon = [0, 7, 39.2],
): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(128))
  tiff.setUint16(0, 0x4d4d) // "MM": big-endian
  tiff.setUint16(2, 42)
  tiff.setUint32(4, 8) // IFD0 at 8
  tiff.setUint16(8, 1) // IFD0: one entry, GPSInfo → GPS IFD at 26
  tiff.setUint16(10, 0x8825)
  tiff.setUint16(12, 4)
  tiff.setUint32(14, 1)
  tiff.setUint32(18, 26)
  tiff.setUint32(22, 0)
  const gps: [number, number, number, number][] = [
    [0x0001, 2, 2, 0x4e000000], // GPSLatitudeRef "N"
    [0x0002, 5, 3, 80], // GPSLatitude: 3 rationals at 80
    [0x0003, 2, 2, 0x57000000], // GPSLongitudeRef "W"
    [0x0004, 5, 3, 104], // GPSLongitude at 104
  ]
  tiff.setUint16(26, gps.length)
  gps.forEach(([tag, type, count, value], k) => {
    const at = 28 + k * 12
    tiff.setUint16(at, tag)
    tiff.setUint16(at + 2, type)
    tiff.setUint32(at + 4, count)
    tiff.setUint32(at + 8, value)
  })
  tiff.setUint32(28 + gps.length * 12, 0)
  rationals(tiff, 80, lat)
  rationals(tiff, 104, lon)
  const body = new Uint8Array([...EXIF_ID, ...new Uint8Array(tiff.buffer)])
  const length = body.length + 2
  const app1 = new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...body])
  const out = new Uint8Array(jpeg.length + app1.length)
  out.set(jpeg.subarray(0, 2))
  out.set(app1, 2)
  out.set(jpeg.subarray(2), 2 + app1.length)
  return out
}
