/**
 * `load`: many tablets at once against one server, each shape against one tablet alone on the
 * same server in the same run, on SQLite and (DATABASE_URL set) PostgreSQL:
 * - a steady day: LOAD_TABLETS (250) tablets in settings of five, each syncing every 30 s
 *   (staggered) and after each photo (one every ~3 minutes) or consent change (one every ~15
 *   minutes), for LOAD_SECONDS (30), with one withdrawal in the middle.
 *   `load.steadyP95Ratio` = p95 of a sync round ÷ the same for one tablet alone;
 *   `load.errors` = failed rounds, refused changes and photos that did not go.
 * - the morning burst: LOAD_BURST (30) tablets in three settings, each back after a day
 *   offline (200 changes, 20 of them photos of 300 KB), sync at once.
 *   `load.burstThroughputRatio` = records/s of all of them ÷ records/s of one alone;
 *   `load.withdrawal30Ratio` = time from a withdrawal on one tablet to blocked capture on
 *   another of its setting during the burst ÷ the same on an idle server.
 *   `load.burstCpuCeilingRatio`: the throughput ratio the machine's cores allow at the CPU
 *   the burst took per tablet, everything on the machine counted (loadBurst.ts, decision 0044).
 * PostgreSQL figures carry `load.postgres.` in front. Loopback only; every count is bounded.
 *
 * What is measured: the steady day's tablets share this one process (a real tablet has a CPU
 * of its own), the server runs in another. The burst's thirty tablets run in a process of their
 * own (LOAD_FLEETS of them; tabletFleet.ts), and the tablets that time the withdrawal stay
 * here: in one process with the thirty, applying each other's records kept that thread busy
 * most of the burst, and the watching tablet waited behind them for its turn, so the
 * withdrawal measured the simulator's queue as much as the server. A round's time is what
 * the tablet waits, its own work included, so the figures hold only while the tablets'
 * processes are not the bottleneck: the burst prints every process's share of a core.
 * `sync.withdrawalLiveMs` is the idle withdrawal on SQLite (the live signal; goal under 1 s).
 */
import 'fake-indexeddb/auto'
import { DATABASE_URL } from '../support/testServer.ts'
import type { Timings } from './loadTablets.ts'
import { morningBurst } from './loadBurst.ts'
import { steadyDay } from './loadSteady.ts'
import { startBenchServer } from './syncBench.ts'

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export function describe(label: string, values: readonly number[]): string {
  if (values.length === 0) return `${label} none`
  const p50 = Math.round(percentile(values, 50))
  const p95 = Math.round(percentile(values, 95))
  return `${label} p50 ${p50} ms p95 ${p95} ms (${values.length})`
}

export function describeTimings(timings: Timings): string {
  return (['push', 'upload', 'pull', 'audit'] as const)
    .map((kind) => describe(kind, timings[kind]))
    .join(', ')
}

async function loadOn(backend: 'sqlite' | 'postgres'): Promise<Record<string, number>> {
  const server = await startBenchServer(backend)
  try {
    // LOAD_SHAPES=burst (or steady) runs one shape only, while working on it.
    const shapes = (process.env.LOAD_SHAPES ?? 'steady,burst').split(',')
    const steady = shapes.includes('steady') ? await steadyDay(server) : {}
    const burst = shapes.includes('burst') ? await morningBurst(server) : {}
    return { ...steady, ...burst }
  } finally {
    await server.close()
  }
}

export async function benchLoad(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {}
  const backends = DATABASE_URL === '' ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const)
  // LOAD_BACKENDS=postgres (or sqlite) runs on one database only, while working on it.
  const only = process.env.LOAD_BACKENDS?.split(',')
  for (const backend of backends.filter((b) => only === undefined || only.includes(b))) {
    console.log(`load on ${backend}`)
    const prefix = backend === 'sqlite' ? 'load.' : 'load.postgres.'
    const measured = await loadOn(backend)
    for (const [name, value] of Object.entries(measured)) figures[`${prefix}${name}`] = value
    // The live signal on a quiet server: a withdrawal to blocked capture on another tablet.
    if (backend === 'sqlite' && measured.withdrawalIdleMs !== undefined)
      figures['sync.withdrawalLiveMs'] = measured.withdrawalIdleMs
  }
  return figures
}
