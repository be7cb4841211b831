// Several whole photos in one request (protocol/photoBatch.ts), through the real HTTP server on
// SQLite and (with DATABASE_URL) PostgreSQL: each photo is answered on its own, by the rules of
// a one-photo upload; a body that does not add up is refused whole with 400 and stores nothing.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import {
  MAX_BATCH_PARTS_BYTES,
  MAX_BATCH_PHOTOS,
  MAX_CHUNK_BYTES,
  type PhotoBatchPart,
  type PhotoMetaWire,
} from '../../../src/protocol/index.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { enrolDevice, pushedPhoto } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function thumbnailBytes(seed: number): Uint8Array {
  const bytes = new Uint8Array(1_500)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 17 + seed) % 251
  return bytes
}

interface Part {
  photoId: string
  image: Uint8Array
  thumbnail?: Uint8Array
}

/** The batch's body as the protocol gives it; `manifest` replaces the one the parts make. */
function batchBody(parts: Part[], manifest?: unknown): Uint8Array<ArrayBuffer> {
  const made = {
    photos: parts.map((p): PhotoBatchPart => ({
      photoId: p.photoId,
      imageBytes: p.image.byteLength,
      thumbnailBytes: p.thumbnail?.byteLength ?? 0,
    })),
  }
  const json = Buffer.from(JSON.stringify(manifest ?? made))
  const head = Buffer.alloc(4)
  head.writeUInt32BE(json.byteLength)
  const pieces = parts.flatMap((p) => (p.thumbnail ? [p.image, p.thumbnail] : [p.image]))
  return new Uint8Array(Buffer.concat([head, json, ...pieces]))
}

describe.each(BACKENDS)('a batch of photos on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    device = await enrolDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  async function send(body: Uint8Array<ArrayBuffer>) {
    const response = await fetch(`${server.url}/api/sync/photos/content`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${device.credential}`,
        'content-type': 'application/octet-stream',
      },
      body,
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  async function knownPhotos(count: number, size = 30_000) {
    const photos: { bytes: Uint8Array<ArrayBuffer>; meta: PhotoMetaWire }[] = []
    for (let i = 0; i < count; i++) {
      const bytes = photoBytes(size + i)
      photos.push({ bytes, meta: await pushedPhoto(server, device, bytes) })
    }
    return photos
  }
  const rows = (ids: string[]) =>
    server.services.db
      .selectFrom('photos')
      .select(['id', 'stored_at', 'thumbnail_checksum'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
  const storedEvents = async (id: string) =>
    (
      await server.services.db
        .selectFrom('server_audit')
        .select('details')
        .where('type', '=', 'photo-stored')
        .execute()
    ).filter((e) => (JSON.parse(e.details) as { photoId: string }).photoId === id).length

  it.skipIf(skip)('stores each photo and its thumbnail, and answers each', async () => {
    const photos = await knownPhotos(3)
    const parts = photos.map((p, i) => ({
      photoId: p.meta.id,
      image: p.bytes,
      ...(i === 1 ? {} : { thumbnail: thumbnailBytes(i) }),
    }))
    const answer = await send(batchBody(parts))
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      ok: true,
      results: photos.map((p, i) => ({
        photoId: p.meta.id,
        ok: true,
        received: p.meta.bytes,
        complete: true,
        checksum: p.meta.checksum,
        ...(i === 1 ? {} : { thumbnail: { ok: true, checksum: sha256(thumbnailBytes(i)) } }),
      })),
    })
    for (const { meta } of photos) {
      expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(true)
      expect(await storedEvents(meta.id)).toBe(1)
    }
    const held = await rows(photos.map((p) => p.meta.id))
    expect(held.every((r) => r.stored_at !== null)).toBe(true)
    expect(held.filter((r) => r.thumbnail_checksum !== null)).toHaveLength(2)
    // Sent again (the answer was lost): the same photos, nothing stored twice.
    const again = await send(batchBody(parts))
    expect((again.body.results as { complete: boolean }[]).map((r) => r.complete)).toEqual([
      true,
      true,
      true,
    ])
    for (const { meta } of photos) expect(await storedEvents(meta.id)).toBe(1)
  })

  it.skipIf(skip)('refuses one photo without refusing the others', async () => {
    const [good, damaged] = await knownPhotos(2)
    // As many bytes as the photo has, but not its bytes.
    const wrong = photoBytes(damaged!.meta.bytes)
    const answer = await send(
      batchBody([
        { photoId: 'never-pushed', image: photoBytes(1_000) },
        { photoId: damaged!.meta.id, image: wrong },
        { photoId: good!.meta.id, image: good!.bytes },
      ]),
    )
    expect(answer).toMatchObject({
      status: 200,
      body: {
        ok: true,
        results: [
          { photoId: 'never-pushed', status: 409, ok: false, error: { code: 'photo_unknown' } },
          { photoId: damaged!.meta.id, status: 422, error: { code: 'checksum_mismatch' } },
          { photoId: good!.meta.id, ok: true, complete: true, checksum: good!.meta.checksum },
        ],
      },
    })
    const held = await rows([good!.meta.id, damaged!.meta.id])
    expect(held.find((r) => r.id === damaged!.meta.id)?.stored_at).toBeNull()
    expect(held.find((r) => r.id === good!.meta.id)?.stored_at).not.toBeNull()
  })

  it.skipIf(skip)('finishes a photo whose chunked upload was cut off, from the start', async () => {
    const [photo] = await knownPhotos(1, 50_000)
    const first = await fetch(`${server.url}/api/sync/photos/${photo!.meta.id}/content?offset=0`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${device.credential}`,
        'content-type': 'application/octet-stream',
      },
      body: photo!.bytes.slice(0, 20_000),
    })
    expect(first.status).toBe(200)
    const answer = await send(batchBody([{ photoId: photo!.meta.id, image: photo!.bytes }]))
    expect(answer.body).toMatchObject({ results: [{ complete: true }] })
    const key = { owner: device.deviceId, name: `${DEMO_SETTING_ID}/${photo!.meta.id}` }
    expect(await server.services.photos.partialSize(key)).toBe(0)
    expect(await storedEvents(photo!.meta.id)).toBe(1)
  })

  const manifestOf = (parts: Part[]) => ({
    photos: parts.map((p) => ({
      photoId: p.photoId,
      imageBytes: p.image.byteLength,
      thumbnailBytes: 0,
    })),
  })
  const malformed: [string, (parts: Part[]) => Uint8Array<ArrayBuffer>][] = [
    ['too short for a manifest', () => new Uint8Array([0, 0])],
    [
      'a manifest length beyond the body',
      (parts) => {
        const body = batchBody(parts)
        new DataView(body.buffer).setUint32(0, body.byteLength)
        return body
      },
    ],
    [
      'a manifest that is not JSON',
      (parts) => {
        const body = batchBody(parts)
        body[5] = 0x7b // "{" twice
        return body
      },
    ],
    ['no photos', (parts) => batchBody(parts, { photos: [] })],
    [
      'too many photos',
      (parts) =>
        batchBody(parts, {
          photos: Array.from({ length: MAX_BATCH_PHOTOS + 1 }, () => manifestOf(parts).photos[0]),
        }),
    ],
    ['bytes beyond its sizes', (parts) => batchBody(parts, manifestOf(parts.slice(0, 1)))],
    [
      'sizes beyond the body',
      (parts) => {
        const manifest = manifestOf(parts)
        manifest.photos[0]!.imageBytes += 1
        return batchBody(parts, manifest)
      },
    ],
    ['the same photo twice', (parts) => batchBody([parts[0]!, { ...parts[0]! }])],
    [
      'a photo bigger than a chunk',
      (parts) => {
        const manifest = manifestOf(parts)
        manifest.photos[0]!.imageBytes = MAX_CHUNK_BYTES + 1
        return batchBody(parts, manifest)
      },
    ],
  ]

  it.skipIf(skip).each(malformed)(
    'refuses a body with %s in words, and stores nothing',
    async (_what, make) => {
      const photos = await knownPhotos(2)
      const parts = photos.map((p) => ({ photoId: p.meta.id, image: p.bytes }))
      const answer = await send(make(parts))
      expect(answer).toMatchObject({
        status: 400,
        body: { ok: false, error: { code: 'bad_request' } },
      })
      const message = (answer.body.error as { message: string }).message
      expect(message).toMatch(/^This batch of photos could not be read: .+ sent again\.$/)
      for (const { meta } of photos) {
        expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(false)
        expect(await storedEvents(meta.id)).toBe(0)
      }
      expect((await rows(photos.map((p) => p.meta.id))).every((r) => r.stored_at === null)).toBe(
        true,
      )
      // Nothing was lost: the same photos in a good batch are stored.
      const good = await send(batchBody(parts))
      expect(good.body).toMatchObject({ results: [{ complete: true }, { complete: true }] })
    },
  )

  it.skipIf(skip)(
    'takes a batch bigger than one chunk, and refuses one over its limit',
    async () => {
      // Over a one-photo request's limit (a chunk and a thumbnail), within a batch's.
      const photos = await knownPhotos(3, 700_000)
      const parts = photos.map((p) => ({ photoId: p.meta.id, image: p.bytes }))
      const answer = await send(batchBody(parts))
      expect(answer.body).toMatchObject({
        results: photos.map((p) => ({ photoId: p.meta.id, complete: true })),
      })
      const [extra] = await knownPhotos(1, 1_000)
      const tooBig = batchBody([
        ...parts,
        { photoId: extra!.meta.id, image: photoBytes(MAX_BATCH_PARTS_BYTES) },
      ])
      expect(await send(tooBig)).toMatchObject({ status: 413 })
      expect(await storedEvents(extra!.meta.id)).toBe(0)
    },
  )

  it.skipIf(skip)('refuses a batch from a device that is not enrolled', async () => {
    const answer = await fetch(`${server.url}/api/sync/photos/content`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(8),
    })
    expect(answer.status).toBe(401)
  })
})
