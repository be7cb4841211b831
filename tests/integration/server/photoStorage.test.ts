// The server acknowledges only bytes it has verified on disk: a full disk (a real 2 MB tmpfs),
// writes that come back short, a file damaged after it was stored, and a crash between the last
// append and its finish. On SQLite and (with DATABASE_URL) PostgreSQL.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { fileSystemPhotoStore } from '../../../src/server/photoStore/fileSystemPhotoStore.ts'
import type { PhotoStore } from '../../../src/server/photoStore/PhotoStore.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { shortWrites, smallTmpfs, type Tmpfs } from '../../support/faultyDisk.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { enrolDevice, pushedPhoto } from '../../support/serverFixtures.ts'
import { enrolledDevice, failingFetch } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

/** Every file under `dir`, relative, except `keep`. */
function filesIn(dir: string, keep: string[] = []): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .filter((path) => !keep.includes(path))
}

describe.each(BACKENDS)('photo storage on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let realStore: PhotoStore

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    realStore = server.services.photos
    device = await enrolDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  const useStore = (store: PhotoStore) => {
    server.services.photos = store
  }
  const upload = (photoId: string, offset: number, body: Uint8Array<ArrayBuffer>) =>
    fetch(`${server.url}/api/sync/photos/${photoId}/content?offset=${offset}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${device.credential}`,
        'content-type': 'application/octet-stream',
      },
      body,
    }).then(async (response) => ({
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Record<string, unknown>,
    }))
  async function knownPhoto(size: number) {
    const bytes = photoBytes(size)
    const meta = await pushedPhoto(server, device, bytes)
    return { bytes, meta, key: { owner: device.deviceId, name: `${DEMO_SETTING_ID}/${meta.id}` } }
  }
  async function storedAt(photoId: string) {
    const row = await server.services.db
      .selectFrom('photos')
      .select('stored_at')
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()
    return row.stored_at
  }

  describe.skipIf(skip)('on a full disk (a real 2 MB tmpfs)', () => {
    let tmpfs: Tmpfs | { ok: false; reason: string }
    beforeAll(() => {
      tmpfs = smallTmpfs('2m')
      if (!tmpfs.ok) console.warn(`Skipping the tmpfs tests: ${tmpfs.reason}`)
    })
    afterAll(() => {
      useStore(realStore)
      if (tmpfs.ok) tmpfs.unmount()
    })

    it('answers a retryable 507, keeps nothing half-written, and takes the photo once there is room', async (context) => {
      if (!tmpfs.ok) return context.skip(tmpfs.reason)
      const photos = join(tmpfs.dir, 'photos')
      useStore(fileSystemPhotoStore(photos))
      const { bytes, meta, key } = await knownPhoto(307_200)
      // Leave about 250 KB: the photo was cut to 253,952 bytes and acknowledged.
      const filler = join(tmpfs.dir, 'filler')
      writeFileSync(filler, new Uint8Array(tmpfs.free() - 250_000))

      const whole = await upload(meta.id, 0, bytes)
      expect(whole).toMatchObject({
        status: 507,
        retryAfter: expect.any(String),
        body: {
          ok: false,
          error: { code: 'storage_full', message: expect.stringMatching(/full/) },
        },
      })
      expect(filesIn(tmpfs.dir, ['filler'])).toEqual([])
      expect(await storedAt(meta.id)).toBeNull()

      // In chunks: what fits is kept, the chunk that does not is cut back, not half-written.
      expect((await upload(meta.id, 0, bytes.slice(0, 200_000))).body).toMatchObject({
        received: 200_000,
        complete: false,
      })
      const last = await upload(meta.id, 200_000, bytes.slice(200_000))
      expect(last).toMatchObject({ status: 507, body: { error: { code: 'storage_full' } } })
      expect(await server.services.photos.partialSize(key)).toBe(200_000)
      expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(false)

      await rm(filler)
      const resumed = await upload(meta.id, 200_000, bytes.slice(200_000))
      expect(resumed.body).toEqual({
        ok: true,
        received: 307_200,
        complete: true,
        checksum: meta.checksum,
      })
      expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(true)
      expect(filesIn(photos).filter((f) => f.endsWith('.tmp') || f.startsWith('.partial'))).toEqual(
        [],
      )
    })
  })

  describe.skipIf(skip)('on a disk whose writes come back short', () => {
    afterAll(() => {
      useStore(realStore)
    })
    const root = () => join(server.dataDir, 'short-disk')

    it('writes every byte when the disk takes a little at a time', async () => {
      useStore(
        fileSystemPhotoStore(root(), {
          openFile: shortWrites((n) => ({ write: Math.min(n, 4096), report: Math.min(n, 4096) })),
        }),
      )
      const { bytes, meta } = await knownPhoto(100_000)
      expect((await upload(meta.id, 0, bytes)).body).toMatchObject({ complete: true })
      expect(
        Buffer.from(readFileSync(join(root(), meta.checksum.slice(0, 2), meta.checksum))).equals(
          bytes,
        ),
      ).toBe(true)
    })

    it('answers 507 when the disk stops taking bytes, and leaves no .tmp', async () => {
      let room = 50_000
      useStore(
        fileSystemPhotoStore(root(), {
          openFile: shortWrites((n) => {
            const take = Math.min(n, room)
            room -= take
            return { write: take, report: take }
          }),
        }),
      )
      const { bytes, meta } = await knownPhoto(120_000)
      expect(await upload(meta.id, 0, bytes)).toMatchObject({
        status: 507,
        body: { error: { code: 'storage_full' } },
      })
      expect(filesIn(root()).filter((f) => f.includes(meta.checksum))).toEqual([])
      expect(await storedAt(meta.id)).toBeNull()
    })

    it('answers 503 when the disk says it wrote what it did not, and acknowledges nothing', async () => {
      // A lying disk: it reports every byte written but keeps only half.
      useStore(
        fileSystemPhotoStore(root(), {
          openFile: shortWrites((n) => ({ write: Math.floor(n / 2), report: n })),
        }),
      )
      const { bytes, meta, key } = await knownPhoto(80_000)
      expect(await upload(meta.id, 0, bytes)).toMatchObject({
        status: 503,
        body: { error: { code: 'storage_failing' } },
      })
      expect(await upload(meta.id, 0, bytes.slice(0, 30_000))).toMatchObject({
        status: 503,
        body: { error: { code: 'storage_failing' } },
      })
      expect(await server.services.photos.partialSize(key)).toBe(0)
      expect(filesIn(root()).filter((f) => f.includes(meta.checksum))).toEqual([])
      expect(await storedAt(meta.id)).toBeNull()
    })
  })

  describe.skipIf(skip)('a tablet meeting a full store', () => {
    it('keeps every photo, still syncs the rest, and sends them when there is room', async () => {
      const full = shortWrites(() => ({ write: 0, report: 0 }))
      useStore(fileSystemPhotoStore(join(server.dataDir, 'photos'), { openFile: full }))
      const tablet = await enrolledDevice(server, DEMO_SETTING_ID)
      const first = await capturePhoto(tablet.db, { deviceId: tablet.deviceId, size: 30_000 })
      const second = await capturePhoto(tablet.db, { deviceId: tablet.deviceId, size: 30_000 })
      const refused = await syncOnce({ db: tablet.db })
      expect(refused).toMatchObject({
        ok: true,
        value: { uploaded: 0, photoProblems: [{ code: 'storage_full', status: 507 }] },
      })
      for (const { meta } of [first, second]) {
        expect((await tablet.db.photoImages.get(meta.id))?.full).toBeInstanceOf(Blob)
        expect((await tablet.db.photos.get(meta.id))?.syncState).not.toBe('sent')
      }
      useStore(realStore)
      expect(await syncOnce({ db: tablet.db })).toMatchObject({ ok: true, value: { uploaded: 2 } })
      expect((await tablet.db.photoImages.get(first.meta.id))?.full).toBeNull()
    })
  })

  describe.skipIf(skip)('a stored image damaged later', () => {
    it('is asked for again from the tablet, never reported as held', async () => {
      useStore(realStore)
      const { bytes, meta } = await knownPhoto(40_000)
      expect((await upload(meta.id, 0, bytes)).body).toMatchObject({ complete: true })
      const file = join(server.dataDir, 'photos', meta.checksum.slice(0, 2), meta.checksum)
      const damaged = readFileSync(file)
      damaged[1000] = (damaged[1000]! + 1) % 256 // same size, other bytes
      writeFileSync(file, damaged)
      expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(false)
      expect(await server.services.photos.read(meta.checksum)).toBeNull()
      const again = await upload(meta.id, 0, bytes.slice(0, 10_000))
      expect(again.body).toEqual({ ok: true, received: 10_000, complete: false })
      expect(await storedAt(meta.id)).toBeNull()
      const rest = await upload(meta.id, 10_000, bytes.slice(10_000))
      expect(rest.body).toMatchObject({ complete: true, checksum: meta.checksum })
      expect(Buffer.from(readFileSync(file)).equals(bytes)).toBe(true)
    })
  })

  describe.skipIf(skip)('a crash between the last append and its finish', () => {
    it('is finished when the tablet asks again, over HTTP', async () => {
      useStore(realStore)
      const { bytes, meta, key } = await knownPhoto(200_000)
      expect((await upload(meta.id, 0, bytes.slice(0, 64_000))).body).toMatchObject({
        received: 64_000,
      })
      // What the server left behind: every byte appended, never finished.
      expect(await server.services.photos.append(key, 64_000, bytes.slice(64_000))).toMatchObject({
        ok: true,
      })
      const retry = await upload(meta.id, 0, bytes.slice(0, 64_000))
      expect(retry.body).toEqual({
        ok: true,
        received: 200_000,
        complete: true,
        checksum: meta.checksum,
      })
      expect(await storedAt(meta.id)).not.toBeNull()
      expect(await server.services.photos.partialSize(key)).toBe(0)
    })

    it('is finished by the tablet’s next sync, which then lets its copy go', async () => {
      useStore(realStore)
      const tablet = await enrolledDevice(server, DEMO_SETTING_ID)
      const { meta, bytes } = await capturePhoto(tablet.db, {
        deviceId: tablet.deviceId,
        size: 300_000,
      })
      const noUploads = failingFetch((_url, init) => init?.method === 'PUT')
      expect(await syncOnce({ db: tablet.db, fetch: noUploads })).toMatchObject({ ok: false })
      const key = { owner: tablet.deviceId, name: `${DEMO_SETTING_ID}/${meta.id}` }
      expect(await server.services.photos.append(key, 0, bytes)).toMatchObject({
        ok: true,
        size: 300_000,
      })
      const next = await syncOnce({ db: tablet.db, chunkBytes: 64 * 1024 })
      expect(next).toMatchObject({ ok: true, value: { uploaded: 1, photoProblems: [] } })
      expect((await tablet.db.photoImages.get(meta.id))?.full).toBeNull()
      expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(true)
    })
  })

  describe.skipIf(skip)('what one tablet may hold in unfinished uploads', () => {
    it('is bounded, with a clear, retryable refusal', async () => {
      useStore(fileSystemPhotoStore(join(server.dataDir, 'photos'), { partialLimitBytes: 100_000 }))
      const { bytes, meta } = await knownPhoto(200_000)
      expect((await upload(meta.id, 0, bytes.slice(0, 64_000))).status).toBe(200)
      const over = await upload(meta.id, 64_000, bytes.slice(64_000, 128_000))
      expect(over).toMatchObject({
        status: 507,
        body: { error: { code: 'upload_limit', message: expect.stringMatching(/unfinished/) } },
      })
      useStore(realStore)
    })
  })
})
