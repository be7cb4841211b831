/**
 * For tests: a second setting on the server (a manager with a PIN, a child, a room), device
 * enrolment straight from the storage, and small HTTP helpers that return status and JSON.
 */
import type { Kysely } from 'kysely'
import { hashPinForDevices } from '../../src/server/auth/pinVerifier.ts'
import { createEnrolmentCode } from '../../src/server/devices/enrolment.ts'
import { putEntity } from '../../src/server/storage/entities.ts'
import type { Database } from '../../src/server/storage/schema.ts'
import { DEMO_SETTING_ID, DEMO_SHOWCASE } from '../../src/demo/index.ts'
import type { PhotoMetaWire } from '../../src/protocol/index.ts'
import { photoMeta } from './photoFixture.ts'
import { demoSigner, signedChange } from './signedChanges.ts'
import type { TestServer } from './testServer.ts'

export const OTHER_SETTING = 'setting-b'
export const OTHER_MANAGER = { id: 'b-manager', pin: '8642' }

export async function seedOtherSetting(db: Kysely<Database>): Promise<void> {
  const at = new Date().toISOString()
  await db
    .insertInto('settings')
    .values({ id: OTHER_SETTING, name: 'Other Nursery', is_demo: 0, last_seq: 0, created_at: at })
    .execute()
  const manager = {
    id: OTHER_MANAGER.id,
    name: 'Bea Manager',
    role: 'manager',
    canCapture: true,
    roomId: null,
    active: true,
  }
  await putEntity(db, OTHER_SETTING, 'staff', manager.id, manager, at)
  const pin = { id: manager.id, pin: await hashPinForDevices(OTHER_MANAGER.pin) }
  await putEntity(db, OTHER_SETTING, 'staffPin', manager.id, pin, at)
  const child = {
    id: 'b-child',
    firstName: 'Bryn',
    lastName: 'Other',
    roomId: 'b-room',
    keyworkerId: manager.id,
    dateOfBirth: '2023-01-01',
    leavingDate: null,
  }
  await putEntity(db, OTHER_SETTING, 'child', child.id, child, at)
}

export interface HttpAnswer {
  status: number
  body: Record<string, unknown>
}

export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: {
    credential?: string
    json?: unknown
    body?: Uint8Array<ArrayBuffer>
    raw?: string
  } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {}
  if (options.credential !== undefined) headers.authorization = `Bearer ${options.credential}`
  let body: BodyInit | undefined
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.raw !== undefined) {
    headers['content-type'] = 'application/json'
    body = options.raw
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/octet-stream'
    body = options.body
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body })
  const text = await response.text()
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  }
}

/** Enrols a device into `settingId` the way a manager's code would; returns its credential. */
export async function enrolDevice(
  server: TestServer,
  settingId: string,
): Promise<{ deviceId: string; credential: string }> {
  const { code } = await createEnrolmentCode(
    server.services.db,
    settingId,
    'test',
    server.services.now(),
  )
  const answer = await call(server, 'POST', '/api/enrol', {
    json: { code, deviceName: 'Test iPad' },
  })
  if (answer.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(answer.body)}`)
  return { deviceId: String(answer.body.deviceId), credential: String(answer.body.credential) }
}

/**
 * Pushes the details of a demo photo of `bytes` (the child with every consent, taken by the
 * practitioner on `device`), so the server takes its image; throws unless it was applied.
 */
export async function pushedPhoto(
  server: TestServer,
  device: { deviceId: string; credential: string },
  bytes: Uint8Array,
  id?: string,
): Promise<PhotoMetaWire> {
  const meta = photoMeta({
    ...(id === undefined ? {} : { id }),
    deviceId: device.deviceId,
    bytes,
    childIds: [DEMO_SHOWCASE.allGranted.id],
  })
  const change = signedChange(DEMO_SETTING_ID, demoSigner(meta.staffId), 'photo', meta)
  const answer = await call(server, 'POST', '/api/sync/push', {
    credential: device.credential,
    json: { settingId: DEMO_SETTING_ID, changes: [change] },
  })
  const applied = [{ id: change.id, status: 'applied' }]
  if (JSON.stringify(answer.body.results) !== JSON.stringify(applied))
    throw new Error(`the photo's details were not applied: ${JSON.stringify(answer.body)}`)
  return meta
}
