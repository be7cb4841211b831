// A photo's last chunk may carry its thumbnail (protocol/photoUpload.ts): one request per photo.
// The thumbnail is taken only once the image is held, by the thumbnail's own rules, and a chunk
// is still at most MAX_CHUNK_BYTES however big the body. On SQLite and (with DATABASE_URL)
// PostgreSQL.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { MAX_CHUNK_BYTES } from '../../../src/protocol/index.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { enrolDevice, pushedPhoto } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A small JPEG-looking thumbnail (the server checks the JPEG marker and the size). */
function thumbnailBytes(seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(2_000)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 31 + seed) % 251
  return bytes
}

describe.each(BACKENDS)('an upload with its thumbnail on $backend', ({ backend, skip }) => {
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

  const upload = (photoId: string, offset: number, chunk: Uint8Array, thumbnail?: Uint8Array) => {
    const query = thumbnail === undefined ? '' : `&thumbnailBytes=${thumbnail.byteLength}`
    const body = new Uint8Array(chunk.byteLength + (thumbnail?.byteLength ?? 0))
    body.set(chunk)
    if (thumbnail !== undefined) body.set(thumbnail, chunk.byteLength)
    return fetch(`${server.url}/api/sync/photos/${photoId}/content?offset=${offset}${query}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${device.credential}`,
        'content-type': 'application/octet-stream',
      },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    }))
  }
  async function knownPhoto(size: number) {
    const bytes = photoBytes(size)
    return { bytes, meta: await pushedPhoto(server, device, bytes) }
  }
  const row = (photoId: string) =>
    server.services.db
      .selectFrom('photos')
      .select(['stored_at', 'thumbnail_checksum', 'thumbnail_bytes'])
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()

  it.skipIf(skip)('stores the image and its thumbnail from one request', async () => {
    const { bytes, meta } = await knownPhoto(40_000)
    const thumbnail = thumbnailBytes(1)
    const answer = await upload(meta.id, 0, bytes, thumbnail)
    expect(answer).toEqual({
      status: 200,
      body: {
        ok: true,
        received: 40_000,
        complete: true,
        checksum: meta.checksum,
        thumbnail: { ok: true, checksum: sha256(thumbnail) },
      },
    })
    expect(await server.services.photos.has(meta.checksum, meta.bytes)).toBe(true)
    expect(await row(meta.id)).toEqual({
      stored_at: expect.any(String),
      thumbnail_checksum: sha256(thumbnail),
      thumbnail_bytes: thumbnail.byteLength,
    })
    // Sent again (a lost answer): the same bytes are the same photo and the same thumbnail.
    expect((await upload(meta.id, 0, bytes, thumbnail)).body).toMatchObject({
      complete: true,
      thumbnail: { ok: true, checksum: sha256(thumbnail) },
    })
  })

  it.skipIf(skip)('takes no thumbnail with a chunk that does not complete the image', async () => {
    const { bytes, meta } = await knownPhoto(40_000)
    const early = await upload(meta.id, 0, bytes.slice(0, 10_000), thumbnailBytes(2))
    expect(early).toEqual({ status: 200, body: { ok: true, received: 10_000, complete: false } })
    expect((await row(meta.id)).thumbnail_checksum).toBeNull()
    const last = await upload(meta.id, 10_000, bytes.slice(10_000), thumbnailBytes(2))
    expect(last.body).toMatchObject({ complete: true, thumbnail: { ok: true } })
  })

  it.skipIf(skip)('keeps the image when the thumbnail is refused, and says why', async () => {
    const { bytes, meta } = await knownPhoto(40_000)
    const notJpeg = new Uint8Array(500).fill(7)
    const answer = await upload(meta.id, 0, bytes, notJpeg)
    expect(answer).toMatchObject({
      status: 200,
      body: { complete: true, thumbnail: { ok: false, error: { code: 'bad_request' } } },
    })
    expect(await row(meta.id)).toMatchObject({ stored_at: expect.any(String) })
    expect((await row(meta.id)).thumbnail_checksum).toBeNull()
  })

  it.skipIf(skip)('refuses a chunk over the limit even with a thumbnail beside it', async () => {
    const { bytes, meta } = await knownPhoto(MAX_CHUNK_BYTES + 10)
    const answer = await upload(meta.id, 0, bytes.slice(0, MAX_CHUNK_BYTES + 1), thumbnailBytes(3))
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } })
    const wholeThumbnail = await upload(meta.id, 0, new Uint8Array(0), thumbnailBytes(3))
    expect(wholeThumbnail.status).toBe(400)
    expect((await row(meta.id)).stored_at).toBeNull()
  })
})
