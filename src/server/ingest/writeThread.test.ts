// The write thread's answers cross threads as data: an error keeps what the server reads of it
// (its code), so a database that cannot be reached is still a 503 that tells the tablet to try
// again, not a 500. The thread is real; its database is an address nobody listens on.
import { describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID } from '../../demo/index.ts'
import { storeUnavailableOf } from '../storeUnavailable.ts'
import { errorFrom, errorParts, writeThread } from './writeThread.ts'

describe('the write thread', () => {
  it('keeps an error’s name, message and code across threads', () => {
    const error = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    })
    const back = errorFrom(errorParts(error))
    expect(back).toBeInstanceOf(Error)
    expect(back).toMatchObject({ name: 'Error', message: error.message, code: '57P01' })
    expect(storeUnavailableOf(back)?.status).toBe(503)
    expect(errorFrom(errorParts('not an error'))).toMatchObject({ message: 'not an error' })
  })

  it('answers a job whose database is unreachable with that error, as the server’s own pool would', async () => {
    const thread = writeThread({ kind: 'postgres', url: 'postgres://nobody:none@127.0.0.1:1/none' })
    try {
      const job = {
        device: { id: 'device-1', settingId: DEMO_SETTING_ID, name: 'iPad' },
        changes: [],
        now: new Date().toISOString(),
        proofs: new Map(),
        listening: [],
      }
      const failed = await thread.apply(job).then(
        () => null,
        (error: unknown) => error,
      )
      expect(failed).toMatchObject({ code: 'ECONNREFUSED' })
      expect(storeUnavailableOf(failed)).toMatchObject({
        status: 503,
        body: { error: { code: 'database_unavailable' } },
      })
      // The thread is still there for the next job.
      await expect(thread.apply(job)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    } finally {
      await thread.close()
    }
  }, 60_000)
})
