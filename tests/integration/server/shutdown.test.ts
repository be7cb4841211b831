// Graceful shutdown of the real server process (SIGTERM): idle keep-alive connections do not
// hold it, an upload in flight is finished within the grace period, a clean stop exits 0, and
// an upload longer than the grace is cut (exit 1), as the README says. On SQLite and (with
// DATABASE_URL) PostgreSQL.
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_SHOWCASE } from '../../../src/demo/index.ts'
import { photoBytes, photoMeta } from '../../support/photoFixture.ts'
import {
  ownPostgresDatabase,
  startServerProcess,
  type OwnDatabase,
  type ServerProcess,
} from '../../support/serverProcess.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import { BACKENDS, DATABASE_URL } from '../../support/testServer.ts'

function body(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      text += chunk
    })
    response.on('end', () => {
      resolve(text)
    })
  })
}

async function json(url: string, method: string, payload: unknown, credential?: string) {
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(credential === undefined ? {} : { authorization: `Bearer ${credential}` }),
    },
    body: JSON.stringify(payload),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Enrols a device and pushes a photo's details; the photo's bytes and the device's credential. */
async function photoReadyToUpload(server: ServerProcess) {
  const enrolled = await json(`${server.url}/api/enrol`, 'POST', {
    code: server.enrolmentCode,
    deviceName: 'Shutdown iPad',
  })
  expect(enrolled.status).toBe(200)
  const credential = String(enrolled.body.credential)
  const bytes = photoBytes(300_000)
  const meta = photoMeta({
    deviceId: String(enrolled.body.deviceId),
    bytes,
    childIds: [DEMO_SHOWCASE.allGranted.id],
  })
  // Signed as a tablet signs it, by the practitioner who took it (the demo's PINs are known).
  const change = signedChange(DEMO_SETTING_ID, demoSigner(meta.staffId), 'photo', meta)
  const pushed = await json(
    `${server.url}/api/sync/push`,
    'POST',
    { settingId: DEMO_SETTING_ID, changes: [change] },
    credential,
  )
  expect(pushed.body.results).toEqual([{ id: change.id, status: 'applied' }])
  return { bytes, meta, credential }
}

/** Starts a PUT of the whole image and resolves once the server has its headers (100-continue). */
function openUpload(
  server: ServerProcess,
  photo: Awaited<ReturnType<typeof photoReadyToUpload>>,
): Promise<{ upload: ClientRequest; answer: Promise<IncomingMessage> }> {
  return new Promise((resolve, reject) => {
    const upload = request(`${server.url}/api/sync/photos/${photo.meta.id}/content?offset=0`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${photo.credential}`,
        'content-type': 'application/octet-stream',
        'content-length': String(photo.bytes.byteLength),
        expect: '100-continue',
      },
    })
    const answer = new Promise<IncomingMessage>((resolveAnswer, rejectAnswer) => {
      upload.on('response', resolveAnswer)
      upload.on('error', rejectAnswer)
    })
    answer.catch(() => undefined)
    upload.on('continue', () => {
      upload.write(photo.bytes.slice(0, 100_000))
      resolve({ upload, answer })
    })
    upload.on('error', reject)
    upload.flushHeaders()
  })
}

describe.each(BACKENDS)('graceful shutdown on $backend', ({ backend, skip }) => {
  let env: Record<string, string> = {}
  let database: OwnDatabase | null = null
  let server: ServerProcess | null = null
  beforeEach(async () => {
    if (skip || backend !== 'postgres') return
    database = await ownPostgresDatabase(DATABASE_URL)
    env = { DATABASE_URL: database.url }
  })
  afterEach(async () => {
    server?.cleanUp()
    server = null
    await database?.drop()
    database = null
  })

  it.skipIf(skip)(
    'closes idle keep-alive connections at once and exits 0',
    async () => {
      // A grace longer than this test's timeout: only closing the idle connection lets it pass.
      server = await startServerProcess({ ...env, SHUTDOWN_GRACE_SECONDS: '600' })
      const agent = new Agent({ keepAlive: true })
      for (let i = 0; i < 3; i++) {
        const response = await new Promise<IncomingMessage>((resolve) => {
          request(`${server!.url}/api/health`, { agent }, resolve).end()
        })
        expect(JSON.parse(await body(response))).toEqual({ ok: true })
      }
      expect(agent.freeSockets).not.toEqual({})
      // A browser's preconnect: a connection open before any request is sent on it.
      const { port } = new URL(server.url)
      const preconnect = connect(Number(port), '127.0.0.1')
      await new Promise((resolve) => preconnect.once('connect', resolve))
      preconnect.on('error', () => undefined)
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      expect(server.output()).not.toContain('stopping anyway')
      agent.destroy()
      preconnect.destroy()
    },
    60_000,
  )

  it.skipIf(skip)(
    'finishes an upload in flight within the grace, then exits 0',
    async () => {
      server = await startServerProcess({ ...env, SHUTDOWN_GRACE_SECONDS: '600' })
      const photo = await photoReadyToUpload(server)
      const { upload, answer } = await openUpload(server, photo)
      server.child.kill('SIGTERM')
      await server.waitFor('SIGTERM received')
      upload.end(photo.bytes.slice(100_000))
      const response = await answer
      expect(response.statusCode).toBe(200)
      expect(JSON.parse(await body(response))).toEqual({
        ok: true,
        received: 300_000,
        complete: true,
        checksum: photo.meta.checksum,
      })
      expect(await server.exited).toBe(0)
    },
    60_000,
  )

  it.skipIf(skip)(
    'cuts an upload longer than the grace and says so (exit 1); the tablet resends it later',
    async () => {
      server = await startServerProcess({ ...env, SHUTDOWN_GRACE_SECONDS: '1' })
      const photo = await photoReadyToUpload(server)
      const { answer } = await openUpload(server, photo)
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(1)
      expect(server.output()).toContain('stopping anyway')
      await expect(answer).rejects.toThrow()
    },
    60_000,
  )

  it.skipIf(skip)(
    'serves HTTPS directly with HSTS, and stops cleanly with an unused TLS connection open',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'consentlens-tls-'))
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')]
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=localhost',
            '-keyout',
            key,
            '-out',
            cert,
          ],
          { stdio: 'pipe' },
        )
        server = await startServerProcess({ ...env, TLS_CERT: cert, TLS_KEY: key })
        const url = server.url.replace(/^http:/, 'https:')
        const response = await new Promise<IncomingMessage>((resolve, reject) => {
          httpsRequest(`${url}/api/health`, { rejectUnauthorized: false }, resolve)
            .on('error', reject)
            .end()
        })
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/)
        expect(JSON.parse(await body(response))).toEqual({ ok: true })
        const { port } = new URL(url)
        const unused = tlsConnect({
          port: Number(port),
          host: '127.0.0.1',
          rejectUnauthorized: false,
        })
        await new Promise((resolve) => unused.once('secureConnect', resolve))
        unused.on('error', () => undefined)
        server.child.kill('SIGTERM')
        expect(await server.exited).toBe(0)
        unused.destroy()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    60_000,
  )
})
