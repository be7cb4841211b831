/**
 * The write thread's own code (writeThread.ts says why it exists): a pool of its own on the
 * server's PostgreSQL database, already migrated by the server, and the policy data it caches
 * per setting (policyData.ts: a copy is used only at the sequence number it was read at, so a
 * copy here never disagrees with the server's own).
 *
 * Invariants: every job gets exactly one answer; `close` waits for the jobs under way, then
 * closes the pool and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openPostgres } from '../storage/openDatabase.ts'
import { applySlice, type SliceJob } from './applySlice.ts'
import { policyDataLoader } from './policyData.ts'
import { errorParts, type FromThread, type PostgresOptions, type ToThread } from './writeThread.ts'

const port = parentPort
if (port === null) throw new Error('writeThreadMain.ts runs as a thread (writeThread.ts)')
const db = openPostgres(workerData as PostgresOptions)
const policyData = policyDataLoader()
const underWay = new Set<Promise<void>>()

async function answer(id: number, job: SliceJob): Promise<void> {
  let reply: FromThread
  try {
    reply = { id, ok: true, result: await applySlice(db, policyData, job) }
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
  const done = answer(message.id, message.job).finally(() => underWay.delete(done))
  underWay.add(done)
})
