// PostgreSQL going away under the real server process: connections ended from the database
// side (pg_terminate_backend on this test's own connections, as a restart or failover does),
// and the database unreachable for a while (a proxy that cuts and refuses). The server must
// stay up, answer 503 in the API's envelope meanwhile, say so in /api/health, and recover by
// itself. PostgreSQL only (SQLite is a file in the process): skipped without DATABASE_URL.
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF, demoChildId } from '../../../src/demo/index.ts'
import { demoSigner, signedChange } from '../../support/signedChanges.ts'
import {
  ownPostgresDatabase,
  startServerProcess,
  terminateConnections,
  type OwnDatabase,
  type ServerProcess,
} from '../../support/serverProcess.ts'
import { tcpProxy, type TcpProxy } from '../../support/tcpProxy.ts'
import { DATABASE_URL } from '../../support/testServer.ts'

async function get(url: string, credential?: string) {
  const response = await fetch(url, {
    headers: credential === undefined ? {} : { authorization: `Bearer ${credential}` },
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Asks until the server answers `status` (it recovers by itself, in its own time). */
async function until(url: string, status: number) {
  for (let attempt = 0; ; attempt++) {
    const answer = await get(url).catch(() => null)
    if (answer?.status === status || attempt > 200) return answer
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function enrol(server: ServerProcess) {
  const response = await fetch(`${server.url}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: server.enrolmentCode, deviceName: 'Outage iPad' }),
  })
  return (await response.json()) as { credential: string; settingId: string }
}

/** A manager's grant pushed as a tablet pushes it; its transaction runs on the write thread. */
async function pushAGrant(server: ServerProcess, credential: string): Promise<number> {
  const manager = DEMO_STAFF.manager.id
  const change = signedChange(DEMO_SETTING_ID, demoSigner(manager), 'consent', {
    id: globalThis.crypto.randomUUID(),
    childId: demoChildId('ordinary6'),
    purpose: 'display',
    status: 'granted',
    givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    recordedAt: new Date().toISOString(),
    recordedBy: manager,
    reviewDue: null,
    supersedes: null,
  })
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ settingId: DEMO_SETTING_ID, changes: [change] }),
  })
  return response.status
}

describe.skipIf(DATABASE_URL === '')('the server when PostgreSQL goes away', () => {
  let server: ServerProcess | null = null
  let database: OwnDatabase | null = null
  let proxy: TcpProxy | null = null
  afterEach(async () => {
    server?.cleanUp()
    await proxy?.close()
    await database?.drop()
    ;[server, database, proxy] = [null, null, null]
  })

  it('survives its connections being ended by the database, and goes on answering', async () => {
    database = await ownPostgresDatabase(DATABASE_URL)
    server = await startServerProcess({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' })
    const health = `${server.url}/api/health`
    // Several connections open (and idle) in the pool, and the write thread's own.
    await Promise.all(Array.from({ length: 4 }, () => get(health)))
    const { credential } = await enrol(server)
    expect(await pushAGrant(server, credential)).toBe(200)
    expect(await terminateConnections(DATABASE_URL, database.applicationName)).toBeGreaterThan(0)
    await server.waitFor('The PostgreSQL connection was lost')
    expect(await until(health, 200)).toEqual({ status: 200, body: { ok: true } })
    // The write thread's connection was ended too: it opens another.
    expect(await pushAGrant(server, credential)).toBe(200)
    expect(server.child.exitCode).toBeNull()
  }, 60_000)

  it('answers 503 while the database is away, says so in /api/health, and recovers by itself', async () => {
    proxy = await tcpProxy('127.0.0.1', Number(new URL(DATABASE_URL).port || 5432))
    database = await ownPostgresDatabase(DATABASE_URL, proxy.port)
    server = await startServerProcess({ DATABASE_URL: database.url })
    const enrolled = await enrol(server)
    const pull = `${server.url}/api/sync/pull?settingId=${enrolled.settingId}&since=0`
    expect((await get(pull, enrolled.credential)).status).toBe(200)

    proxy.cut()
    for (const answer of [
      await get(pull, enrolled.credential),
      await get(`${server.url}/api/health`),
    ]) {
      expect(answer).toEqual({
        status: 503,
        body: {
          ok: false,
          error: { code: 'database_unavailable', message: expect.stringMatching(/database/) },
        },
      })
    }
    expect(server.child.exitCode).toBeNull()

    proxy.restore()
    expect(await until(`${server.url}/api/health`, 200)).toEqual({
      status: 200,
      body: { ok: true },
    })
    expect((await get(pull, enrolled.credential)).status).toBe(200)
  }, 60_000)
})
