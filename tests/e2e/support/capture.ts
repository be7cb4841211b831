// Helpers for the capture e2e tests: drive the capture screen as a practitioner does, and
// look straight into the page's IndexedDB to prove what was (and was not) stored.
import type { Page } from 'playwright-core'
import { openFromHome } from './signIn.ts'
import { metadataSegments, type JpegSegment } from '../../support/jpegExif.ts'
import { pageReadings, type StoredSummary } from './inPage.ts'

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

export type { StoredSummary }

const readings = (page: Page) => pageReadings((fn, arg) => page.evaluate(fn, arg))

/** What the app's database holds, read with the raw IndexedDB API, not the app's code. */
export const storedSummary = (page: Page) => readings(page).storedSummary()
/** The stored full image of a photo, as bytes. */
export const storedImage = (page: Page, id: string) => readings(page).storedImage(id)
/** A small real JPEG made by the browser's own encoder. */
export const browserJpeg = (page: Page) => readings(page).browserJpeg()

/**
 * From any screen of a signed-in person: Home, then "Take a photo". Leaves the page on the
 * capture screen (its heading shown; the camera may still be starting: takePhoto waits for it).
 */
export async function openCapture(page: Page): Promise<void> {
  await openFromHome(page, /Take a photo/)
  await page.getByRole('heading', { level: 1, name: 'Take a photo' }).waitFor()
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
