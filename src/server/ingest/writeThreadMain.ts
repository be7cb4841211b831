/**
 * The write thread's own code (writeThread.ts says why it exists): a pool of its own on the
 * server's PostgreSQL database, already migrated by the server, and on it the writes the server
 * would otherwise make itself (writes.ts): a push's slices with the policy data they cache per
 * setting (policyData.ts: a copy is used only at the sequence number it was read at, so a copy
 * here never disagrees with the server's own), and the uploads' rows with their group commit.
 *
 * Invariants: every job gets exactly one answer; `close` waits for the jobs under way, then
 * closes the pool and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openPostgres } from '../storage/openDatabase.ts'
import { errorParts, type FromThread, type PostgresOptions, type ToThread } from './writeThread.ts'
import { onThisThread } from './writes.ts'

const port = parentPort
if (port === null) throw new Error('writeThreadMain.ts runs as a thread (writeThread.ts)')
const db = openPostgres(workerData as PostgresOptions)
/**
 * Photos' rows in one commit: about five statements each, so a batch holds its photos' rows for
 * some fifty round trips at most (storage/groupCommit.ts).
 */
const PHOTO_BATCH = 10
const writes = onThisThread(db, PHOTO_BATCH)
const underWay = new Set<Promise<void>>()

async function answer(message: Exclude<ToThread, { close: true }>): Promise<void> {
  const { id } = message
  let reply: FromThread
  try {
    const result =
      'slice' in message
        ? await writes.apply(message.slice)
        : await writes.writePhoto(message.photo)
    reply = { id, ok: true, result }
  } catch (error) {
    reply = { id, ok: false, error: errorParts(error) }
  }
  port?.postMessage(reply)
}

port.on('message', (message: ToThread) => {
  if ('close' in message) {
    void Promise.allSettled([...underWay])
      .then(() => db.destroy())
      .catch((error: unknown) => {
        console.error('The write thread could not close its database connections:', error)
      })
      .finally(() => {
        port.close()
      })
    return
  }
  const done = answer(message).finally(() => underWay.delete(done))
  underWay.add(done)
})
