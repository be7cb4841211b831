// Helpers for the capture e2e tests: drive the capture screen as a practitioner does, and
// look straight into the page's IndexedDB to prove what was (and was not) stored.
import type { Page } from 'playwright-core'
import { metadataSegments, type JpegSegment } from '../../support/jpegExif.ts'

const ICC_ID = 'ICC_PROFILE\0'

function isIccProfile(segment: JpegSegment): boolean {
  const id = String.fromCharCode(...segment.data.subarray(0, ICC_ID.length))
  return segment.marker === 0xe2 && id === ICC_ID
}

/**
 * Metadata a photo could carry about a person or place (EXIF, GPS, XMP, comments). Chromium's
 * JPEG encoder writes its own standard sRGB colour profile (APP2 ICC_PROFILE) into every
 * encode; it describes colours, not the photo, so it is not counted.
 */
export function personalMetadata(bytes: Uint8Array): JpegSegment[] {
  return metadataSegments(bytes).filter((s) => !isIccProfile(s))
}

export type StoredSummary = {
  photos: { id: string; purposes: string[]; childIds: string[] }[]
  photoImages: number
  /** Blobs anywhere in any table: a blocked photo must leave none. */
  blobs: number
  auditTypes: string[]
  blockedRules: string[][]
}

/** Reads the app's database ("consentlens") with the raw IndexedDB API, not the app's code. */
export async function storedSummary(page: Page): Promise<StoredSummary> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('consentlens')
      request.onsuccess = () => {
        resolve(request.result)
      }
      request.onerror = () => {
        reject(new Error('cannot open the database'))
      }
    })
    const all = (store: string) =>
      new Promise<unknown[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll()
        request.onsuccess = () => {
          resolve(request.result)
        }
      })
    let blobs = 0
    const visit = (value: unknown): void => {
      if (value instanceof Blob) blobs++
      else if (Array.isArray(value)) value.forEach(visit)
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit)
    }
    for (const store of Array.from(db.objectStoreNames)) (await all(store)).forEach(visit)
    type Row = { id: string; purposes: string[]; childIds: string[] }
    type Event = { type: string; details: { rules?: string[] } }
    const photos = (await all('photos')) as Row[]
    const audit = (await all('audit')) as Event[]
    const photoImages = (await all('photoImages')).length
    db.close()
    return {
      photos: photos.map(({ id, purposes, childIds }) => ({ id, purposes, childIds })),
      photoImages,
      blobs,
      auditTypes: audit.map((e) => e.type),
      blockedRules: audit
        .filter((e) => e.type === 'capture-blocked')
        .map((e) => e.details.rules ?? []),
    }
  })
}

/** The stored full image of a photo, as bytes. */
export async function storedImage(page: Page, photoId: string): Promise<Uint8Array> {
  const bytes = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('consentlens')
      request.onsuccess = () => {
        resolve(request.result)
      }
    })
    const row = await new Promise<{ full: Blob | null } | undefined>((resolve) => {
      const request = db.transaction('photoImages').objectStore('photoImages').get(id)
      request.onsuccess = () => {
        resolve(request.result as { full: Blob | null } | undefined)
      }
    })
    db.close()
    if (row?.full == null) return []
    return Array.from(new Uint8Array(await row.full.arrayBuffer()))
  }, photoId)
  return new Uint8Array(bytes)
}

/** Waits for the live camera, then takes a photo and waits until it is shown held. */
export async function takePhoto(page: Page): Promise<void> {
  const shutter = page.getByRole('button', { name: 'Take photo', exact: true })
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('button')).some(
        (b) =>
          b.textContent === 'Take photo' &&
          !b.disabled &&
          b.getAttribute('aria-disabled') !== 'true',
      ),
    undefined,
    { timeout: 30_000 },
  )
  await shutter.click()
  await page.getByRole('img', { name: 'The photo just taken' }).waitFor()
}

export async function tag(page: Page, ...firstNames: string[]): Promise<void> {
  for (const name of firstNames) {
    await page.getByRole('button', { name: new RegExp(`^${name} `) }).click()
  }
}

export async function confirmAll(page: Page): Promise<void> {
  for (const label of [
    'Everyone in the photo is fully dressed',
    'No one in the photo has a visible injury',
    'The children are happy to be photographed',
  ]) {
    await page.getByLabel(label).check()
  }
}

/** A small real JPEG made by the browser's own encoder. */
export async function browserJpeg(page: Page): Promise<Uint8Array> {
  const bytes = await page.evaluate(async () => {
    const canvas = document.createElement('canvas')
    canvas.width = 640
    canvas.height = 480
    const ctx = canvas.getContext('2d')
    if (ctx === null) throw new Error('no 2D canvas')
    ctx.fillStyle = '#3a7'
    ctx.fillRect(0, 0, 640, 480)
    ctx.fillStyle = '#fff'
    ctx.fillRect(100, 100, 200, 150)
    const blob = await new Promise<Blob | null>((resolve) => {
      canvas.toBlob(resolve, 'image/jpeg', 0.9)
    })
    if (blob === null) throw new Error('no JPEG')
    return Array.from(new Uint8Array(await blob.arrayBuffer()))
  })
  return new Uint8Array(bytes)
}
