// A seeded randomised sync test, in the manner of tldraw's sync fuzz: three tablets (the real
// sync client on fake-indexeddb) and the real server, joined by a deterministic network that
// drops requests, loses answers, delivers a request twice (once more much later, after the
// tablet's newer requests) and lets the tablets' requests overtake each other. Each tablet
// does random things a setting does: photos, consent recorded and withdrawn, a photo deleted,
// a sync round. Then the network heals, every tablet syncs, and every tablet and the server
// must agree, with nothing lost and nothing twice.
//
// The seed is printed. Replay a failure with FUZZ_SEED=<seed>; FUZZ_RUNS=<n> tries n seeds.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testSigner } from '../../support/testSigners.ts'
import {
  deletePhoto,
  recordConsent,
  savePhoto,
  withdrawConsent,
  type CaptureDraft,
  type EncodedPhoto,
} from '../../../src/db/index.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { PURPOSES, type Purpose } from '../../../src/policy/index.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { injectFetch } from '../../support/injectFetch.ts'
import { seededRandom, type Random } from '../../support/seededRandom.ts'
import { enrolledDevice, type Device } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'
import { CLEAR_ATTESTATIONS } from '../../support/policyFixture.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129)
const RUNS = Number(process.env.FUZZ_RUNS ?? 1)
const TABLETS = 3
const STEPS = 14
const CHILDREN = Object.values(DEMO_SHOWCASE).map((c) => c.id)
const MOTHER = { name: 'Rosa Parent', relationship: 'mother', parentalResponsibility: true }

/** One request a tablet has sent and waits on, with its bytes kept to send again. */
interface InFlight {
  tablet: number
  url: string
  init: RequestInit
  resolve: (answer: Response) => void
  reject: (error: unknown) => void
}

/**
 * The network between the tablets and the server. A request waits until the test's driver
 * picks it; the driver acts only when every tablet that is still busy is waiting on the
 * network, so what happens depends on the seed alone, never on timing.
 */
function chaosNetwork(reach: typeof fetch, random: Random, log: string[]) {
  const waiting: InFlight[] = []
  const late: InFlight[] = []
  let wake: (() => void) | null = null
  const poke = () => {
    wake?.()
    wake = null
  }
  let healed = false

  const send = (r: Pick<InFlight, 'url' | 'init'>) => reach(r.url, r.init)
  const what = (r: InFlight) => `${r.init.method ?? 'GET'} ${new URL(r.url).pathname}`

  return {
    fetchFor(tablet: number): typeof fetch {
      return async (input, init) => {
        const request = new Request(input, init)
        const body = request.body === null ? undefined : await request.arrayBuffer()
        const copy: RequestInit = { method: request.method, headers: request.headers, body }
        if (healed) return reach(request.url, copy)
        return new Promise<Response>((resolve, reject) => {
          waiting.push({ tablet, url: request.url, init: copy, resolve, reject })
          poke()
        })
      }
    },
    poke,
    /** Until every busy tablet waits on the network; false when none is busy any more. */
    async settled(busy: () => number): Promise<boolean> {
      while (new Set(waiting.map((r) => r.tablet)).size < busy()) {
        await new Promise<void>((resolve) => (wake = resolve))
      }
      return waiting.length > 0
    },
    /** Decides the fate of one waiting request (or delivers a late copy). */
    async step(): Promise<void> {
      if (late.length > 0 && random.chance(0.2)) {
        const copy = late.splice(random.int(late.length), 1)[0]!
        log.push(`late copy of tablet ${copy.tablet}'s ${what(copy)} arrives`)
        await send(copy).then((a) => a.arrayBuffer())
        return
      }
      waiting.sort((a, b) => a.tablet - b.tablet)
      const request = waiting.splice(random.int(waiting.length), 1)[0]!
      const roll = random.next()
      const name = `tablet ${request.tablet}: ${what(request)}`
      if (roll < 0.12) {
        log.push(`${name} dropped`)
        request.reject(new TypeError('fetch failed'))
      } else if (roll < 0.24) {
        log.push(`${name} delivered, answer lost`)
        await send(request).then((a) => a.arrayBuffer())
        request.reject(new TypeError('fetch failed'))
      } else if (roll < 0.34) {
        log.push(`${name} delivered, and a copy held back`)
        late.push(request)
        request.resolve(await send(request))
      } else if (roll < 0.4) {
        log.push(`${name} delivered twice at once`)
        await send(request).then((a) => a.arrayBuffer())
        request.resolve(await send(request))
      } else {
        log.push(`${name} delivered`)
        request.resolve(await send(request))
      }
    },
    /** The copies still held back arrive, and the network works from now on. */
    async heal(): Promise<void> {
      for (const copy of late.splice(0)) await send(copy).then((a) => a.arrayBuffer())
      healed = true
    },
  }
}

/** What the tablets did that must end up everywhere. */
interface Ledger {
  consents: Set<string>
  photos: Map<string, { checksum: string; deleted: boolean }>
}

function encodedPhoto(random: Random): EncodedPhoto {
  const bytes = new Uint8Array(6_000 + random.int(6_000))
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256)
  bytes.set([0xff, 0xd8, 0xff], 0)
  const thumbnail = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: 'image/jpeg' })
  return {
    image: new Blob([bytes], { type: 'image/jpeg' }),
    thumbnail,
    checksum: createHash('sha256').update(bytes).digest('hex'),
    width: 1600,
    height: 1200,
    bytes: bytes.byteLength,
  }
}

async function randomAction(
  device: Device,
  tablet: number,
  random: Random,
  at: () => string,
  ledger: Ledger,
  net: ReturnType<typeof chaosNetwork>,
  log: string[],
): Promise<void> {
  const { db } = device
  const roll = random.next()
  const child = random.pick(CHILDREN)
  if (roll < 0.35) {
    const result = await syncOnce({ db, fetch: net.fetchFor(tablet), chunkBytes: 4_096 })
    log.push(`tablet ${tablet} sync round: ${result.ok ? 'ok' : result.error.code}`)
  } else if (roll < 0.6) {
    const purposes: Purpose[] = random.chance(0.7) ? ['learning_journey'] : ['display']
    const draft: CaptureDraft = {
      photoId: globalThis.crypto.randomUUID(),
      takenAt: at(),
      locationId: 'demo-loc-garden',
      childIds: [child],
      purposes,
      adultInFrame: false,
      attestations: { ...CLEAR_ATTESTATIONS },
      caption: 'Building a tower',
      reason: null,
    }
    const encoded = encodedPhoto(random)
    const signer = await testSigner(db, DEMO_STAFF.practitioner.id)
    const saved = await savePhoto(db, draft, encoded, signer, draft.takenAt)
    log.push(`tablet ${tablet} photo of ${child}: ${saved.ok ? 'saved' : saved.error.code}`)
    if (saved.ok) ledger.photos.set(draft.photoId, { checksum: encoded.checksum, deleted: false })
  } else if (roll < 0.8) {
    const purpose = random.pick(PURPOSES)
    const decision = random.chance(0.7) ? 'granted' : 'refused'
    const manager = await testSigner(db, DEMO_STAFF.manager.id)
    const form = { childId: child, decisions: { [purpose]: decision }, givenBy: MOTHER }
    const result = await recordConsent(db, form, manager, at())
    expect(result.ok, `tablet ${tablet} records consent`).toBe(true)
    if (result.ok) for (const r of result.value.records) ledger.consents.add(r.id)
    log.push(`tablet ${tablet} consent ${purpose} ${decision} for ${child}`)
  } else if (roll < 0.9) {
    const purposes = random.chance(0.3) ? ('all' as const) : [random.pick(PURPOSES)]
    const manager = await testSigner(db, DEMO_STAFF.manager.id)
    const withdrawal = { childId: child, purposes, givenBy: MOTHER }
    const result = await withdrawConsent(db, withdrawal, manager, at())
    expect(result.ok, `tablet ${tablet} withdraws consent`).toBe(true)
    if (result.ok) for (const r of result.value.records) ledger.consents.add(r.id)
    log.push(`tablet ${tablet} withdraws ${String(purposes)} for ${child}`)
  } else {
    const mine = (await db.photos.toArray()).filter((p) => p.deleted === null)
    if (mine.length === 0) return
    const photo = random.pick(mine.sort((a, b) => a.takenAt.localeCompare(b.takenAt)))
    const signer = await testSigner(db, DEMO_STAFF.practitioner.id)
    const input = { photoId: photo.id, reason: 'Blurred' }
    const result = await deletePhoto(db, input, signer, at())
    expect(result.ok, `tablet ${tablet} deletes a photo`).toBe(true)
    ledger.photos.set(photo.id, { checksum: photo.checksum, deleted: true })
    log.push(`tablet ${tablet} deletes photo ${photo.id.slice(0, 8)}`)
  }
}

async function fuzz(server: TestServer, seed: number, log: string[]) {
  const random = seededRandom(seed)
  const reach = injectFetch(server.app)
  const net = chaosNetwork(reach, random, log)
  const devices: Device[] = []
  for (let t = 0; t < TABLETS; t++) {
    const device = await enrolledDevice(server, DEMO_SETTING_ID)
    const first = await syncOnce({ db: device.db, fetch: reach })
    expect(first.ok).toBe(true)
    devices.push(device)
  }
  // Each action a second later than the one before: "the newer wins" never sees a tie.
  let ticks = 0
  const start = Date.now() - 3 * 3_600_000
  const at = () => new Date(start + 1_000 * ++ticks).toISOString()
  const ledger: Ledger = { consents: new Set(), photos: new Map() }

  let busy = TABLETS
  const scripts = devices.map(async (device, t) => {
    const own = seededRandom(seed * 7 + t + 1)
    try {
      for (let s = 0; s < STEPS; s++) await randomAction(device, t, own, at, ledger, net, log)
    } finally {
      busy -= 1
      net.poke()
    }
  })
  while (await net.settled(() => busy)) await net.step()
  await Promise.all(scripts)
  await net.heal()

  // The network heals: every tablet syncs until it has nothing left to send, then once more so
  // that each has pulled what the others sent last.
  for (let pass = 0; pass < 3; pass++) {
    for (const device of devices) {
      const result = await syncOnce({ db: device.db, fetch: reach })
      expect(result.ok, result.ok ? '' : result.error.message).toBe(true)
    }
  }
  return { devices, ledger }
}

describe('sync fuzz', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer('sqlite')
  })
  afterAll(async () => {
    await server.close()
  })

  for (let run = 0; run < RUNS; run++) {
    const seed = SEED + run
    it(`seed ${seed}: every tablet and the server agree, nothing lost or twice`, async () => {
      console.log(`sync fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`)
      const log: string[] = []
      try {
        await agreeAfter(server, seed, log)
      } catch (error) {
        console.log(`sync fuzz seed ${seed} failed; what happened:\n${log.join('\n')}`)
        throw error
      }
    }, 180_000)
  }
})

async function agreeAfter(server: TestServer, seed: number, log: string[]): Promise<void> {
  const { devices, ledger } = await fuzz(server, seed, log)
  const db = server.services.db
  const serverConsents = new Map(
    (
      await db
        .selectFrom('entities')
        .select(['id', 'payload'])
        .where('setting_id', '=', DEMO_SETTING_ID)
        .where('kind', '=', 'consent')
        .execute()
    ).map((row) => [row.id, JSON.parse(row.payload) as Record<string, unknown>]),
  )
  const serverPhotos = await db
    .selectFrom('photos')
    .select(['id', 'device_id', 'checksum', 'stored_at', 'erased_at'])
    .where('setting_id', '=', DEMO_SETTING_ID)
    .execute()

  // Every consent any tablet recorded reached the server, once.
  for (const id of ledger.consents) expect(serverConsents.has(id), `consent ${id}`).toBe(true)

  // Every photo saved reached the server once, with its bytes unless it was deleted.
  const ours = new Set(devices.map((d) => d.deviceId))
  const photosFromTablets = serverPhotos.filter((p) => ours.has(p.device_id))
  expect(photosFromTablets.map((p) => p.id).sort()).toEqual([...ledger.photos.keys()].sort())
  for (const photo of photosFromTablets) {
    const made = ledger.photos.get(photo.id)!
    expect(photo.checksum).toBe(made.checksum)
    if (made.deleted) expect(photo.erased_at, `deleted photo ${photo.id}`).not.toBeNull()
    else expect(photo.stored_at, `kept photo ${photo.id}`).not.toBeNull()
  }

  for (const [t, device] of devices.entries()) {
    // Nothing left to send, nothing half sent.
    expect(await device.db.outbox.count(), `tablet ${t}'s outbox`).toBe(0)
    for (const photo of await device.db.photos.toArray()) {
      if (photo.deleted === null) expect(photo.syncState, `tablet ${t} photo`).toBe('sent')
    }
    // The same consent history as the server, record for record.
    const held = await device.db.consents.toArray()
    expect(held.map((c) => c.id).sort(), `tablet ${t}'s consents`).toEqual(
      [...serverConsents.keys()].sort(),
    )
    for (const record of held) {
      const { status, supersedes, purpose, childId, recordedAt } = record
      expect(serverConsents.get(record.id)).toMatchObject({
        status,
        supersedes,
        purpose,
        childId,
        recordedAt,
      })
    }
    // Its whole audit chain arrived, each event once.
    const chain = await db
      .selectFrom('device_audit')
      .select(['seq', 'hash'])
      .where('device_id', '=', device.deviceId)
      .orderBy('seq')
      .execute()
    const local = (await device.db.audit.where('deviceId').equals(device.deviceId).toArray()).sort(
      (a, b) => a.seq - b.seq,
    )
    expect(local.length, `tablet ${t}'s audit chain`).toBeGreaterThan(0)
    expect(
      chain.map((e) => e.hash),
      `tablet ${t}'s audit chain`,
    ).toEqual(local.map((e) => e.hash))
  }
}
