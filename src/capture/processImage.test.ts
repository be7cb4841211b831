// The pipeline's logic under Node: resize steps, output sizes, the checksum of the stored
// bytes. Node has no canvas, so a recording stand-in for OffscreenCanvas is installed; the
// real encode (and that it strips EXIF/GPS) is proven in Chromium (tests/e2e/capture.e2e.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { processImage, resample, sha256Hex } from './processImage.ts'

type Draw = { from: [number, number]; to: [number, number]; quality: string }
const draws: Draw[] = []
/** Bitmaps handed to a canvas without a draw (`bitmaprenderer`). */
const handedOver: [number, number][] = []

class FakeCanvas {
  readonly width: number
  readonly height: number
  constructor(width: number, height: number) {
    this.width = width
    this.height = height
  }
  getContext(kind: string) {
    if (kind === 'bitmaprenderer') {
      return {
        transferFromImageBitmap: (source: { width: number; height: number }) => {
          handedOver.push([source.width, source.height])
        },
      }
    }
    const to: [number, number] = [this.width, this.height]
    const ctx = {
      imageSmoothingQuality: 'high',
      drawImage: (source: { width: number; height: number }) => {
        draws.push({ from: [source.width, source.height], to, quality: ctx.imageSmoothingQuality })
      },
    }
    return ctx
  }
  convertToBlob(options: { type: string; quality: number }) {
    const text = `${options.type} ${this.width}x${this.height} q${options.quality}`
    return Promise.resolve(new Blob([text], { type: options.type }))
  }
}

const closed = vi.fn()

function bitmap(width: number, height: number) {
  return { width, height, close: closed } as unknown as ImageBitmap
}

beforeEach(() => {
  draws.length = 0
  handedOver.length = 0
  closed.mockClear()
  vi.stubGlobal('OffscreenCanvas', FakeCanvas)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('resample', () => {
  it('never reduces by more than 2× in one bilinear step', () => {
    resample(bitmap(2048, 1536), { width: 320, height: 240 })
    expect(draws.map((d) => d.to)).toEqual([
      [1024, 768],
      [512, 384],
      [320, 240],
    ])
    for (const d of draws) {
      expect(d.from[0] / d.to[0]).toBeLessThanOrEqual(2)
      expect(d.quality).toBe('low')
    }
  })

  it('draws once when the reduction is within 2× (a 12 MP frame to 2048 px)', () => {
    resample(bitmap(4032, 3024), { width: 2048, height: 1536 })
    expect(draws.map((d) => d.to)).toEqual([[2048, 1536]])
  })
})

describe('processImage', () => {
  it('stores at most 2048 px, a 320 px thumbnail, and the SHA-256 of the stored bytes', async () => {
    const frame = bitmap(4032, 3024)
    const result = await processImage(frame)
    expect([result.width, result.height]).toEqual([2048, 1536])
    expect(await result.image.text()).toBe('image/jpeg 2048x1536 q0.85')
    expect(await result.thumbnail.text()).toBe('image/jpeg 320x240 q0.75')
    expect(result.bytes).toBe(result.image.size)
    expect(result.checksum).toBe(await sha256Hex(await result.image.arrayBuffer()))
    expect(closed).toHaveBeenCalledOnce()
  })

  it('never enlarges a small image', async () => {
    const result = await processImage(bitmap(1280, 720))
    expect([result.width, result.height]).toEqual([1280, 720])
  })

  it('hands a frame that needs no resize to the encoder without drawing it', async () => {
    const result = await processImage(bitmap(1920, 1080))
    expect(handedOver).toEqual([[1920, 1080]])
    // Only the thumbnail's halving steps are drawn, from the frame itself.
    expect(draws.map((d) => d.to)).toEqual([
      [960, 540],
      [480, 270],
      [320, 180],
    ])
    expect(await result.image.text()).toBe('image/jpeg 1920x1080 q0.85')
    expect(await result.thumbnail.text()).toBe('image/jpeg 320x180 q0.75')
  })
})

describe('sha256Hex', () => {
  it('is the lower-case hex digest', async () => {
    const bytes = new TextEncoder().encode('abc')
    expect(await sha256Hex(bytes.buffer)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})
