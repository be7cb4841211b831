/**
 * Photos per child over the last 7 and 30 days: the policies ask that no child be favoured,
 * so children with none or few are picked out for the manager.
 *
 * Invariants:
 * - Counts kept photos only (a deleted photo is not in any learning journey).
 * - "Few" is below half the average of all listed children in that window, so it follows the
 *   setting's own rhythm; "none" is zero. With no photos at all, every child reads "none".
 * - Pure: the windows' bounds come in as ISO instants.
 */
export type Balance = 'none' | 'few' | 'ok'

export interface ChildTally {
  childId: string
  name: string
  week: number
  month: number
  weekBalance: Balance
  monthBalance: Balance
}

export interface BalanceWindows {
  weekFrom: string
  monthFrom: string
  /** Exclusive end of both windows: the end of the day audited. */
  until: string
}

interface CountedPhoto {
  takenAt: string
  childIds: readonly string[]
  deleted: unknown
}

export function photoBalance(
  children: readonly { id: string; name: string }[],
  photos: readonly CountedPhoto[],
  windows: BalanceWindows,
): ChildTally[] {
  const week = new Map<string, number>()
  const month = new Map<string, number>()
  for (const photo of photos) {
    if (photo.deleted !== null || photo.takenAt >= windows.until) continue
    if (photo.takenAt < windows.monthFrom) continue
    const inWeek = photo.takenAt >= windows.weekFrom
    for (const id of new Set(photo.childIds)) {
      month.set(id, (month.get(id) ?? 0) + 1)
      if (inWeek) week.set(id, (week.get(id) ?? 0) + 1)
    }
  }
  const weekOf = (id: string) => week.get(id) ?? 0
  const monthOf = (id: string) => month.get(id) ?? 0
  const weekJudge = judge(children.map((c) => weekOf(c.id)))
  const monthJudge = judge(children.map((c) => monthOf(c.id)))
  return children.map((c) => ({
    childId: c.id,
    name: c.name,
    week: weekOf(c.id),
    month: monthOf(c.id),
    weekBalance: weekJudge(weekOf(c.id)),
    monthBalance: monthJudge(monthOf(c.id)),
  }))
}

function judge(counts: readonly number[]): (count: number) => Balance {
  const average = counts.length === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / counts.length
  return (count) => (count === 0 ? 'none' : count < average / 2 ? 'few' : 'ok')
}
