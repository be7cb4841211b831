/**
 * The write thread's own code (writeThread.ts says why it exists): a pool of its own on the
 * server's PostgreSQL database, already migrated by the server, and on it the writes the server
 * would otherwise make itself (writes.ts): a push's slices with the policy data they cache per
 * setting (policyData.ts: a copy is used only at the sequence number it was read at, so a copy
 * here never disagrees with the server's own), and the uploads' rows, each photo's alone.
 *
 * Invariants: every job gets exactly one answer; `close` waits for the jobs under way, then
 * closes the pool and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openPostgres, type PostgresOptions } from '../storage/openDatabase.ts'
import { errorParts, type FromThread, type ToThread } from './writeThread.ts'
import { onThisThread } from './writes.ts'

const port = parentPort
if (port === null) throw new Error('writeThreadMain.ts runs as a thread (writeThread.ts)')
const db = openPostgres(workerData as PostgresOptions)
// Each photo's rows in a transaction of their own (writes.ts says why).
const writes = onThisThread(db, 'alone')
const underWay = new Set<Promise<void>>()

async function answer(message: Exclude<ToThread, { close: true }>): Promise<void> {
  const { id } = message
  let reply: FromThread
  try {
    if ('slice' in message) reply = { id, ok: true, result: await writes.apply(message.slice) }
    else if ('photo' in message)
      reply = { id, ok: true, result: await writes.writePhoto(message.photo) }
    else if ('flagsDue' in message) {
      const { settingId, now } = message.flagsDue
      reply = { id, ok: true, result: await writes.flagsDue(settingId, now) }
    } else {
      await writes.catchUp(message.catchUp)
      reply = { id, ok: true, result: undefined }
    }
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
