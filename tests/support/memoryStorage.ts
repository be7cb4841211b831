/** For tests: a localStorage of the snapshot's shape (db/signInSnapshot.ts) in memory. */
import type { SnapshotStorage } from '../../src/db/signInSnapshot.ts'

export function memoryStorage(): SnapshotStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value)
    },
    removeItem: (key) => {
      items.delete(key)
    },
  }
}
