/**
 * The whole machine's CPU time, every process and every core, from Linux's /proc/stat: what
 * the burst's server, its database, the simulated tablets and anything else on the machine
 * used between two readings. `steal` is time the machine's host gave to other machines while
 * this one wanted to run: a noisy neighbour, not work of ours. Null where /proc/stat is not.
 */
import { readFileSync } from 'node:fs'

export interface MachineCpu {
  /** ms busy, summed over the cores (user, nice, system, irq and softirq). */
  busy: number
  /** ms the host kept from this machine, summed over the cores. */
  steal: number
  /** The cores the counts are summed over (the `cpuN` lines). */
  cores: number
}

/** /proc/stat counts in USER_HZ ticks, which Linux fixes at 100 a second for user space. */
const MS_PER_TICK = 10

export function machineCpu(): MachineCpu | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'))
  } catch {
    return null
  }
}

/** The machine's line of /proc/stat (`cpu ` and its tick counts); null if there is none. */
export function parseProcStat(text: string): MachineCpu | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '))
  if (line === undefined) return null
  const ticks = line.trim().split(/\s+/).slice(1).map(Number)
  if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return null
  const [user, nice, system, , , irq, softirq, steal] = ticks as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return {
    busy: (user + nice + system + irq + softirq) * MS_PER_TICK,
    steal: steal * MS_PER_TICK,
    cores: text.split('\n').filter((l) => /^cpu\d+ /.test(l)).length,
  }
}

/** What the machine used since `before`; null if either reading is. */
export function machineCpuSince(before: MachineCpu | null): MachineCpu | null {
  const now = machineCpu()
  if (before === null || now === null) return null
  return { busy: now.busy - before.busy, steal: now.steal - before.steal, cores: now.cores }
}
