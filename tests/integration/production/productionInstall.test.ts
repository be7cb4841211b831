// The production install, as the Dockerfile makes it: package.json, package-lock.json, the
// built app (dist/) and the compiled server (dist-server/) in a folder of their own, with
// `npm ci --omit=dev` (no Vite, no tsx, no TypeScript). .ci/production-install.sh builds and
// installs that folder and runs this file with PRODUCTION_INSTALL_DIR pointing at it; without
// it (a plain `npm test`) this suite is skipped.
//
// From that folder: the server starts (`node dist-server/start.js`), /api/health answers, the
// app's page and service worker load, the admin command (the package's bin) makes a code, and a
// tablet (Dexie on fake-indexeddb, the app's own sync code) enrols and syncs a photo. With
// DATABASE_URL, the same on PostgreSQL, whose writes are made on the bundle's write thread
// (dist-server/writeThread.js).
import { spawn, type ChildProcess } from 'node:child_process'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDb } from '../../support/testDb.ts'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { enrolDevice, syncOnce } from '../../../src/sync/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { ownPostgresDatabase } from '../../support/serverProcess.ts'
import { DATABASE_URL } from '../../support/testServer.ts'

const INSTALL = process.env.PRODUCTION_INSTALL_DIR?.trim() ?? ''
const run = promisify(execFile)

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0)
      })
    })
  })
}

describe.skipIf(INSTALL === '')('the production install', () => {
  let dataDir: string
  let server: ChildProcess
  let url: string
  let output = ''
  const env = () => ({ PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' })

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'consentlens-production-data-'))
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    server = spawn(process.execPath, ['dist-server/start.js'], {
      cwd: INSTALL,
      env: { ...env(), PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await new Promise<void>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Enrolment code for an iPad')) resolve()
      }
      server.stdout?.on('data', seen)
      server.stderr?.on('data', seen)
      server.once('exit', (code) => {
        reject(new Error(`The server stopped (exit ${code}):\n${output}`))
      })
    })
  }, 60_000)

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('holds only production dependencies', () => {
    for (const dev of ['vite', 'tsx', 'typescript', 'vitest', 'esbuild']) {
      expect(existsSync(join(INSTALL, 'node_modules', dev)), dev).toBe(false)
    }
    expect(existsSync(join(INSTALL, 'node_modules', 'better-sqlite3'))).toBe(true)
  })

  it('starts without building, says it is the demo, and answers health and the app', async () => {
    expect(output).toContain('This is the demo setting: sample data only.')
    const health = await fetch(`${url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true })
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    expect((await fetch(`${url}/sw.js`)).status).toBe(200)
  })

  /** The admin command makes a code; a tablet enrols with the server at `at` and syncs a photo. */
  async function enrolAndSyncAPhoto(
    at: string,
    adminEnv: Record<string, string>,
    photoDir: string,
  ) {
    const pkg = JSON.parse(readFileSync(join(INSTALL, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
    }
    const bin = pkg.bin['consentlens-admin']
    expect(bin).toBe('dist-server/admin.js')
    const made = await run(
      join(INSTALL, bin!),
      ['enrolment-code', '--setting', DEMO_SETTING_ID, '--json'],
      { cwd: INSTALL, env: adminEnv },
    )
    const { code } = JSON.parse(made.stdout) as { code: string }
    const db = freshDb()
    const enrolled = await enrolDevice(db, { serverUrl: at, code, now: new Date().toISOString() })
    expect(enrolled).toMatchObject({ ok: true })
    const deviceId = (await db.device.toArray())[0]!.id
    const { meta } = await capturePhoto(db, { deviceId })
    const synced = await syncOnce({ db })
    expect(synced).toMatchObject({ ok: true, value: { uploaded: 1 } })
    expect((await db.photos.get(meta.id))?.syncState).toBe('sent')
    const stored = join(photoDir, meta.checksum.slice(0, 2), meta.checksum)
    expect(existsSync(stored)).toBe(true)
  }

  it('the admin command (the bin) makes a code; a tablet enrols and syncs a photo', async () => {
    await enrolAndSyncAPhoto(url, env(), join(dataDir, 'photos'))
  }, 60_000)

  it.skipIf(DATABASE_URL === '')(
    'on PostgreSQL too: the photo’s details and its stored row are written on the bundle’s write thread',
    async () => {
      const database = await ownPostgresDatabase(DATABASE_URL)
      const pgDir = mkdtempSync(join(tmpdir(), 'consentlens-production-pg-'))
      const pgEnv = { ...env(), DATA_DIR: pgDir, DATABASE_URL: database.url }
      const port = await freePort()
      const pgServer = spawn(process.execPath, ['dist-server/start.js'], {
        cwd: INSTALL,
        env: { ...pgEnv, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let said = ''
      try {
        await new Promise<void>((resolve, reject) => {
          const seen = (chunk: Buffer) => {
            said += chunk.toString()
            if (said.includes('Enrolment code for an iPad')) resolve()
          }
          pgServer.stdout.on('data', seen)
          pgServer.stderr.on('data', seen)
          pgServer.once('exit', (code) => {
            reject(new Error(`The server stopped (exit ${code}):\n${said}`))
          })
        })
        await enrolAndSyncAPhoto(`http://127.0.0.1:${port}`, pgEnv, join(pgDir, 'photos'))
        expect(said).not.toMatch(/write thread/i)
      } finally {
        const exited = new Promise((resolve) => pgServer.once('exit', resolve))
        pgServer.kill('SIGTERM')
        await exited
        await database.drop()
        rmSync(pgDir, { recursive: true, force: true })
      }
    },
    90_000,
  )

  it('a real setting’s server prints where it listens and how to get a code, never a PIN or a code', async () => {
    const realDir = mkdtempSync(join(tmpdir(), 'consentlens-production-real-'))
    try {
      const made = await run(
        join(INSTALL, 'dist-server/admin.js'),
        ['create-setting', '--name', 'Acorns Nursery', '--manager', 'Ada Lovelace', '--json'],
        { cwd: INSTALL, env: { ...env(), DATA_DIR: realDir } },
      )
      const { settingId, oneTimePin } = JSON.parse(made.stdout) as Record<string, string>
      const port = await freePort()
      const real = spawn(process.execPath, ['dist-server/start.js'], {
        cwd: INSTALL,
        env: { ...env(), DATA_DIR: realDir, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let said = ''
      await new Promise<void>((resolve, reject) => {
        const seen = (chunk: Buffer) => {
          said += chunk.toString()
          if (said.includes('enrolment-code --setting')) resolve()
        }
        real.stdout.on('data', seen)
        real.stderr.on('data', seen)
        real.once('exit', (code) => {
          reject(new Error(`The server stopped (exit ${code}):\n${said}`))
        })
      })
      const exited = new Promise((resolve) => real.once('exit', resolve))
      real.kill('SIGTERM')
      await exited
      expect(said).toContain(`ConsentLens is running at http://127.0.0.1:${port}`)
      expect(said).toContain(`Setting: Acorns Nursery (${settingId})`)
      expect(said).not.toMatch(/\bPIN\b|Enrolment code|\bdemo\b/i)
      expect(said).not.toContain(oneTimePin)
    } finally {
      rmSync(realDir, { recursive: true, force: true })
    }
  }, 60_000)
})
