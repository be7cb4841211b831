import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { splitPinMaster } from '../../protocol/index.ts'
import { signedRequestHeaders } from '../../sync/signedRequestHeaders.ts'
import { putEntity } from '../storage/entities.ts'
import { openDatabase } from '../storage/openDatabase.ts'
import type { Database } from '../storage/schema.ts'
import { staffRequestAuth, type SignedRequest } from './staffRequestAuth.ts'

const SETTING = 'setting-1'
const DEVICE = { id: 'device-1', settingId: SETTING, name: 'iPad' }
const NOW = new Date('2026-11-29T10:00:00.000Z')
const master = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) % 256)
const alice = splitPinMaster(master(1))
const mallory = splitPinMaster(master(2))

let db: Kysely<Database>
let close: () => Promise<void>
let clock: Date

async function addStaff(id: string, role: string, publicKeyHex: string | null, active = true) {
  await putEntity(
    db,
    SETTING,
    'staff',
    id,
    { id, name: id, role, canCapture: true, roomId: null, active },
    NOW.toISOString(),
  )
  if (publicKeyHex === null) return
  const pin = {
    id,
    pin: {
      saltB64: 'AAAAAAAAAAAAAAAAAAAAAA==',
      hashB64: 'AAAA',
      iterations: 210_000,
      scheme: 'pbkdf2-sha256-split-v2',
      publicKeyHex,
    },
  }
  await putEntity(db, SETTING, 'staffPin', id, pin, NOW.toISOString())
}

beforeEach(async () => {
  const opened = await openDatabase({ kind: 'sqlite', file: ':memory:' })
  db = opened.db
  close = opened.close
  clock = NOW
  const at = NOW.toISOString()
  await db
    .insertInto('settings')
    .values({ id: SETTING, name: 'Test', is_demo: 0, last_seq: 0, created_at: at })
    .execute()
  await addStaff('alice', 'manager', alice.publicKeyHex)
})

afterEach(async () => {
  await close()
})

function signed(
  overrides: Partial<Parameters<typeof signedRequestHeaders>[0]> = {},
): SignedRequest {
  const input = {
    settingId: SETTING,
    deviceId: DEVICE.id,
    staffId: 'alice',
    signingSeed: alice.signingSeed,
    method: 'POST',
    path: '/api/library/photos?day=2026-11-29',
    body: '{"a":1}',
    now: NOW.toISOString(),
    ...overrides,
  }
  return {
    method: input.method,
    url: input.path,
    body: input.body ?? null,
    headers: { authorization: 'Bearer x', ...signedRequestHeaders(input) },
  }
}

function auth(options: { maxNonces?: number } = {}) {
  return staffRequestAuth({ db, now: () => clock, ...options })
}

describe('staffRequestAuth', () => {
  it('accepts a request signed with the key the server holds, and names the person and role', async () => {
    expect(await auth().check(signed(), DEVICE)).toEqual({
      ok: true,
      staffId: 'alice',
      role: 'manager',
    })
  })

  it('accepts a GET without a body', async () => {
    const request = signed({ method: 'GET', body: null })
    expect((await auth().check(request, DEVICE)).ok).toBe(true)
  })

  it('refuses a request without the staff headers', async () => {
    const result = await auth().check({ method: 'GET', url: '/x', body: null, headers: {} }, DEVICE)
    expect(result).toMatchObject({ ok: false, error: { code: 'staff_proof_missing' } })
  })

  it.each([
    ['another path', { url: '/api/library/photos?day=2026-11-30' }],
    ['another method', { method: 'PUT' }],
    ['another body', { body: '{"a":2}' }],
  ])('refuses a signature presented with %s', async (_name, change) => {
    const result = await auth().check({ ...signed(), ...change }, DEVICE)
    expect(result).toMatchObject({ ok: false, error: { code: 'proof_invalid' } })
  })

  it('refuses a request from another device or setting than the one signed for', async () => {
    const check = auth()
    expect(await check.check(signed(), { ...DEVICE, id: 'device-2' })).toMatchObject({ ok: false })
    await db
      .insertInto('settings')
      .values({
        id: 'setting-2',
        name: 'B',
        is_demo: 0,
        last_seq: 0,
        created_at: NOW.toISOString(),
      })
      .execute()
    expect(await check.check(signed(), { ...DEVICE, settingId: 'setting-2' })).toMatchObject({
      ok: false,
    })
  })

  it('refuses a signature made with a key the server does not hold for that person', async () => {
    const result = await auth().check(signed({ signingSeed: mallory.signingSeed }), DEVICE)
    expect(result).toMatchObject({ ok: false, error: { code: 'proof_invalid' } })
  })

  it('refuses an inactive person, a person with only a v1 PIN, and an unknown one', async () => {
    await addStaff('gone', 'manager', mallory.publicKeyHex, false)
    await addStaff('old', 'practitioner', null)
    for (const staffId of ['gone', 'old', 'nobody']) {
      const result = await auth().check(
        signed({ staffId, signingSeed: mallory.signingSeed }),
        DEVICE,
      )
      expect(result).toMatchObject({ ok: false, error: { code: 'proof_invalid' } })
    }
  })

  it('accepts a request within 5 minutes of the server clock either way, and no further', async () => {
    const check = auth()
    for (const [offsetMs, ok] of [
      [-5 * 60_000, true],
      [5 * 60_000, true],
      [-5 * 60_000 - 1, false],
      [5 * 60_000 + 1, false],
    ] as const) {
      const result = await check.check(
        signed({ now: new Date(NOW.getTime() + offsetMs).toISOString() }),
        DEVICE,
      )
      expect(result.ok).toBe(ok)
      if (!result.ok) expect(result.error.code).toBe('stale_request')
    }
  })

  it('accepts each nonce once, and again only once it could no longer be fresh', async () => {
    const check = auth()
    const request = signed({ nonce: 'n'.repeat(32) })
    expect((await check.check(request, DEVICE)).ok).toBe(true)
    expect(await check.check(request, DEVICE)).toMatchObject({
      ok: false,
      error: { code: 'replayed_request' },
    })
    clock = new Date(NOW.getTime() + 5 * 60_000)
    expect(await check.check(request, DEVICE)).toMatchObject({
      ok: false,
      error: { code: 'replayed_request' },
    })
    clock = new Date(NOW.getTime() + 5 * 60_000 + 1)
    expect(await check.check(request, DEVICE)).toMatchObject({
      ok: false,
      error: { code: 'stale_request' },
    })
  })

  it('keeps memory bounded: past the limit of live nonces it refuses, it never forgets early', async () => {
    const check = auth({ maxNonces: 2 })
    expect((await check.check(signed(), DEVICE)).ok).toBe(true)
    expect((await check.check(signed(), DEVICE)).ok).toBe(true)
    const third = signed()
    expect(await check.check(third, DEVICE)).toMatchObject({ ok: false, error: { code: 'busy' } })
    clock = new Date(NOW.getTime() + 10 * 60_000 + 1)
    const later = signed({ now: clock.toISOString() })
    expect((await check.check(later, DEVICE)).ok).toBe(true)
  })

  it('does not let a bad signature burn a nonce', async () => {
    const check = auth()
    const nonce = 'm'.repeat(32)
    await check.check(signed({ nonce, signingSeed: mallory.signingSeed }), DEVICE)
    expect((await check.check(signed({ nonce }), DEVICE)).ok).toBe(true)
  })

  it('refuses a malformed nonce', async () => {
    const result = await auth().check(signed({ nonce: 'short' }), DEVICE)
    expect(result).toMatchObject({ ok: false, error: { code: 'proof_invalid' } })
  })
})
