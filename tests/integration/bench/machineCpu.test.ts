import { describe, expect, it } from 'vitest'
import { machineCpu, machineCpuSince, parseProcStat } from '../../bench/machineCpu.ts'

describe("the machine's CPU from /proc/stat", () => {
  it('counts user, nice, system, irq and softirq as busy, and steal apart, over the cores listed; idle and iowait are not busy', () => {
    const text = [
      'cpu  100 20 30 5000 40 1 2 7 0 0',
      'cpu0 50 10 15 2500 20 1 1 3 0 0',
      'cpu1 50 10 15 2500 20 0 1 4 0 0',
      'intr 12345',
    ].join('\n')
    expect(parseProcStat(text)).toEqual({
      busy: (100 + 20 + 30 + 1 + 2) * 10,
      steal: 70,
      cores: 2,
    })
  })

  it('has no reading without the machine line or with a short or garbled one', () => {
    expect(parseProcStat('cpu0 1 2 3 4 5 6 7 8\n')).toBeNull()
    expect(parseProcStat('cpu  1 2 3\n')).toBeNull()
    expect(parseProcStat('cpu  1 2 x 4 5 6 7 8\n')).toBeNull()
  })

  it('gives what was used between two readings, or nothing if a reading is missing', () => {
    expect(machineCpuSince(null)).toBeNull()
    const before = machineCpu()
    if (before === null) return // not Linux: nothing to read
    // This thread's own work shows as busy once the kernel's next tick counts it.
    let used = machineCpuSince(before)
    while (used !== null && used.busy === 0) used = machineCpuSince(before)
    expect(used!.busy).toBeGreaterThan(0)
    expect(used!.steal).toBeGreaterThanOrEqual(0)
  })
})
