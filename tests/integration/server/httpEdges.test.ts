// The HTTP edge of the API, where requests fail before any route's own checks: JSON nested
// too deep, ids near their maximum in the URL, URLs and headers too long, a chunk a little over
// its maximum, and the headers every answer must carry. On SQLite and (with DATABASE_URL)
// PostgreSQL.
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { MAX_CHUNK_BYTES } from '../../../src/protocol/index.ts'
import { photoBytes } from '../../support/photoFixture.ts'
import { call, enrolDevice, pushedPhoto } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy']

/** A raw request (Node's client sends whatever it is given), its status, headers and body. */
function raw(
  server: TestServer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { headers, method }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        text += chunk
      })
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text })
      })
    })
    request.on('error', reject)
    request.end()
  })
}

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { inner: value }
  return value
}

describe.each(BACKENDS)('the HTTP edge on $backend', ({ backend, skip }) => {
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

  const pushPhoto = (id: string, bytes: Uint8Array) => pushedPhoto(server, device, bytes, id)
  const upload = (photoId: string, offset: number, body: Uint8Array<ArrayBuffer>) =>
    call(
      server,
      'PUT',
      `/api/sync/photos/${encodeURIComponent(photoId)}/content?offset=${offset}`,
      {
        credential: device.credential,
        body,
      },
    )

  it.skipIf(skip)(
    'refuses JSON nested 2,000 deep with a 400, in an audit event and anywhere',
    async () => {
      const event = {
        id: crypto.randomUUID(),
        settingId: DEMO_SETTING_ID,
        deviceId: device.deviceId,
        at: new Date().toISOString(),
        type: 'note',
        details: deeplyNested(2_000),
      }
      for (const [path, json] of [
        ['/api/sync/audit', { settingId: DEMO_SETTING_ID, events: [event] }],
        ['/api/sync/push', { settingId: DEMO_SETTING_ID, changes: deeplyNested(2_000) }],
      ] as const) {
        const answer = await call(server, 'POST', path, { credential: device.credential, json })
        expect(answer).toMatchObject({
          status: 400,
          body: {
            ok: false,
            error: { code: 'bad_request', message: expect.stringMatching(/nested/) },
          },
        })
      }
    },
  )

  it.skipIf(skip)(
    'uploads a photo whose id is 101 to 200 characters long, of any script',
    async () => {
      for (const id of ['p'.repeat(101), 'x'.repeat(200), '照'.repeat(200)]) {
        const bytes = photoBytes(3_000)
        const meta = await pushPhoto(id, bytes)
        expect((await upload(id, 0, bytes)).body).toEqual({
          ok: true,
          received: 3_000,
          complete: true,
          checksum: meta.checksum,
        })
      }
    },
  )

  it.skipIf(skip)(
    'answers a too-long address 414 in the envelope, with security headers, never echoing it',
    async () => {
      const secret = `s3cr3t${'a'.repeat(2_000)}`
      const answer = await raw(
        server,
        `/api/sync/photos/${secret}/content?offset=0`,
        { authorization: `Bearer ${device.credential}` },
        'PUT',
      )
      expect(answer.status).toBe(414)
      expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      expect(answer.text).not.toContain('s3cr3t')
      for (const name of SECURITY) expect(answer.headers[name]).toEqual(expect.any(String))
    },
  )

  it.skipIf(skip)(
    'answers headers too large 431 in the envelope, with security headers, never echoing them',
    async () => {
      const answer = await raw(server, `/api/health?${'q'.repeat(20_000)}`, { 'x-big': 's3cr3t' })
      expect(answer.status).toBe(431)
      expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'bad_request' } })
      expect(answer.text).not.toMatch(/s3cr3t|qqqq/)
      for (const name of SECURITY) expect(answer.headers[name]).toEqual(expect.any(String))
    },
  )

  it.skipIf(skip)(
    'takes a chunk of exactly 1 MiB and refuses one byte more (and 1 MiB + 64 KiB)',
    async () => {
      const bytes = photoBytes(MAX_CHUNK_BYTES + 64 * 1024)
      const meta = await pushPhoto(crypto.randomUUID(), bytes)
      for (const size of [MAX_CHUNK_BYTES + 64 * 1024, MAX_CHUNK_BYTES + 1]) {
        expect(await upload(meta.id, 0, bytes.slice(0, size))).toMatchObject({
          status: 413,
          body: { ok: false, error: { code: 'payload_too_large' } },
        })
      }
      expect((await upload(meta.id, 0, bytes.slice(0, MAX_CHUNK_BYTES))).body).toEqual({
        ok: true,
        received: MAX_CHUNK_BYTES,
        complete: false,
      })
    },
  )

  it.skipIf(skip)(
    'marks every API answer no-store (the pull carries the setting’s data); no HSTS over plain HTTP',
    async () => {
      const pull = await raw(server, `/api/sync/pull?settingId=${DEMO_SETTING_ID}&since=0`, {
        authorization: `Bearer ${device.credential}`,
      })
      expect(pull.status).toBe(200)
      expect(pull.headers['cache-control']).toBe('no-store')
      for (const path of ['/api/health', '/api/nothing-here', '/api/sync/pull']) {
        expect((await raw(server, path)).headers['cache-control']).toBe('no-store')
      }
      expect(pull.headers['strict-transport-security']).toBeUndefined()
    },
  )
})
