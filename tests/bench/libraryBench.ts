/**
 * The setting's photo library on a setting with 20,000 photos (demo children, their real
 * consent records, 60 distinct thumbnails of ~20 kB), on SQLite:
 * - library.firstScreenRatio: the library's first screen (a signed page request of 60 photos,
 *   with each photo's state decided against today's consent, then its 60 thumbnails, six at a
 *   time as a browser fetches) / fetching the same 60 thumbnails alone. Goal ≤ 1.5.
 * - library.firstPageMs: the page request alone (median).
 * Rounds alternate (first screen, thumbnails alone) after a warm-up; medians of 7. Requests
 * carry the device credential and the signed-in manager's signature, as the app's do.
 */
import { randomBytes } from 'node:crypto'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildren } from '../../src/demo/index.ts'
import { PURPOSES, type Purpose } from '../../src/policy/index.ts'
import { LibraryPageSchema } from '../../src/protocol/index.ts'
import { signedHeaders, signingSeedOf } from '../support/signedStaff.ts'
import { enrolDevice } from '../support/serverFixtures.ts'
import { sha256Hex } from '../support/photoFixture.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

const PHOTOS = 20_000
const THUMBNAILS = 60
const ROUNDS = 7
const IN_FLIGHT = 6

type Device = { deviceId: string; credential: string }

async function seed(server: TestServer, device: Device): Promise<void> {
  const { db, photos } = server.services
  const thumbs: string[] = []
  for (let i = 0; i < THUMBNAILS; i++) {
    const bytes = new Uint8Array(randomBytes(20_000))
    bytes.set([0xff, 0xd8, 0xff, 0xe0])
    const checksum = sha256Hex(bytes)
    await photos.storeWhole(bytes, checksum)
    thumbs.push(checksum)
  }
  const children = demoChildren(new Date().toISOString()).map((c) => c.id)
  const start = Date.now() - PHOTOS * 60_000
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < PHOTOS; from += 500) {
      const batch = Array.from({ length: Math.min(500, PHOTOS - from) }, (_, k) => from + k)
      const rows = batch.map((i) => {
        const childIds = [children[i % children.length]!, children[(i * 7 + 3) % children.length]!]
        const purposes: Purpose[] = ['learning_journey', 'group_photo', PURPOSES[2 + (i % 5)]!]
        const meta = {
          id: `bench-photo-${i}`,
          takenAt: new Date(start + i * 60_000).toISOString(),
          staffId: DEMO_STAFF.keyworker.id,
          deviceId: device.deviceId,
          locationId: 'demo-loc-caterpillars',
          childIds: [...new Set(childIds)],
          purposes,
          caption: 'Building with blocks',
          adultInFrame: false,
          reason: null,
          decision: { verdict: 'allow', rules: [] },
          checksum: thumbs[0]!,
          bytes: 20_000,
          width: 2048,
          height: 1536,
          deleted: null,
          flaggedForRemoval: [],
        }
        return { i, meta }
      })
      await trx
        .insertInto('photos')
        .values(
          rows.map(({ i, meta }) => ({
            setting_id: DEMO_SETTING_ID,
            id: meta.id,
            device_id: device.deviceId,
            staff_id: meta.staffId,
            taken_at: meta.takenAt,
            checksum: meta.checksum,
            bytes: meta.bytes,
            meta: JSON.stringify(meta),
            received_at: meta.takenAt,
            stored_at: meta.takenAt,
            quarantined_at: null,
            quarantine_rules: null,
            quarantine_message: null,
            flags: '[]',
            thumbnail_checksum: thumbs[i % THUMBNAILS]!,
            thumbnail_bytes: 20_000,
          })),
        )
        .execute()
      await trx
        .insertInto('photo_children')
        .values(
          rows.flatMap(({ meta }) =>
            meta.childIds.map((child_id) => ({
              setting_id: DEMO_SETTING_ID,
              photo_id: meta.id,
              child_id,
            })),
          ),
        )
        .execute()
      await trx
        .insertInto('photo_purposes')
        .values(
          rows.flatMap(({ meta }) =>
            meta.purposes.map((purpose) => ({
              setting_id: DEMO_SETTING_ID,
              photo_id: meta.id,
              purpose,
            })),
          ),
        )
        .execute()
    }
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

export async function benchLibrary(): Promise<Record<string, number>> {
  const server = await startTestServer('sqlite')
  try {
    const device = await enrolDevice(server, DEMO_SETTING_ID)
    await seed(server, device)
    const who = {
      ...device,
      settingId: DEMO_SETTING_ID,
      staffId: DEMO_STAFF.manager.id,
      signingSeed: await signingSeedOf(server.services.db, DEMO_SETTING_ID, DEMO_STAFF.manager),
    }
    const get = async (path: string): Promise<Response> => {
      const headers = signedHeaders(who, 'GET', path)
      const response = await fetch(`${server.url}${path}`, { headers })
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
      return response
    }
    const thumbnails = async (ids: readonly string[]): Promise<void> => {
      const queue = [...ids]
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          await (await get(`/api/library/photos/${id}/thumbnail`)).arrayBuffer()
        }
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    }
    const page = async (): Promise<string[]> => {
      const body = LibraryPageSchema.parse(await (await get('/api/library/photos?limit=60')).json())
      return body.photos.map((p) => p.id)
    }
    const firstIds = await page()
    if (firstIds.length !== 60) throw new Error(`expected 60 photos, got ${firstIds.length}`)
    await thumbnails(firstIds)
    const screen: number[] = []
    const alone: number[] = []
    const pageOnly: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      let t = performance.now()
      const ids = await page()
      pageOnly.push(performance.now() - t)
      await thumbnails(ids)
      screen.push(performance.now() - t)
      t = performance.now()
      await thumbnails(firstIds)
      alone.push(performance.now() - t)
    }
    return {
      'library.firstScreenRatio': Number((median(screen) / median(alone)).toFixed(3)),
      'library.firstPageMs': Number(median(pageOnly).toFixed(1)),
    }
  } finally {
    await server.close()
  }
}
