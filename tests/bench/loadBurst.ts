/**
 * The load benchmark's morning burst (see loadBench.ts), and the time a withdrawal takes to
 * block capture on another tablet of its setting: idle, then during the burst. The watching
 * tablet runs the real sync engine (its 30 s tick and, where the server offers it, the live
 * signal); capture is "blocked" when the policy engine, on that tablet's own data, says so.
 * The lone tablet's send and both withdrawal times are medians of SAMPLES (three withdrawals
 * during the burst, one in each setting, a second apart).
 */
import { loadCaptureContext } from '../../src/db/loadCaptureContext.ts'
import { DEMO_SHOWCASE, DEMO_STAFF } from '../../src/demo/index.ts'
import { evaluateCapture, type CaptureRequest } from '../../src/policy/index.ts'
import { createSyncEngine, syncOnce } from '../../src/sync/index.ts'
import { waitingPhotos } from '../../src/sync/uploadPhotos.ts'
import { describe, describeTimings } from './loadBench.ts'
import {
  dayOffline,
  newTablets,
  newTimings,
  problemsOf,
  settingIds,
  withdraw,
  type Tablet,
  type Timings,
} from './loadTablets.ts'
import { median, round, type BenchServer } from './syncBench.ts'

const BURST = Number(process.env.LOAD_BURST ?? 30)
const SETTINGS = 3
const CHANGES = 200
const PHOTOS = 20
/** The first withdrawal starts this long after the burst, when every tablet is sending. */
const WITHDRAW_AFTER_MS = 2_000
/** The next withdrawals (one per setting) start this much later each, still in the burst. */
const WITHDRAW_EVERY_MS = 1_000
/**
 * Single-shot figures are medians of this many: the lone tablet's send, the idle withdrawal
 * and the withdrawal during the burst. One sample of each swung the ratios by 2–4× between
 * quiet runs of the same code (a withdrawal landing between two pushes, or behind one).
 */
const SAMPLES = 3
const WAIT_LIMIT_MS = 120_000

/** Syncs until the tablet has nothing left to send; returns the problems met. */
async function sendAll(tablet: Tablet): Promise<string[]> {
  const problems: string[] = []
  for (let i = 0; i < 5; i++) {
    const outcome = await syncOnce({ db: tablet.db, fetch: tablet.fetch })
    problems.push(...problemsOf(outcome))
    const left = (await tablet.db.outbox.count()) + (await waitingPhotos(tablet.db)).length
    if (left === 0) return problems
  }
  return [...problems, 'changes or photos were still waiting after five rounds']
}

async function offlineTablets(server: BenchServer, ids: string[], timings: Timings) {
  const tablets = await newTablets(server, ids, timings)
  for (const tablet of tablets) await dayOffline(tablet, CHANGES, PHOTOS)
  return tablets
}

function captureBlocked(tablet: Tablet): Promise<boolean> {
  const at = new Date().toISOString()
  const request: CaptureRequest = {
    staffId: DEMO_STAFF.practitioner.id,
    deviceId: tablet.deviceId,
    locationId: 'demo-loc-garden',
    at,
    childIds: [DEMO_SHOWCASE.allGranted.id],
    purposes: ['learning_journey'],
    adultInFrame: false,
    attestations: {
      fullyDressed: true,
      noVisibleInjury: true,
      childrenWilling: true,
      noChildrenInFrame: false,
    },
    caption: 'Painting outside',
    reason: null,
  }
  return loadCaptureContext(tablet.db, request, at).then(
    (context) => evaluateCapture(request, context).verdict !== 'allow',
  )
}

/** A withdrawal on `from`, until capture is blocked on `to` (whose sync engine is running). */
async function withdrawalReach(from: Tablet, to: Tablet): Promise<number> {
  if (await captureBlocked(to)) throw new Error('capture was blocked before the withdrawal')
  const engine = createSyncEngine({
    db: to.db,
    fetch: to.fetch,
    live: true,
    environment: { isOnline: () => true, isVisible: () => true, listen: () => () => {} },
  })
  engine.start()
  await engine.requestSync()
  try {
    const start = performance.now()
    await withdraw(from)
    void syncOnce({ db: from.db, fetch: from.fetch })
    while (!(await captureBlocked(to))) {
      if (performance.now() - start > WAIT_LIMIT_MS) throw new Error('the withdrawal never arrived')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return performance.now() - start
  } finally {
    engine.stop()
  }
}

export async function morningBurst(server: BenchServer): Promise<Record<string, number>> {
  const settings = settingIds('burst', SETTINGS)
  const idleSettings = settingIds('wd-idle', SAMPLES)
  await server.call({ op: 'cloneDemo', settingIds: [...settings, 'burst-alone', ...idleSettings] })
  const aloneTimings = newTimings()
  // An untimed day first, so the lone tablet does not meet a cold JIT the burst never sees.
  const [warm, ...lone] = await offlineTablets(
    server,
    Array.from({ length: SAMPLES + 1 }, () => 'burst-alone'),
    aloneTimings,
  )
  await timedSend([warm!])
  Object.assign(aloneTimings, newTimings())
  const aloneTimes: number[] = []
  for (const tablet of lone) aloneTimes.push(await timedSend([tablet]))
  const aloneMs = median(aloneTimes)
  const idleTimes: number[] = []
  for (const settingId of idleSettings) {
    const [idleFrom, idleTo] = await newTablets(server, [settingId, settingId], newTimings(), 1)
    idleTimes.push(await withdrawalReach(idleFrom!, idleTo!))
  }
  const idleMs = median(idleTimes)

  const timings = newTimings()
  const ids = Array.from({ length: BURST }, (_, i) => settings[i % SETTINGS]!)
  const tablets = await offlineTablets(server, ids, timings)
  // One withdrawal in each setting, a little apart, while every tablet is sending.
  const watchers = await Promise.all(
    settings.map((settingId) => newTablets(server, [settingId, settingId], newTimings(), 1)),
  )
  Object.assign(timings, newTimings())
  const during = watchers.map(
    ([from, to], i) =>
      new Promise<number>((resolve, reject) => {
        setTimeout(
          () => {
            withdrawalReach(from!, to!).then(resolve, reject)
          },
          WITHDRAW_AFTER_MS + i * WITHDRAW_EVERY_MS,
        )
      }),
  )
  const cpuBefore = await cpuTimes(server)
  const burstMs = await timedSend(tablets)
  const cpu = await cpuTimes(server, cpuBefore)
  const duringTimes = await Promise.all(during)
  const duringMs = median(duringTimes)

  const aloneRate = (CHANGES * 1000) / aloneMs
  const rate = (BURST * CHANGES * 1000) / burstMs
  const photoRate = (BURST * PHOTOS * 1000) / burstMs
  console.log(
    `burst alone: ${Math.round(aloneMs)} ms, ${aloneRate.toFixed(1)} records/s, ${((PHOTOS * 1000) / aloneMs).toFixed(1)} photos/s; ${describeTimings(aloneTimings)}`,
  )
  console.log(
    `burst of ${BURST}: ${Math.round(burstMs)} ms, ${rate.toFixed(1)} records/s, ${photoRate.toFixed(1)} photos/s; ${describeTimings(timings)}`,
  )
  console.log(
    `burst CPU: server ${Math.round((100 * cpu.server) / burstMs)}% of a core, tablets' process ${Math.round((100 * cpu.client) / burstMs)}%`,
  )
  console.log(
    `withdrawal to blocked capture (medians of ${SAMPLES}): idle ${Math.round(idleMs)} ms (${idleTimes.map(Math.round).join('/')}), during the burst ${Math.round(duringMs)} ms (${duringTimes.map(Math.round).join('/')}); lone tablet ${aloneTimes.map(Math.round).join('/')} ms; ${describe('live', timings.live)}`,
  )
  return {
    burstThroughputRatio: round(rate / aloneRate),
    withdrawal30Ratio: round(duringMs / idleMs),
    burstRecordsPerSecond: round(rate),
    burstPhotosPerSecond: round(photoRate),
    withdrawalIdleMs: Math.round(idleMs),
    withdrawal30Ms: Math.round(duringMs),
  }
}

/** CPU ms used by the server and by this process (the tablets), since `since`. */
async function cpuTimes(
  server: BenchServer,
  since?: { server: number; client: number },
): Promise<{ server: number; client: number }> {
  const usage = (await server.call({ op: 'cpu' })) as NodeJS.CpuUsage
  const own = process.cpuUsage()
  const now = {
    server: (usage.user + usage.system) / 1000,
    client: (own.user + own.system) / 1000,
  }
  return since === undefined
    ? now
    : { server: now.server - since.server, client: now.client - since.client }
}

async function timedSend(tablets: Tablet[]): Promise<number> {
  const start = performance.now()
  const problems = (await Promise.all(tablets.map(sendAll))).flat()
  const ms = performance.now() - start
  if (problems.length > 0)
    throw new Error(`the burst met problems: ${problems.slice(0, 3).join(' | ')}`)
  return ms
}
