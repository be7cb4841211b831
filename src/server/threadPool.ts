/**
 * How many threads libuv's pool gives the server (`UV_THREADPOOL_SIZE`). Every photo a tablet
 * uploads is opened, written, flushed (`fsync`), read back, closed and renamed, and its folder
 * flushed, on that pool; those calls block a thread while the disk works, and signatures are
 * checked there too (verifyProofNative.ts). With Node's default of 4, the three batches of up to
 * eight photos that one tablet keeps in flight queued their 48 flushes four at a time, and the
 * event loop waited on them (decision 0038): in the sync benchmark 12 threads against 4 raised
 * `sync.uploadRatio` from 0.85–0.95 to 1.02–1.19 in three alternating pairs.
 *
 * Invariants:
 * - The size is read by libuv when the pool first starts, which for an ES module entry point is
 *   before any of its code runs (Node reads the module's source on the pool), so it can only be
 *   given in the environment of the server's process: the Docker image's ENV, the `start` and
 *   `serve` scripts, and the benchmarks' server processes (`serverProcessEnv`). A value already
 *   set there wins.
 * - The database log's flush does not depend on it: it has a thread of its own (flushThread.ts).
 */

export const SERVER_THREAD_POOL_SIZE = 12

/** `env` for a server process: the pool's size unless `env` already says one. */
export function serverProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const set = env.UV_THREADPOOL_SIZE
  if (set !== undefined && set !== '') return env
  return { ...env, UV_THREADPOOL_SIZE: String(SERVER_THREAD_POOL_SIZE) }
}
