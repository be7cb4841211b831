// The app's steps for the WebKit flows, mirroring tests/e2e/support (signIn.ts, capture.ts):
// sign in, open a screen from Home, take and tag a photo; reading the page's IndexedDB directly
// (not through the app's code) to prove what was stored runs the very functions the Chromium
// tests run (tests/e2e/support/inPage.ts).
import { pageReadings, type StoredSummary } from '../../e2e/support/inPage.ts'
import type { WebKitPage } from './webKitPage.ts'

export async function signIn(page: WebKitPage, who: { name: string; pin: string }): Promise<void> {
  await page.find('heading', 'Who is using the tablet?', { level: 1, timeoutMs: 90_000 })
  await page.click('button', new RegExp(who.name))
  await page.fill('PIN (4 to 6 digits)', who.pin)
  await page.click('button', 'Sign in')
  await page.find('heading', /^Hello, /, { level: 1 })
}

export async function openFromHome(page: WebKitPage, tile: RegExp): Promise<void> {
  await page.click('button', 'Home')
  await page.click('button', tile)
}

/** Waits for the live camera, then takes a photo and waits until it is shown held. */
export async function takePhoto(page: WebKitPage): Promise<void> {
  await page.click('button', 'Take photo', { timeoutMs: 90_000 })
  await page.find('img', 'The photo just taken', { timeoutMs: 90_000 })
}

export async function tag(page: WebKitPage, ...firstNames: string[]): Promise<void> {
  for (const name of firstNames) await page.click('button', new RegExp(`^${name} `))
}

export async function confirmAll(page: WebKitPage): Promise<void> {
  for (const label of [
    /Everyone in the photo is fully dressed/,
    /No one in the photo has a visible injury/,
    /The children are happy to be photographed/,
  ]) {
    await page.check(label)
  }
}

export type { StoredSummary }

const readings = (page: WebKitPage) => pageReadings((fn, arg) => page.evaluate(fn, arg))

/** What the app's database holds, read with the raw IndexedDB API. */
export const storedSummary = (page: WebKitPage) => readings(page).storedSummary()
/** The stored full image of a photo, as bytes (whatever shape the app stores it in). */
export const storedImage = (page: WebKitPage, id: string) => readings(page).storedImage(id)
/** A small real JPEG made by WebKit's own encoder. */
export const browserJpeg = (page: WebKitPage) => readings(page).browserJpeg()
