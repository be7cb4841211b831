/**
 * The load benchmark's simulated tablets: each is the real sync client on its own Dexie
 * database (fake-indexeddb), enrolled over HTTP into a setting of the bench server. What they
 * do offline is written the way the app writes it (a photo with its outbox entry; a consent
 * record with its outbox entry), in bulk where the app would write one at a time, so that
 * preparing thirty tablets stays short.
 *
 * Every request a tablet makes goes through `timedFetch`, which records how long each kind of
 * request took (push, upload, pull, audit, live), so the figures say where the time went.
 * When staff proofs are required on pushed changes, `actor` is the one place that signs in.
 */
import 'fake-indexeddb/auto'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF, demoChildren } from '../../src/demo/index.ts'
import { withdrawConsent, type StoredConsent } from '../../src/db/index.ts'
import type { Signer } from '../../src/db/outbox.ts'
import { enqueueOutbox } from '../../src/db/outbox.ts'
import { demoSigningSeed } from '../support/testSigners.ts'
import { syncOnce, type SyncOutcome } from '../../src/sync/index.ts'
import type { Fetch } from '../../src/sync/syncApi.ts'
import { getEnrolment, openSyncState } from '../../src/sync/syncStateDb.ts'
import { waitingPhotos } from '../../src/sync/uploadPhotos.ts'
import { capturePhoto } from '../support/capturedPhoto.ts'
import { enrolledDevice, type BenchServer, type Device } from './syncBench.ts'

export const PHOTO_BYTES = 300 * 1024

export type RequestKind = 'push' | 'upload' | 'pull' | 'audit' | 'live' | 'other'

/** Request durations by kind, in ms, for every tablet that shares it. */
export type Timings = Record<RequestKind, number[]>

export function newTimings(): Timings {
  return { push: [], upload: [], pull: [], audit: [], live: [], other: [] }
}

function kindOf(url: string): RequestKind {
  if (url.includes('/api/sync/push')) return 'push'
  if (url.includes('/content')) return 'upload'
  if (url.includes('/api/sync/pull')) return 'pull'
  if (url.includes('/api/sync/audit')) return 'audit'
  if (url.includes('/api/sync/live')) return 'live'
  return 'other'
}

export function timedFetch(timings: Timings): Fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const kind = kindOf(url)
    const start = performance.now()
    const response = await globalThis.fetch(input, init)
    if (kind === 'live') return response
    // The clock stops when the caller has read the body, by whichever reader it uses. The
    // response is handed on, not copied: a copy (`new Response(text, { headers })`) cost the
    // simulated tablets about a twentieth of their CPU, which no real tablet spends.
    let stopped = false
    const stop = () => {
      if (stopped) return
      stopped = true
      timings[kind].push(performance.now() - start)
    }
    for (const reader of ['text', 'json', 'arrayBuffer', 'blob'] as const) {
      const read = response[reader].bind(response) as () => Promise<unknown>
      Object.defineProperty(response, reader, { value: () => read().finally(stop) })
    }
    return response
  }
}

export interface Tablet extends Device {
  settingId: string
  fetch: Fetch
}

/**
 * Who acts on the tablets: the demo manager (may record and withdraw consent), signed in as
 * their session would be, with the signing seed their demo PIN gives (testSigners.ts, which
 * proves those seeds against PBKDF2), so every change carries a proof the server accepts.
 */
export const actor: Signer = {
  id: DEMO_STAFF.manager.id,
  signingSeed: demoSigningSeed(DEMO_STAFF.manager.id) ?? new Uint8Array(),
}

export async function newTablet(
  server: BenchServer,
  settingId: string,
  timings: Timings,
): Promise<Tablet> {
  const device = await enrolledDevice(server, settingId)
  const tablet = { ...device, settingId, fetch: timedFetch(timings) }
  const first = await syncOnce({ db: tablet.db, fetch: tablet.fetch })
  if (!first.ok) throw new Error(`first sync failed: ${first.error.message}`)
  return tablet
}

/** Tables a tablet fills from its setting's data (not its own photos, outbox or audit). */
const SETTING_TABLES = [
  'setting',
  'rooms',
  'locations',
  'children',
  'consents',
  'injuries',
  'staff',
]

/**
 * A tablet of a setting whose first tablet has already pulled: enrolled over HTTP as any
 * other, then given that tablet's copy of the setting and pull cursor, as if its own first
 * pull had brought them (what the steady day measures starts after that pull).
 */
async function likeTablet(
  server: BenchServer,
  template: Tablet,
  timings: Timings,
): Promise<Tablet> {
  const device = await enrolledDevice(server, template.settingId)
  const tablet = { ...device, settingId: template.settingId, fetch: timedFetch(timings) }
  for (const name of SETTING_TABLES)
    await tablet.db.table(name).bulkPut(await template.db.table(name).toArray())
  const from = openSyncState(template.db.name)
  const to = openSyncState(tablet.db.name)
  const cursor = (await getEnrolment(from))?.cursor ?? 0
  await to.state.update('enrolment', { cursor })
  from.close()
  to.close()
  await tablet.db.device.update(tablet.deviceId, { consentDataSyncedAt: new Date().toISOString() })
  return tablet
}

/** Creates tablets `concurrency` at a time; the first of each setting pulls it for the rest. */
export async function newTablets(
  server: BenchServer,
  settingIds: string[],
  timings: Timings,
  concurrency = 8,
): Promise<Tablet[]> {
  const templates = new Map<string, Promise<Tablet>>()
  const tablets: Tablet[] = new Array<Tablet>(settingIds.length)
  let next = 0
  const worker = async () => {
    while (next < settingIds.length) {
      const i = next++
      const settingId = settingIds[i]!
      const template = templates.get(settingId)
      if (template === undefined) {
        const first = newTablet(server, settingId, timings)
        templates.set(settingId, first)
        tablets[i] = await first
      } else {
        tablets[i] = await likeTablet(server, await template, timings)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return tablets
}

const CHILD_IDS = demoChildren(new Date().toISOString()).map((c) => c.id)

/** A parent's grant for one child and purpose, written with its outbox entry. */
function grant(childId: string, at: string): StoredConsent {
  return {
    id: globalThis.crypto.randomUUID(),
    childId,
    purpose: 'learning_journey',
    status: 'granted',
    givenBy: { name: 'Bench Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: at,
    recordedBy: actor.id,
    reviewDue: null,
    supersedes: null,
    formRef: 'BENCH',
  }
}

export async function addConsents(tablet: Tablet, times: readonly string[]): Promise<void> {
  const { db } = tablet
  const records = times.map((at, i) => grant(CHILD_IDS[i % CHILD_IDS.length]!, at))
  await db.transaction('rw', [db.consents, db.outbox, db.device], async () => {
    await db.consents.bulkAdd(records)
    for (const payload of records)
      await enqueueOutbox(db, { kind: 'consent', payload, actor }, payload.recordedAt)
  })
}

export async function addPhoto(tablet: Tablet, at: string): Promise<void> {
  await capturePhoto(tablet.db, { deviceId: tablet.deviceId, size: PHOTO_BYTES, at })
}

/** A day offline: `changes` outbox entries, `photos` of them photos, spread over the day. */
export async function dayOffline(tablet: Tablet, changes: number, photos: number): Promise<void> {
  const start = Date.now() - 24 * 3_600_000
  const step = (20 * 3_600_000) / changes
  const times = Array.from({ length: changes }, (_, i) => new Date(start + i * step).toISOString())
  const every = Math.floor(changes / photos)
  const photoTimes = times.filter((_, i) => i % every === every - 1).slice(0, photos)
  const consentTimes = times.filter((t) => !photoTimes.includes(t))
  await addConsents(tablet, consentTimes)
  for (const at of photoTimes) await addPhoto(tablet, at)
}

/** Withdraws the learning-journey consent of the all-granted showcase child. */
export async function withdraw(tablet: Tablet): Promise<string> {
  const result = await withdrawConsent(
    tablet.db,
    {
      childId: DEMO_SHOWCASE.allGranted.id,
      purposes: ['learning_journey'],
      givenBy: { name: 'Bench Parent', relationship: 'mother', parentalResponsibility: true },
    },
    actor,
    new Date().toISOString(),
  )
  if (!result.ok) throw new Error(result.error.message)
  return result.value.records[0]!.id
}

/** Syncs until the tablet has nothing left to send; returns the problems met. */
export async function sendAll(tablet: Tablet): Promise<string[]> {
  const problems: string[] = []
  for (let i = 0; i < 5; i++) {
    const outcome = await syncOnce({ db: tablet.db, fetch: tablet.fetch })
    problems.push(...problemsOf(outcome))
    const left = (await tablet.db.outbox.count()) + (await waitingPhotos(tablet.db)).length
    if (left === 0) return problems
  }
  return [...problems, 'changes or photos were still waiting after five rounds']
}

/** Problems a round reports: a failed round, a refused change, a photo that did not go. */
export function problemsOf(outcome: SyncOutcome): string[] {
  if (!outcome.ok) return [outcome.error.message]
  return [
    ...outcome.value.push.refused.map((r) => r.message),
    ...outcome.value.photoProblems.map((p) => p.message),
  ]
}

export function settingIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
}

export { DEMO_SETTING_ID }
