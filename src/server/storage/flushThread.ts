/**
 * The database log's flush (`fsync`) on a thread of its own, not on libuv's thread pool.
 *
 * The pool has four threads, and a morning burst fills them with photos: every upload opens,
 * writes, flushes, closes and renames its files there (photoStore), and signatures are checked
 * there (verifyProofNative.ts). A flush of the log queued behind that work, and every answer of
 * the server waits for the flush of what it wrote or read (durableSqlite.ts): in a burst of
 * thirty tablets a flush took 23–57 ms on average (up to 317), against 2–6 ms when quiet, and
 * a withdrawal waited that long twice on its way to another tablet. Here the flush waits only
 * for the disk.
 *
 * Invariants:
 * - `sync` settles after the file's data reached the disk (open, fsync, close on the thread),
 *   or fails with the error the thread met; a missing file is flushed (SQLite removed its log
 *   after checkpointing it, as `syncFile` says).
 * - A thread that dies fails the flushes it held; the next `sync` starts a new one.
 * - The thread keeps the process alive only while a flush is under way; `close` ends it, and a
 *   `sync` after `close` starts another.
 */
import { Worker } from 'node:worker_threads'
import { threadCalls } from './threadCalls.ts'

/** The thread's code: a CommonJS script (no file to ship beside the server's bundle). */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { openSync, fsyncSync, closeSync } = require('node:fs')
parentPort.on('message', ({ id, path }) => {
  let fd = null
  try {
    try {
      fd = openSync(path, 'r')
    } catch (error) {
      if (error && error.code === 'ENOENT') {
        parentPort.postMessage({ id, ok: true })
        return
      }
      throw error
    }
    fsyncSync(fd)
    parentPort.postMessage({ id, ok: true })
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String((error && error.message) || error) })
  } finally {
    if (fd !== null) closeSync(fd)
  }
})
`

interface Reply {
  id: number
  ok: boolean
  message?: string
}

export interface FlushThread {
  sync: (path: string) => Promise<void>
  close: () => Promise<void>
}

export function flushThread(): FlushThread {
  const calls = threadCalls<{ path: string }, undefined>({
    start: () => new Worker(THREAD_SOURCE, { eval: true }),
    settle: ({ ok, message }: Reply) =>
      ok
        ? { ok: true, value: undefined }
        : {
            ok: false,
            error: new Error(`could not flush the database log: ${message ?? ''}`),
          },
    stopped: (code) => new Error(`the database log's flush thread stopped (exit code ${code})`),
  })
  return {
    sync: async (path) => {
      await calls.call({ path })
    },
    close: async () => {
      await calls.detach()?.terminate()
    },
  }
}
