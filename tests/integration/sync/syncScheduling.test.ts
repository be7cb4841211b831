// When the sync engine runs (src/sync/syncEngine.ts), with its timers, randomness and the
// browser's signals injected: a round at start, the 30 s tick while online and visible, backoff
// with jitter after a failure that the tick does not cut short but a person's action does, one
// round at a time. The rounds are real (a tablet on fake-indexeddb, the real server answering
// through app.inject); only the network can be switched off. Nothing waits on a clock: timers
// fire when the test says, and each check waits for the round's own status change.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { backoffDelay } from '../../../src/sync/backoff.ts'
import {
  createSyncEngine,
  SYNC_INTERVAL_MS,
  type SyncEngine,
  type SyncEnvironment,
  type Timers,
} from '../../../src/sync/syncEngine.ts'
import type { SyncStatus } from '../../../src/sync/syncStatus.ts'
import {
  createSyncStatusStore,
  type SyncStatusStore,
} from '../../../src/app/stores/syncStatusStore.ts'
import { injectFetch } from '../../support/injectFetch.ts'
import { enrolledDevice, type Device } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

/** Timers that fire only when the test fires them. */
function manualTimers() {
  let nextId = 1
  const timeouts = new Map<number, { run: () => void; ms: number }>()
  const intervals = new Map<number, { run: () => void; ms: number }>()
  const timers: Timers = {
    setTimeout: (run, ms) => {
      timeouts.set(nextId, { run, ms })
      return nextId++
    },
    clearTimeout: (handle) => void timeouts.delete(handle as number),
    setInterval: (run, ms) => {
      intervals.set(nextId, { run, ms })
      return nextId++
    },
    clearInterval: (handle) => void intervals.delete(handle as number),
  }
  return {
    timers,
    pendingTimeouts: () => [...timeouts.values()].map((t) => t.ms),
    intervals: () => [...intervals.values()].map((t) => t.ms),
    /** Fires every timeout that is due now (all of them: the test stands in for the clock). */
    fireTimeouts() {
      const due = [...timeouts.values()]
      timeouts.clear()
      for (const t of due) t.run()
    },
    /** One beat of every interval: the 30 s tick. */
    tick() {
      for (const t of intervals.values()) t.run()
    },
  }
}

/** The browser's online and visibility signals, changed by the test. */
function switchableEnvironment() {
  const state = { online: true, visible: true }
  const listeners = new Set<() => void>()
  const environment: SyncEnvironment = {
    isOnline: () => state.online,
    isVisible: () => state.visible,
    listen(onChange) {
      listeners.add(onChange)
      return () => void listeners.delete(onChange)
    },
  }
  return {
    environment,
    listeners,
    /** Changes the signals and tells the engine, as the browser's events do. */
    change(next: Partial<typeof state>) {
      Object.assign(state, next)
      for (const listener of [...listeners]) listener()
    },
  }
}

/** The next status the engine settles on after a round (anything but 'syncing'). */
function nextSettled(status: SyncStatusStore): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const unsubscribe = status.subscribe(() => {
      const now = status.getState()
      if (now.phase === 'syncing') return
      unsubscribe()
      resolve(now)
    })
  })
}

const HALF = () => 0.5

describe('sync scheduling', () => {
  let server: TestServer
  let device: Device
  let engine: SyncEngine
  let clock: ReturnType<typeof manualTimers>
  let env: ReturnType<typeof switchableEnvironment>
  const network = { up: true }
  let rounds = 0
  let status: SyncStatusStore

  beforeAll(async () => {
    server = await startTestServer('sqlite')
    device = await enrolledDevice(server, DEMO_SETTING_ID)
  })
  afterAll(async () => {
    await server.close()
  })
  afterEach(() => {
    engine.stop()
  })
  beforeEach(() => {
    clock = manualTimers()
    env = switchableEnvironment()
    network.up = true
    rounds = 0
    const reach = injectFetch(server.app)
    status = createSyncStatusStore()
    engine = createSyncEngine({
      status,
      db: device.db,
      environment: env.environment,
      timers: clock.timers,
      random: HALF,
      fetch: async (input, init) => {
        if (!network.up) throw new TypeError('fetch failed')
        return reach(input, init)
      },
    })
    status.subscribe(() => {
      if (status.getState().phase === 'syncing') rounds += 1
    })
  })

  /** Starts the engine and waits for its first round. */
  async function started(): Promise<SyncStatus> {
    const settled = nextSettled(status)
    engine.start()
    return settled
  }

  it('syncs at start, then on every 30 s tick while online and visible, never otherwise', async () => {
    expect((await started()).phase).toBe('idle')
    expect(rounds).toBe(1)
    expect(clock.intervals()).toEqual([SYNC_INTERVAL_MS])

    const settled = nextSettled(status)
    clock.tick()
    expect((await settled).phase).toBe('idle')
    expect(rounds).toBe(2)

    // Offline or hidden (without the event yet): the tick starts nothing.
    Object.assign(env.environment, { isOnline: () => false })
    clock.tick()
    expect(status.getState().phase).toBe('idle')
    Object.assign(env.environment, { isOnline: () => true, isVisible: () => false })
    clock.tick()
    expect(status.getState().phase).toBe('idle')
    expect(rounds).toBe(2)
  })

  it('after failures waits longer each time, and the tick does not cut the wait short', async () => {
    network.up = false
    const first = await started()
    expect(first).toMatchObject({ phase: 'waiting-to-retry', errorCode: 'offline' })
    expect(clock.pendingTimeouts()).toEqual([backoffDelay(1, HALF)])

    clock.tick()
    expect(status.getState().phase).toBe('waiting-to-retry')
    expect(rounds).toBe(1)

    const waits = [backoffDelay(1, HALF)]
    for (let failures = 2; failures <= 4; failures++) {
      const settled = nextSettled(status)
      clock.fireTimeouts()
      expect((await settled).phase).toBe('waiting-to-retry')
      expect(clock.pendingTimeouts()).toEqual([backoffDelay(failures, HALF)])
      waits.push(backoffDelay(failures, HALF))
    }
    expect(rounds).toBe(4)
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!)

    // The retry that finds the network back succeeds, and the count of failures starts again.
    network.up = true
    const recovered = nextSettled(status)
    clock.fireTimeouts()
    expect((await recovered).phase).toBe('idle')
    expect(clock.pendingTimeouts()).toEqual([])
    network.up = false
    await engine.requestSync()
    expect(clock.pendingTimeouts()).toEqual([backoffDelay(1, HALF)])
  })

  it('the network returning or the app coming back into view syncs at once, ending the wait', async () => {
    network.up = false
    expect((await started()).phase).toBe('waiting-to-retry')

    // Hidden: the network event alone starts nothing.
    network.up = true
    env.change({ visible: false })
    expect(status.getState().phase).toBe('waiting-to-retry')
    expect(clock.pendingTimeouts()).toHaveLength(1)

    const settled = nextSettled(status)
    env.change({ visible: true })
    expect(clock.pendingTimeouts()).toEqual([])
    expect((await settled).phase).toBe('idle')
    expect(rounds).toBe(2)

    // Offline then online again, as the browser's events say.
    const offline = nextSettled(status)
    env.change({ online: false })
    void engine.requestSync()
    expect((await offline).phase).toBe('offline')
    const online = nextSettled(status)
    env.change({ online: true })
    expect((await online).phase).toBe('idle')
  })

  it('a capture (requestSync) cuts a backoff short too', async () => {
    network.up = false
    expect((await started()).phase).toBe('waiting-to-retry')
    network.up = true
    await engine.requestSync()
    expect(status.getState().phase).toBe('idle')
    expect(clock.pendingTimeouts()).toEqual([])
  })

  it('runs one round at a time: requests during a round add exactly one more', async () => {
    const first = engine.requestSync()
    const second = engine.requestSync()
    const third = engine.requestSync()
    await Promise.all([first, second, third])
    expect(rounds).toBe(2)
    await engine.requestSync()
    expect(rounds).toBe(3)
  })

  it('stop ends the tick, the retry and the listening', async () => {
    network.up = false
    expect((await started()).phase).toBe('waiting-to-retry')
    engine.stop()
    expect(clock.intervals()).toEqual([])
    expect(clock.pendingTimeouts()).toEqual([])
    expect(env.listeners.size).toBe(0)
  })
})
