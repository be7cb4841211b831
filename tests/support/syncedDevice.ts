/**
 * For tests: an iPad (a Dexie database on fake-indexeddb) enrolled with a test server through
 * the real enrolment route, and the fetch wrappers that break the network in chosen ways.
 */
import { freshDb } from './testDb.ts'
import type { ConsentLensDb } from '../../src/db/index.ts'
import { createEnrolmentCode } from '../../src/server/devices/enrolment.ts'
import { enrolDevice, syncOnce } from '../../src/sync/index.ts'
import type { TestServer } from './testServer.ts'

export interface Device {
  db: ConsentLensDb
  deviceId: string
}

export async function enrolledDevice(server: TestServer, settingId: string): Promise<Device> {
  const db = freshDb()
  const { code } = await createEnrolmentCode(
    server.services.db,
    settingId,
    'test',
    server.services.now(),
  )
  const result = await enrolDevice(db, {
    serverUrl: server.url,
    code,
    now: new Date().toISOString(),
  })
  if (!result.ok) throw new Error(result.error.message)
  const device = await db.device.toArray()
  return { db, deviceId: device[0]!.id }
}

/** One sync round of the device; a round that fails fails the test with the engine's words. */
export async function synced(device: Device): Promise<void> {
  const result = await syncOnce({ db: device.db })
  if (!result.ok) throw new Error(result.error.message)
}

/** A fetch whose requests matching `when` fail like a dropped connection, from the `after`-th on. */
export function failingFetch(
  when: (url: string, init?: RequestInit) => boolean,
  after = 0,
): typeof fetch {
  let seen = 0
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (when(url, init) && seen++ >= after) throw new TypeError('fetch failed')
    return fetch(input, init)
  }
}

/** A fetch that delivers matching requests to the server but loses the answer. */
export function answerLostFetch(when: (url: string) => boolean): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const response = await fetch(input, init)
    if (when(url)) {
      await response.arrayBuffer()
      throw new TypeError('fetch failed')
    }
    return response
  }
}
