/**
 * One writer per setting at a time, waiting in this process rather than in the database.
 *
 * Pushes and audit pushes of a setting lock its `settings` row until they commit, so a second
 * one would wait anyway, but on PostgreSQL it would wait holding one of the pool's
 * connections: thirty tablets of three settings coming online at once filled the pool with
 * waiters, and uploads and pulls of every setting found no connection (503 after the connect
 * timeout). Queued here, a waiting push holds nothing; other settings' work and every read go
 * on. The row lock stays the guarantee across processes; this queue only keeps waiting cheap.
 *
 * Invariant: tasks of one setting run one after another in arrival order; a failed task does
 * not stop the next.
 */
export interface SettingQueue {
  run<T>(settingId: string, task: () => Promise<T>): Promise<T>
}

export function settingQueue(): SettingQueue {
  const tails = new Map<string, Promise<unknown>>()
  return {
    run(settingId, task) {
      const before = tails.get(settingId) ?? Promise.resolve()
      const result = before.then(task, task)
      const tail = result.then(
        () => undefined,
        () => undefined,
      )
      tails.set(settingId, tail)
      void tail.then(() => {
        if (tails.get(settingId) === tail) tails.delete(settingId)
      })
      return result
    },
  }
}
