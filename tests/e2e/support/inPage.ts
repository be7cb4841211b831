// Functions that run inside the page under test, shared by the Chromium e2e tests (Playwright's
// page.evaluate) and the WebKit flows (WebDriver, tests/webkit/support/webKitPage.ts). Both send
// the function to the browser as text, so each one is self-contained: arrow functions only,
// nothing from outside its own body. They read the app's database ("consentlens") with the raw
// IndexedDB API, never through the app's code, so that what they report is independent proof.

export type StoredSummary = {
  photos: {
    id: string
    purposes: string[]
    childIds: string[]
    /** The parents' conditions the person acknowledged when saving (absent when none). */
    conditionsAcknowledged?: unknown
  }[]
  photoImages: number
  /** Blobs anywhere in any table: a blocked photo must leave none. */
  blobs: number
  auditTypes: string[]
  blockedRules: string[][]
}

/** What the tablet holds: its photos, their images, every Blob, the audit's event types. */
export const storedSummaryInPage = async (): Promise<StoredSummary> => {
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
  type Row = StoredSummary['photos'][number]
  type Event = { type: string; details: { rules?: string[] } }
  const photos = (await all('photos')) as Row[]
  const audit = (await all('audit')) as Event[]
  const photoImages = (await all('photoImages')).length
  db.close()
  return {
    photos: photos.map(({ id, purposes, childIds, conditionsAcknowledged }) => ({
      id,
      purposes,
      childIds,
      conditionsAcknowledged,
    })),
    photoImages,
    blobs,
    auditTypes: audit.map((e) => e.type),
    blockedRules: audit
      .filter((e) => e.type === 'capture-blocked')
      .map((e) => e.details.rules ?? []),
  }
}

/** The stored full image of photo `id`, as bytes (none when it has no full image). */
export const storedImageInPage = async (id: string): Promise<number[]> => {
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
}

/** A small real JPEG (640 × 480) made by the browser's own encoder. */
export const browserJpegInPage = async (): Promise<number[]> => {
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
}

/** How a browser driver runs one of these functions in its page, with one text argument. */
export type RunInPage = <T>(fn: (arg: string) => Promise<T>, arg: string) => Promise<T>

/** The readings above, for a page that `run` drives (Playwright's or WebDriver's). */
export function pageReadings(run: RunInPage) {
  return {
    storedSummary: () => run(storedSummaryInPage, ''),
    storedImage: async (photoId: string) => new Uint8Array(await run(storedImageInPage, photoId)),
    browserJpeg: async () => new Uint8Array(await run(browserJpegInPage, '')),
  }
}
