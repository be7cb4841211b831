// An upload's rows as the write itself decides them (photoWrites.ts, thumbnailRows.ts): the
// requests' plain reads answer most refusals first, but another request or an erasure may
// commit between that read and the write, so the write decides again from the row as it finds
// it. On SQLite the rows join the group commit; on PostgreSQL (with DATABASE_URL) an image's are
// one statement on the write thread. The same answers on both.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { erasePhoto } from '../../../src/server/library/erasePhoto.ts'
import { getPhotoRow } from '../../../src/server/ingest/photoRows.ts'
import type { PhotoWrite } from '../../../src/server/ingest/photoWrites.ts'
import type { ThumbnailJob } from '../../../src/server/ingest/thumbnailRows.ts'
import { writesOf } from '../../../src/server/ingest/writes.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { enrolDevice, pushedPhoto } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

describe.each(BACKENDS)('an upload’s rows on $backend', ({ backend, skip }) => {
  let server: TestServer
  let device: { deviceId: string; credential: string }
  let seed = 0

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    device = await enrolDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  /** A thumbnail job for `photoId` as `deviceId` sends it: bytes of its own each time. */
  function job(photoId: string, deviceId = device.deviceId): ThumbnailJob {
    const bytes = Buffer.alloc(1_000 + seed++, 7)
    bytes.set([0xff, 0xd8, 0xff])
    return {
      settingId: DEMO_SETTING_ID,
      deviceId,
      photoId,
      checksum: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.byteLength,
      jpegBase64: bytes.toString('base64'),
    }
  }
  async function photo() {
    return pushedPhoto(server, device, photoBytes(5_000 + seed++))
  }
  function stored(meta: { id: string; checksum: string; bytes: number }, thumbnail: ThumbnailJob) {
    const write: PhotoWrite = {
      kind: 'stored',
      settingId: DEMO_SETTING_ID,
      deviceId: device.deviceId,
      photoId: meta.id,
      checksum: meta.checksum,
      bytes: meta.bytes,
      at: server.services.now().toISOString(),
      thumbnail,
    }
    return writesOf(server.services).writePhoto(write)
  }
  const thumbnailAlone = (thumbnail: ThumbnailJob) =>
    writesOf(server.services).writePhoto({ kind: 'thumbnail', thumbnail })
  const row = (photoId: string) => getPhotoRow(server.services.db, DEMO_SETTING_ID, photoId)
  const thumbnailRows = (photoId: string) =>
    server.services.db
      .selectFrom('photo_thumbnails')
      .select('jpeg_base64')
      .where('photo_id', '=', photoId)
      .execute()
  const storedEvents = async (photoId: string) => {
    const rows = await server.services.db
      .selectFrom('server_audit')
      .select('details')
      .where('type', '=', 'photo-stored')
      .execute()
    return rows.filter((event) => JSON.parse(event.details).photoId === photoId).length
  }

  it.skipIf(skip)('records the image, its event and its thumbnail together', async () => {
    const meta = await photo()
    const thumbnail = job(meta.id)
    const answer = await stored(meta, thumbnail)
    expect(answer).toEqual({ status: 200, body: { ok: true, checksum: thumbnail.checksum } })
    expect(await row(meta.id)).toMatchObject({
      stored_at: expect.any(String),
      thumbnail_checksum: thumbnail.checksum,
      thumbnail_bytes: thumbnail.bytes,
    })
    expect(await thumbnailRows(meta.id)).toEqual([{ jpeg_base64: thumbnail.jpegBase64 }])
    expect(await storedEvents(meta.id)).toBe(1)

    // The same again (a lost answer): the same thumbnail, still one row of its bytes.
    expect(await stored(meta, thumbnail)).toEqual(answer)
    expect(await thumbnailAlone(thumbnail)).toEqual(answer)
    expect(await thumbnailRows(meta.id)).toEqual([{ jpeg_base64: thumbnail.jpegBase64 }])
  })

  it.skipIf(skip)('keeps the first thumbnail when other bytes come after', async () => {
    const meta = await photo()
    const first = job(meta.id)
    await stored(meta, first)
    for (const answer of [await stored(meta, job(meta.id)), await thumbnailAlone(job(meta.id))]) {
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
    }
    expect(await row(meta.id)).toMatchObject({ thumbnail_checksum: first.checksum })
    expect(await thumbnailRows(meta.id)).toEqual([{ jpeg_base64: first.jpegBase64 }])
  })

  it.skipIf(skip)('takes no thumbnail from another tablet, but records the image', async () => {
    const meta = await photo()
    const other = job(meta.id, 'another-tablet')
    expect(await stored(meta, other)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    })
    expect(await thumbnailAlone(other)).toMatchObject({ status: 403 })
    expect(await row(meta.id)).toMatchObject({
      stored_at: expect.any(String),
      thumbnail_checksum: null,
      thumbnail_bytes: null,
    })
    expect(await thumbnailRows(meta.id)).toEqual([])
    // Its own tablet's thumbnail is still taken after.
    expect(await thumbnailAlone(job(meta.id))).toMatchObject({ status: 200 })
  })

  it.skipIf(skip)('takes no thumbnail for a photo erased since the request read it', async () => {
    const meta = await photo()
    const before = await row(meta.id)
    if (before === undefined) throw new Error('the photo was not pushed')
    const erasure = { cause: 'quarantine', reason: 'test', staffId: null, deviceId: null } as const
    await erasePhoto(server.services, before, erasure, server.services.now().toISOString())
    for (const answer of [await stored(meta, job(meta.id)), await thumbnailAlone(job(meta.id))]) {
      expect(answer).toMatchObject({ status: 410, body: { error: { code: 'photo_erased' } } })
    }
    expect(await row(meta.id)).toMatchObject({ thumbnail_checksum: null })
    expect(await thumbnailRows(meta.id)).toEqual([])
  })

  it.skipIf(skip)('says a thumbnail of a photo it does not know is early', async () => {
    expect(await thumbnailAlone(job('no-such-photo'))).toMatchObject({
      status: 409,
      body: { error: { code: 'photo_unknown' } },
    })
    expect(await thumbnailRows('no-such-photo')).toEqual([])
  })
})
