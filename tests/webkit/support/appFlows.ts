// The app's steps for the WebKit flows, mirroring tests/e2e/support (signIn.ts, capture.ts):
// sign in, open a screen from Home, take and tag a photo, and read the page's IndexedDB
// directly (not through the app's code) to prove what was stored.
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

export type StoredSummary = {
  photos: { id: string; purposes: string[]; childIds: string[] }[]
  photoImages: number
  auditTypes: string[]
}

/** Reads the app's database ("consentlens") with the raw IndexedDB API. */
export function storedSummary(page: WebKitPage): Promise<StoredSummary> {
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
    type Row = { id: string; purposes: string[]; childIds: string[] }
    const photos = (await all('photos')) as Row[]
    const audit = (await all('audit')) as { type: string }[]
    const photoImages = (await all('photoImages')).length
    db.close()
    return {
      photos: photos.map(({ id, purposes, childIds }) => ({ id, purposes, childIds })),
      photoImages,
      auditTypes: audit.map((e) => e.type),
    }
  })
}

/** The stored full image of a photo, as bytes (whatever shape the app stores it in). */
export async function storedImage(page: WebKitPage, photoId: string): Promise<Uint8Array> {
  const bytes = await page.evaluate(async (id: string) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('consentlens')
      request.onsuccess = () => {
        resolve(request.result)
      }
    })
    const row = await new Promise<{ full: unknown } | undefined>((resolve) => {
      const request = db.transaction('photoImages').objectStore('photoImages').get(id)
      request.onsuccess = () => {
        resolve(request.result as { full: unknown } | undefined)
      }
    })
    db.close()
    const full = row?.full
    if (full instanceof Blob) return Array.from(new Uint8Array(await full.arrayBuffer()))
    if (full instanceof ArrayBuffer) return Array.from(new Uint8Array(full))
    if (ArrayBuffer.isView(full)) return Array.from(new Uint8Array(full.buffer))
    return []
  }, photoId)
  return new Uint8Array(bytes)
}

/** A small real JPEG made by WebKit's own encoder. */
export async function browserJpeg(page: WebKitPage): Promise<Uint8Array> {
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
