// Live changes: a withdrawal made on one iPad reaches another iPad of the setting through the
// server's live signal, without its 30 s tick (the timers here never fire unless the test
// fires them); a dropped stream is opened again and asks for a round. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPolicyContext, withdrawConsent } from '../../../src/db/index.ts'
import { testSigner } from '../../support/testSigners.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE, DEMO_STAFF } from '../../../src/demo/index.ts'
import { evaluateCapture, type CaptureRequest, type Purpose } from '../../../src/policy/index.ts'
import { revokeDevice } from '../../../src/server/devices/enrolment.ts'
import { liveChangesOf } from '../../../src/server/live/liveChanges.ts'
import { createSyncEngine, syncOnce, type SyncEngine } from '../../../src/sync/index.ts'
import type { Timers } from '../../../src/sync/syncEngine.ts'
import { openSyncState } from '../../../src/sync/syncStateDb.ts'
import { OTHER_SETTING, seedOtherSetting } from '../../support/serverFixtures.ts'
import { enrolledDevice, type Device } from '../../support/syncedDevice.ts'
import { BACKENDS, startTestServer, type TestServer } from '../../support/testServer.ts'
import { CLEAR_ATTESTATIONS } from '../../support/policyFixture.ts'

/** Timers that run only when the test says so; `fire` runs those due within `ms`. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>()
  const intervals: number[] = []
  let next = 1
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(next, { run, ms })
      return next++
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number)
    },
    setInterval: (_run, ms) => {
      intervals.push(ms)
      return 0
    },
    clearInterval: () => undefined,
  }
  const due = (ms: number) => [...pending].filter(([, t]) => t.ms < ms)
  const fire = (ms: number) => {
    for (const [id, timer] of due(ms)) {
      pending.delete(id)
      timer.run()
    }
  }
  return { timers, intervals, due, fire }
}

const always = { isOnline: () => true, isVisible: () => true, listen: () => () => undefined }

/** Withdraws `purpose` for the showcase child on `device` and sends it. */
async function withdrawOn(device: Device, purpose: Purpose) {
  const withdrawal = await withdrawConsent(
    device.db,
    {
      childId: CHILD,
      purposes: [purpose],
      givenBy: { name: 'Parent', relationship: 'mother', parentalResponsibility: true },
    },
    await testSigner(device.db, DEMO_STAFF.manager.id),
    new Date().toISOString(),
  )
  expect(withdrawal.ok).toBe(true)
  expect((await syncOnce({ db: device.db })).ok).toBe(true)
}

async function credentialOf(device: Device): Promise<string> {
  const state = openSyncState(device.db.name)
  const enrolment = await state.state.get('enrolment')
  state.close()
  return enrolment!.credential
}

function pullCounter() {
  const count = { pulls: 0 }
  const counted: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.includes('/api/sync/pull')) count.pulls += 1
    return fetch(input, init)
  }
  return { count, counted }
}

const CHILD = DEMO_SHOWCASE.allGranted.id

function captureRequest(deviceId: string, purpose: Purpose): CaptureRequest {
  return {
    staffId: DEMO_STAFF.practitioner.id,
    deviceId,
    locationId: 'demo-loc-garden',
    at: new Date().toISOString(),
    childIds: [CHILD],
    purposes: [purpose],
    adultInFrame: false,
    attestations: { ...CLEAR_ATTESTATIONS },
    caption: 'Leaf collage',
    reason: null,
  }
}

async function verdictOn(device: Device, purpose: Purpose = 'display') {
  const context = await loadPolicyContext(device.db, {
    now: new Date().toISOString(),
    deviceId: device.deviceId,
  })
  return evaluateCapture(captureRequest(device.deviceId, purpose), context).verdict
}

describe.each(BACKENDS)('live changes on $backend', ({ backend, skip }) => {
  let server: TestServer
  const engines: SyncEngine[] = []

  beforeAll(async () => {
    if (skip) return
    server = await startTestServer(backend)
    await seedOtherSetting(server.services.db)
  }, 60_000)
  afterAll(async () => {
    for (const engine of engines) engine.stop()
    if (!skip) await server.close()
  })

  async function listening(device: Device, timers: Timers, fetchFn?: typeof fetch) {
    const open = liveChangesOf(server.services).size()
    const engine = createSyncEngine({
      db: device.db,
      environment: always,
      timers,
      live: true,
      ...(fetchFn === undefined ? {} : { fetch: fetchFn }),
    })
    engines.push(engine)
    engine.start()
    await engine.requestSync()
    await expect.poll(() => liveChangesOf(server.services).size()).toBe(open + 1)
    return engine
  }

  it.skipIf(skip)(
    'a withdrawal on iPad A blocks capture on iPad B through the live signal, not the tick',
    async () => {
      const a = await enrolledDevice(server, DEMO_SETTING_ID)
      const b = await enrolledDevice(server, DEMO_SETTING_ID)
      expect((await syncOnce({ db: a.db })).ok).toBe(true)
      const clock = manualTimers()
      await listening(b, clock.timers)
      expect(clock.intervals).toEqual([30_000])
      expect(await verdictOn(b)).toBe('allow')
      await withdrawOn(a, 'display')
      // No timer has fired: only the live signal can have started B's round.
      await expect.poll(() => verdictOn(b), { timeout: 20_000 }).toBe('block')
      expect(clock.due(Infinity).every(([, t]) => t.ms >= 60_000)).toBe(true)
    },
    60_000,
  )

  it.skipIf(skip)(
    'a dropped stream is opened again after a backoff, and asks for a round at once',
    async () => {
      const b = await enrolledDevice(server, DEMO_SETTING_ID)
      const clock = manualTimers()
      const { count, counted } = pullCounter()
      await listening(b, clock.timers, counted)
      const before = count.pulls
      liveChangesOf(server.services).closeAll()
      await expect.poll(() => clock.due(60_000).length).toBe(1)
      clock.fire(60_000)
      await expect.poll(() => liveChangesOf(server.services).size()).toBe(1)
      await expect.poll(() => count.pulls).toBeGreaterThan(before)
    },
    60_000,
  )

  it.skipIf(skip)('refuses a stream without the credential, or for another setting', async () => {
    const b = await enrolledDevice(server, DEMO_SETTING_ID)
    const anonymous = await fetch(`${server.url}/api/sync/live?settingId=${DEMO_SETTING_ID}`)
    expect(anonymous.status).toBe(401)
    const other = await fetch(`${server.url}/api/sync/live?settingId=${OTHER_SETTING}`, {
      headers: { authorization: `Bearer ${await credentialOf(b)}` },
    })
    expect(other.status).toBe(403)
    expect(await other.json()).toMatchObject({ ok: false, error: { code: 'wrong_setting' } })
  })

  it.skipIf(skip)(
    'the withdrawal travels in the signal: iPad B blocks capture while its own pulls are held',
    async () => {
      const a = await enrolledDevice(server, DEMO_SETTING_ID)
      const b = await enrolledDevice(server, DEMO_SETTING_ID)
      expect((await syncOnce({ db: a.db })).ok).toBe(true)
      let holding = false
      let answeredWhileHolding = 0
      const held: (() => void)[] = []
      const holdPulls: typeof fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input)
        const pull = url.includes('/api/sync/pull')
        if (holding && pull) await new Promise<void>((resolve) => held.push(resolve))
        const response = await fetch(input, init)
        if (holding && pull) answeredWhileHolding += 1
        return response
      }
      await listening(b, manualTimers().timers, holdPulls)
      expect(await verdictOn(b, 'learning_journey')).toBe('allow')
      holding = true
      try {
        await withdrawOn(a, 'learning_journey')
        await expect.poll(() => verdictOn(b, 'learning_journey'), { timeout: 20_000 }).toBe('block')
        // No pull of B's was answered: the records came with the signal.
        expect(answeredWhileHolding).toBe(0)
      } finally {
        holding = false
        for (const release of held) release()
      }
    },
    60_000,
  )

  it.skipIf(skip)(
    'a device revoked while its stream is open is told no record, and its stream ends',
    async () => {
      const a = await enrolledDevice(server, DEMO_SETTING_ID)
      const c = await enrolledDevice(server, DEMO_SETTING_ID)
      expect((await syncOnce({ db: a.db })).ok).toBe(true)
      const response = await fetch(`${server.url}/api/sync/live?settingId=${DEMO_SETTING_ID}`, {
        headers: { authorization: `Bearer ${await credentialOf(c)}` },
      })
      expect(response.status).toBe(200)
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      let text = ''
      const reading = (async () => {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return
          text += value
        }
      })()
      const hub = liveChangesOf(server.services)
      await expect.poll(() => hub.listening(DEMO_SETTING_ID, null)).toContain(c.deviceId)
      await revokeDevice(server.services.db, DEMO_SETTING_ID, c.deviceId, 'test', new Date())
      await withdrawOn(a, 'group_photo')
      await reading
      expect(text).toContain(': open')
      expect(text).not.toContain('restrictions')
      expect(text).not.toContain(CHILD)
    },
    60_000,
  )
})
