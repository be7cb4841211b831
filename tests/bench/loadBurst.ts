/**
 * The load benchmark's morning burst (see loadBench.ts), and the time a withdrawal takes to
 * block capture on another tablet of its setting: idle, then during the burst. The watching
 * tablet runs the real sync engine (its 30 s tick and, where the server offers it, the live
 * signal); capture is "blocked" when the policy engine, on that tablet's own data, says so.
 * The lone tablet's send and both withdrawal times are medians of SAMPLES (three withdrawals
 * during the burst, one in each setting, a second apart). The burst's own tablets run in
 * tabletFleet.ts processes; the lone tablet and the withdrawal's two tablets run here.
 */
import { loadCaptureContext } from '../../src/db/loadCaptureContext.ts'
import { DEMO_SHOWCASE, DEMO_STAFF } from '../../src/demo/index.ts'
import { evaluateCapture, type CaptureRequest } from '../../src/policy/index.ts'
import { createSyncEngine, syncOnce } from '../../src/sync/index.ts'
import { fork } from 'node:child_process'
import { setPriority } from 'node:os'
import { fileURLToPath } from 'node:url'
import { describe, describeTimings } from './loadBench.ts'
import {
  dayOffline,
  newTablets,
  newTimings,
  sendAll,
  settingIds,
  withdraw,
  type Tablet,
  type Timings,
} from './loadTablets.ts'
import { machineCpu, machineCpuSince, type MachineCpu } from './machineCpu.ts'
import { childExecArgv, median, round, type BenchServer } from './syncBench.ts'
import type {
  FleetAsk,
  FleetReply,
  SendReport,
  ServerCall,
  ServerCallReply,
} from './tabletFleet.ts'

const BURST = Number(process.env.LOAD_BURST ?? 30)
/** Processes the burst's tablets run in (tabletFleet.ts), apart from the watching tablets. */
const FLEETS = Number(process.env.LOAD_FLEETS ?? 1)
/**
 * The fleets' scheduling priority (a niceness; 0 is everyone else's): a real tablet's CPU is
 * not the server's, and here thirty of them share the server's two cores. At 0 the operating
 * system shared the cores out evenly between the fleet and the server, PostgreSQL's backends and
 * the tablets that time the withdrawal, so those waited for the simulator's work (decision
 * 0043). At 10 the fleet runs on whatever the others leave. `LOAD_FLEET_NICE=0`: as before.
 */
const FLEET_NICENESS = Number(process.env.LOAD_FLEET_NICE ?? 10)
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

async function offlineTablets(server: BenchServer, ids: string[], timings: Timings) {
  const tablets = await newTablets(server, ids, timings)
  for (const tablet of tablets) await dayOffline(tablet, CHANGES, PHOTOS)
  return tablets
}

interface Fleet {
  call: (request: FleetAsk) => Promise<unknown>
  close: () => Promise<void>
}

/** Starts tabletFleet.ts in a child process, relaying its enrolment-code calls to `server`. */
function startFleet(server: BenchServer): Fleet {
  const child = fork(fileURLToPath(new URL('./tabletFleet.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_FLEET_PROFILE=<folder>: a CPU profile of each fleet, written when it stops.
    execArgv: childExecArgv(process.env.BENCH_FLEET_PROFILE),
  })
  if (child.pid !== undefined) setPriority(child.pid, FLEET_NICENESS)
  const waiting = new Map<number, (reply: FleetReply) => void>()
  let nextId = 1
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  child.on('message', (message: FleetReply | ServerCall) => {
    if ('serverCall' in message) {
      const { serverCall } = message
      server.call(message.request).then(
        (value) => child.send({ serverCall, ok: true, value } satisfies ServerCallReply),
        (error: unknown) =>
          child.send({ serverCall, ok: false, error: String(error) } satisfies ServerCallReply),
      )
      return
    }
    waiting.get(message.id)?.(message)
  })
  const call = (request: FleetAsk) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++
      waiting.set(id, (reply) => {
        waiting.delete(id)
        if (reply.ok) resolve(reply.value)
        else reject(new Error(`tablet fleet: ${reply.error}`))
      })
      child.send({ ...request, id })
    })
  return {
    call,
    close: async () => {
      await call({ op: 'close' })
      await exited
    },
  }
}

/** The fleet's tablets each send their day; the time from asking to the last one done. */
async function fleetSend(fleets: Fleet[], into: Timings): Promise<number> {
  const start = performance.now()
  const reports = (await Promise.all(fleets.map((f) => f.call({ op: 'send' })))) as SendReport[]
  const ms = performance.now() - start
  const problems = reports.flatMap((r) => r.problems)
  if (problems.length > 0)
    throw new Error(`the burst met problems: ${problems.slice(0, 3).join(' | ')}`)
  for (const report of reports)
    for (const kind of Object.keys(into) as (keyof Timings)[])
      into[kind].push(...report.timings[kind])
  return ms
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
    let sent = 'still sending'
    void syncOnce({ db: from.db, fetch: from.fetch }).then(
      (outcome) => {
        sent = JSON.stringify(outcome.ok ? outcome.value.push : outcome.error)
      },
      (error: unknown) => {
        sent = `failed: ${String(error)}`
      },
    )
    while (!(await captureBlocked(to))) {
      if (performance.now() - start > WAIT_LIMIT_MS) {
        const waiting = await to.db.outbox.count()
        throw new Error(
          `the withdrawal never arrived; its tablet's round: ${sent}; the other tablet's outbox: ${waiting}`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return performance.now() - start
  } finally {
    engine.stop()
  }
}

/** The figures' baselines: one tablet's day sent alone, and withdrawals on an idle server. */
interface Baseline {
  aloneMs: number
  /** CPU of each lone send: the server's, and this process's (the lone tablet's) as `watchers`. */
  aloneCpu: CpuTimes[]
  /** The whole machine's CPU during each lone send (machineCpu.ts); null off Linux. */
  aloneMachine: (MachineCpu | null)[]
  aloneTimes: number[]
  aloneTimings: Timings
  idleMs: number
  idleTimes: number[]
}

async function baseline(server: BenchServer): Promise<Baseline> {
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
  const aloneCpu: CpuTimes[] = []
  const aloneMachine: (MachineCpu | null)[] = []
  for (const tablet of lone) {
    const before = await cpuTimes(server, [])
    const machineBefore = machineCpu()
    aloneTimes.push(await timedSend([tablet]))
    aloneMachine.push(machineCpuSince(machineBefore))
    aloneCpu.push(await cpuTimes(server, [], before))
  }
  const idleTimes: number[] = []
  for (const settingId of settingIds('wd-idle', SAMPLES)) {
    const [idleFrom, idleTo] = await newTablets(server, [settingId, settingId], newTimings(), 1)
    idleTimes.push(await withdrawalReach(idleFrom!, idleTo!))
  }
  return {
    aloneMs: median(aloneTimes),
    aloneCpu,
    aloneMachine,
    aloneTimes,
    aloneTimings,
    idleMs: median(idleTimes),
    idleTimes,
  }
}

/** The burst's tablets, in FLEETS processes of their own, each with a share of every setting. */
async function withFleets<T>(
  server: BenchServer,
  ids: string[],
  task: (fleets: Fleet[]) => Promise<T>,
): Promise<T> {
  const fleets = Array.from({ length: FLEETS }, () => startFleet(server))
  try {
    await Promise.all(
      fleets.map((fleet, f) =>
        fleet.call({
          op: 'prepare',
          serverUrl: server.url,
          settingIds: ids.filter((_, i) => i % FLEETS === f),
          changes: CHANGES,
          photos: PHOTOS,
        }),
      ),
    )
    return await task(fleets)
  } finally {
    await Promise.all(fleets.map((fleet) => fleet.close()))
  }
}

/** Every fleet sends at once; one withdrawal in each setting, a little apart, meanwhile. */
async function burst(server: BenchServer, fleets: Fleet[], settings: string[]) {
  const watchers = await Promise.all(
    settings.map((settingId) => newTablets(server, [settingId, settingId], newTimings(), 1)),
  )
  const timings = newTimings()
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
  const cpuBefore = await cpuTimes(server, fleets)
  await server.call({ op: 'loopDelay', reset: true })
  const machineBefore = machineCpu()
  const burstMs = await fleetSend(fleets, timings)
  const machine = machineCpuSince(machineBefore)
  const loop = (await server.call({ op: 'loopDelay', reset: true })) as LoopDelay
  const cpu = await cpuTimes(server, fleets, cpuBefore)
  return { burstMs, timings, cpu, machine, loop, duringTimes: await Promise.all(during) }
}

export async function morningBurst(server: BenchServer): Promise<Record<string, number>> {
  const settings = settingIds('burst', SETTINGS)
  const idleSettings = settingIds('wd-idle', SAMPLES)
  await server.call({ op: 'cloneDemo', settingIds: [...settings, 'burst-alone', ...idleSettings] })
  const { aloneMs, aloneCpu, aloneMachine, aloneTimes, aloneTimings, idleMs, idleTimes } =
    await baseline(server)
  const ids = Array.from({ length: BURST }, (_, i) => settings[i % SETTINGS]!)
  const { burstMs, timings, cpu, machine, loop, duringTimes } = await withFleets(
    server,
    ids,
    (fleets) => burst(server, fleets, settings),
  )
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
    `lone tablet CPU per day: server ${aloneCpu.map((c) => Math.round(c.server)).join('/')} ms, the tablet ${aloneCpu.map((c) => Math.round(c.watchers)).join('/')} ms; in the burst, per tablet: server ${Math.round(cpu.server / BURST)} ms, tablets ${Math.round(cpu.client / BURST)} ms`,
  )
  console.log(
    `burst CPU: server ${Math.round((100 * cpu.server) / burstMs)}% of a core, the burst's tablets (${FLEETS} processes at niceness ${FLEET_NICENESS}) ${Math.round((100 * cpu.client) / burstMs)}%, the watching tablets' process ${Math.round((100 * cpu.watchers) / burstMs)}%; the server's event loop kept a ready callback waiting p50 ${loop.p50} ms, p99 ${loop.p99} ms, max ${loop.max} ms`,
  )
  const ceiling = cpuCeiling(aloneMs, aloneMachine, burstMs, machine)
  if (ceiling !== null) console.log(ceiling.line)
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
    ...(ceiling === null ? {} : ceiling.figures),
  }
}

/**
 * What the machine's cores allow the burst (decision 0044). Every core was busy for most of
 * the burst, so its length is bound below by the CPU it took, everything on the machine
 * counted (the server, its database, the simulated tablets): the machine's cores working the
 * whole burst at its CPU per tablet give at most `ceiling` = cores × the lone tablet's time ÷
 * the machine's CPU per tablet in the burst, as a throughput ratio. `load.burstThroughputRatio`
 * near the ceiling says the server does not make tablets wait for each other and the cores
 * are the limit; far below it, that they wait. `use` is the share of the cores the burst kept
 * busy. Steal is CPU the host gave to other machines meanwhile (the run was not quiet).
 */
function cpuCeiling(
  aloneMs: number,
  aloneMachine: (MachineCpu | null)[],
  burstMs: number,
  machine: MachineCpu | null,
): { line: string; figures: Record<string, number> } | null {
  const alone = aloneMachine.filter((m) => m !== null)
  if (machine === null || alone.length !== aloneMachine.length) return null
  const { cores } = machine
  const perTablet = machine.busy / BURST
  const ceiling = (cores * aloneMs) / perTablet
  const use = machine.busy / (cores * burstMs)
  const aloneBusy = alone.map((m) => Math.round(m.busy)).join('/')
  return {
    line: `burst on the machine's ${cores} cores: ${Math.round(perTablet)} ms of CPU per tablet (alone ${aloneBusy} ms a day), ${Math.round(100 * use)}% of the cores busy, ${Math.round(machine.steal)} ms stolen by the host; at that CPU per tablet the cores allow a throughput ratio of ${ceiling.toFixed(2)}`,
    figures: {
      burstMachineCpuMsPerTablet: Math.round(perTablet),
      burstCoresBusy: round(use),
      burstCpuCeilingRatio: round(ceiling),
    },
  }
}

/** How long the server's event loop kept a ready callback waiting (benchServer.ts). */
interface LoopDelay {
  p50: number
  p99: number
  max: number
}

interface CpuTimes {
  server: number
  client: number
  watchers: number
}

/** CPU ms used by the server, the fleets' tablets and this process (the watchers), since `since`. */
async function cpuTimes(server: BenchServer, fleets: Fleet[], since?: CpuTimes): Promise<CpuTimes> {
  const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000
  const [usage, ...fleetUsage] = (await Promise.all([
    server.call({ op: 'cpu' }),
    ...fleets.map((fleet) => fleet.call({ op: 'cpu' })),
  ])) as NodeJS.CpuUsage[]
  const now = {
    server: ms(usage!),
    client: fleetUsage.reduce((sum, u) => sum + ms(u), 0),
    watchers: ms(process.cpuUsage()),
  }
  return since === undefined
    ? now
    : {
        server: now.server - since.server,
        client: now.client - since.client,
        watchers: now.watchers - since.watchers,
      }
}

async function timedSend(tablets: Tablet[]): Promise<number> {
  const start = performance.now()
  const problems = (await Promise.all(tablets.map(sendAll))).flat()
  const ms = performance.now() - start
  if (problems.length > 0)
    throw new Error(`the burst met problems: ${problems.slice(0, 3).join(' | ')}`)
  return ms
}
