// Parallel PIN guesses must not pass the lockout. A guess is claimed atomically
// before its PBKDF2, so at most 5 are checked per lock window per person, whatever the
// concurrency and from however many tablets; a lockout lasts at most an hour. On SQLite and
// (with DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF } from '../../../src/demo/index.ts'
import type { PinHashWire } from '../../../src/protocol/index.ts'
import { checkManager } from '../../../src/server/auth/managerAuth.ts'
import { pinMatchesVerifier } from '../../../src/server/auth/pinVerifier.ts'
import { call, enrolDevice } from '../../support/serverFixtures.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'

const MANAGER = DEMO_STAFF.manager
const MINUTE = 60_000

describe.each(BACKENDS)('the manager PIN lockout on $backend', ({ backend, skip }) => {
  let server: TestServer
  let tablets: { id: string; settingId: string; name: string }[]
  let credential: string
  let checked = 0
  const spy = (pin: string, verifier: PinHashWire) => {
    checked += 1
    return pinMatchesVerifier(pin, verifier)
  }
  const guess = (pin: string, tablet = 0) =>
    checkManager(server.services, tablets[tablet]!, { staffId: MANAGER.id, pin }, spy)
  const lockRow = () =>
    server.services.db
      .selectFrom('staff_lockouts')
      .selectAll()
      .where('staff_id', '=', MANAGER.id)
      .executeTakeFirst()
  async function reset() {
    await server.services.db.deleteFrom('staff_lockouts').execute()
    server.clock.offsetMs = 0
    checked = 0
  }

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    const enrolled = [
      await enrolDevice(server, DEMO_SETTING_ID),
      await enrolDevice(server, DEMO_SETTING_ID),
    ]
    credential = enrolled[0]!.credential
    tablets = enrolled.map((d) => ({ id: d.deviceId, settingId: DEMO_SETTING_ID, name: 'iPad' }))
  })
  afterAll(async () => {
    if (!skip) await server.close()
  })

  it.skipIf(skip)(
    'checks at most 5 of 200 simultaneous guesses, from two tablets, and locks the rest out',
    async () => {
      await reset()
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => guess(String(100_000 + i), i % 2)),
      )
      expect(checked).toBe(5)
      const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code))
      expect(codes.filter((c) => c === 'forbidden')).toHaveLength(5)
      expect(codes.filter((c) => c === 'locked')).toHaveLength(195)
      // The right PIN is not even checked while locked.
      expect(await guess(MANAGER.pin, 1)).toMatchObject({ ok: false, error: { code: 'locked' } })
      expect(checked).toBe(5)
      const row = await lockRow()
      expect(row).toMatchObject({ lockouts: 1 })
      const lockedFor = Date.parse(row?.locked_until ?? '') - server.services.now().getTime()
      expect(lockedFor).toBeGreaterThan(4 * MINUTE)
      expect(lockedFor).toBeLessThanOrEqual(5 * MINUTE)
      // The lockout is audited with a tablet that caused it.
      const audited = await server.services.db
        .selectFrom('server_audit')
        .selectAll()
        .where('type', '=', 'pin-lockout')
        .execute()
      expect(audited).toHaveLength(1)
      expect(tablets.map((t) => t.id)).toContain(audited[0]?.device_id)
    },
    60_000,
  )

  it.skipIf(skip)(
    'gives 5 more guesses after the lockout, and the right PIN clears the count',
    async () => {
      await reset()
      await Promise.all(Array.from({ length: 20 }, () => guess('000000')))
      expect(checked).toBe(5)
      server.clock.offsetMs = 5 * MINUTE
      const again = await Promise.all(Array.from({ length: 20 }, () => guess('000001')))
      expect(checked).toBe(10)
      expect(again.filter((a) => !a.ok && a.error.code === 'forbidden')).toHaveLength(5)
      server.clock.offsetMs = 5 * MINUTE + 10 * MINUTE
      expect((await guess(MANAGER.pin)).ok).toBe(true)
      expect(await lockRow()).toMatchObject({ failed_attempts: 0, locked_until: null })
      expect((await Promise.all([1, 2, 3, 4].map(() => guess('000002')))).every((a) => !a.ok)).toBe(
        true,
      )
      expect((await guess(MANAGER.pin)).ok).toBe(true)
    },
    60_000,
  )

  it.skipIf(skip)(
    'never locks the manager out for more than an hour',
    async () => {
      await reset()
      await guess('000000')
      await server.services.db
        .updateTable('staff_lockouts')
        .set({ lockouts: 1_000_000, failed_attempts: 4 })
        .execute()
      expect((await guess('000000')).ok).toBe(false)
      const row = await lockRow()
      const lockedFor = Date.parse(row?.locked_until ?? '') - server.services.now().getTime()
      expect(lockedFor).toBeGreaterThan(59 * MINUTE)
      expect(lockedFor).toBeLessThanOrEqual(60 * MINUTE)
      server.clock.offsetMs = 60 * MINUTE
      expect((await guess(MANAGER.pin)).ok).toBe(true)
    },
    60_000,
  )

  it.skipIf(skip)(
    'over HTTP: 100 simultaneous wrong guesses give at most 5 × 403, the rest 429',
    async () => {
      await reset()
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          call(server, 'POST', '/api/manager/devices', {
            credential,
            json: { staffId: MANAGER.id, pin: String(200_000 + i) },
          }),
        ),
      )
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 403)).toHaveLength(5)
      expect(statuses.filter((s) => s === 429)).toHaveLength(95)
      expect(await lockRow()).toMatchObject({ lockouts: 1 })
    },
    120_000,
  )
})
