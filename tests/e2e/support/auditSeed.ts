// Seeds a day's photos and audit events straight into the app's IndexedDB, for the audit e2e.
// The audit events are chained here with the browser's own WebCrypto and a separate canonical
// JSON, so the app calling this chain "intact" also shows that an independent implementation
// of the chain format (as the server will have) agrees with src/audit.
import type { Page } from 'playwright-core'

export type SeededDay = {
  photos: { id: string; takenAt: string; staffName: string; children: string[]; reason: string }[]
  blockedChild: string
  untaggedChild: string
  deletedPhotoId: string
}

/** Runs in the page. Only arrow functions: the function is sent to the browser as text. */
const seedInPage = async (): Promise<SeededDay> => {
  const req = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => {
        resolve(r.result)
      }
      r.onerror = () => {
        reject(new Error(String(r.error)))
      }
    })
  const db = await req(indexedDB.open('consentlens'))
  const read = db.transaction(['children', 'staff', 'audit'], 'readonly')
  const children = (await req(read.objectStore('children').getAll())) as {
    id: string
    firstName: string
    lastName: string
  }[]
  const staff = (await req(read.objectStore('staff').getAll())) as { id: string; name: string }[]
  const range = IDBKeyRange.bound(['demo-device', 0], ['demo-device', Infinity])
  const cursor = await req(
    read.objectStore('audit').index('[deviceId+seq]').openCursor(range, 'prev'),
  )
  const last = cursor?.value as { seq: number; hash: string } | undefined
  const sam = staff.find((s) => s.name === 'Sam Okafor')!.id
  const morgan = staff.find((s) => s.name === 'Morgan Ellery')!.id
  const [c0, c1, c2] = children.slice(0, 3)
  const name = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`
  const minute = (n: number) => new Date(Date.now() - n * 60_000).toISOString()
  const canvas = new OffscreenCanvas(160, 120)
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#3d8b6e'
  ctx.fillRect(0, 0, 160, 120)
  const thumbnail = await canvas.convertToBlob({ type: 'image/jpeg' })
  const photo = (id: string, n: number, staffId: string, kids: string[], extra: object) => ({
    id,
    takenAt: minute(n),
    staffId,
    deviceId: 'demo-device',
    locationId: 'demo-loc-caterpillars',
    childIds: kids,
    purposes: ['learning_journey'],
    caption: 'Sand tray',
    adultInFrame: false,
    reason: null,
    decision: { verdict: 'allow', rules: [], findings: [], permittedPurposes: [] },
    checksum: 'ab'.repeat(32),
    bytes: 100,
    width: 2048,
    height: 1536,
    syncState: 'waiting',
    deleted: null,
    flaggedForRemoval: [],
    ...extra,
  })
  const photos = [
    photo('e2e-photo-1', 6, sam, [c0!.id, c1!.id], {}),
    photo('e2e-photo-2', 5, morgan, [c2!.id], {
      purposes: ['display'],
      reason: '=1+1 agreed with parent',
      syncState: 'sent',
      flaggedForRemoval: [{ at: minute(1), childId: c2!.id, purposes: ['display'] }],
    }),
    photo('e2e-photo-3', 4, sam, [c0!.id], {
      deleted: { at: minute(2), by: morgan, reason: 'Eyes closed' },
    }),
  ]
  const raw = [
    ...photos.map((p) => ({
      at: p.takenAt,
      staffId: p.staffId,
      type: 'photo-saved',
      details: { photoId: p.id },
    })),
    {
      at: minute(3),
      staffId: sam,
      type: 'capture-blocked',
      details: {
        captureId: 'x',
        locationId: 'demo-loc-caterpillars',
        childIds: [c1!.id],
        purposes: ['website'],
        rules: ['consent-refused'],
      },
    },
    {
      at: minute(3),
      staffId: sam,
      type: 'capture-tag-removed',
      details: {
        captureId: 'y',
        locationId: 'demo-loc-caterpillars',
        childIds: [c0!.id, c2!.id],
        rules: ['consent-withdrawn'],
        removedChildId: c2!.id,
        confirmed: 'not in this photo',
      },
    },
    {
      at: minute(2),
      staffId: morgan,
      type: 'photo-deleted',
      details: { photoId: 'e2e-photo-3', reason: 'Eyes closed', childIds: [c0!.id] },
    },
  ]
  const canon = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canon).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v)
  const hex = async (text: string) =>
    [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
  const events = []
  let prevHash = last?.hash ?? '0'.repeat(64)
  for (const [i, event] of raw.entries()) {
    const withPrev = {
      ...event,
      id: `e2e-event-${i}`,
      deviceId: 'demo-device',
      seq: (last?.seq ?? 0) + i + 1,
      prevHash,
    }
    const hash = await hex(prevHash + canon(withPrev))
    events.push({ ...withPrev, hash })
    prevHash = hash
  }
  const write = db.transaction(['photos', 'photoImages', 'audit'], 'readwrite')
  for (const p of photos) write.objectStore('photos').add(p)
  for (const p of photos.slice(0, 2))
    write.objectStore('photoImages').add({ photoId: p.id, full: null, thumbnail })
  for (const e of events) write.objectStore('audit').add(e)
  await new Promise((resolve, reject) => {
    write.oncomplete = resolve
    write.onerror = () => {
      reject(new Error(String(write.error)))
    }
  })
  db.close()
  const staffName = (id: string) => staff.find((s) => s.id === id)!.name
  return {
    photos: photos.map((p) => ({
      id: p.id,
      takenAt: p.takenAt,
      staffName: staffName(p.staffId),
      children: p.childIds.map((id) => name(children.find((c) => c.id === id)!)),
      reason: typeof p.reason === 'string' ? p.reason : '',
    })),
    blockedChild: name(c1!),
    untaggedChild: name(c2!),
    deletedPhotoId: 'e2e-photo-3',
  }
}

export function seedAuditDay(page: Page): Promise<SeededDay> {
  return page.evaluate(seedInPage)
}

/** The audit events of type `type` now in the app's database. */
export function auditEventsOfType(page: Page, type: string): Promise<unknown[]> {
  return page.evaluate(async (wanted) => {
    const open = indexedDB.open('consentlens')
    const db = await new Promise<IDBDatabase>((resolve) => {
      open.onsuccess = () => {
        resolve(open.result)
      }
    })
    const all = db.transaction('audit').objectStore('audit').getAll()
    const rows = await new Promise<{ type: string }[]>((resolve) => {
      all.onsuccess = () => {
        resolve(all.result as { type: string }[])
      }
    })
    db.close()
    return rows.filter((r) => r.type === wanted)
  }, type)
}
