/**
 * One writer per setting at a time, waiting in this process rather than in the database, and
 * restrictions first.
 *
 * Pushes and audit pushes of a setting lock its `settings` row until they commit, so a second
 * one would wait anyway, but on PostgreSQL it would wait holding one of the pool's
 * connections: thirty tablets of three settings coming online at once filled the pool with
 * waiters, and uploads and pulls of every setting found no connection (503 after the connect
 * timeout). Queued here, a waiting push holds nothing; other settings' work and every read go
 * on. The row lock stays the guarantee across processes; this queue only keeps waiting cheap.
 *
 * An urgent task (a push that withdraws or refuses consent) goes before every task of its
 * setting still waiting, so a withdrawal does not wait behind a morning's backlog of photos.
 *
 * Invariants: tasks of one setting run one at a time; urgent ones in arrival order before the
 * others, the others in arrival order; a failed task does not stop the next.
 */
export interface SettingQueue {
  run<T>(settingId: string, task: () => Promise<T>, urgent?: boolean): Promise<T>
}

interface Lane {
  urgent: (() => Promise<void>)[]
  normal: (() => Promise<void>)[]
}

export function settingQueue(): SettingQueue {
  const lanes = new Map<string, Lane>()

  function next(settingId: string, lane: Lane): void {
    const start = lane.urgent.shift() ?? lane.normal.shift()
    if (start === undefined) {
      lanes.delete(settingId)
      return
    }
    void start().finally(() => {
      next(settingId, lane)
    })
  }

  return {
    run(settingId, task, urgent = false) {
      return new Promise((resolve, reject) => {
        const start = () => task().then(resolve, reject)
        const waiting = lanes.get(settingId)
        if (waiting === undefined) {
          const lane: Lane = { urgent: [], normal: [] }
          lanes.set(settingId, lane)
          void start().finally(() => {
            next(settingId, lane)
          })
          return
        }
        ;(urgent ? waiting.urgent : waiting.normal).push(start)
      })
    },
  }
}
