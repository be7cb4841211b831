// The clock functions the sync engine and the live signal wait with, passed in so tests can
// drive them without waiting (the browser's own setTimeout and setInterval in the app).
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  setInterval(run: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}
