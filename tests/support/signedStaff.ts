/**
 * For tests: a member of staff signed in on an enrolled tablet, as the app holds them: their
 * signing seed derived from their PIN and the verifier the server holds (salt, iterations),
 * and the headers of a request they sign (src/sync/signedRequestHeaders.ts).
 */
import { pbkdf2Sync } from 'node:crypto'
import type { Kysely } from 'kysely'
import { splitPinMaster, StaffPinWireSchema } from '../../src/protocol/index.ts'
import { getEntity } from '../../src/server/storage/entities.ts'
import type { Database } from '../../src/server/storage/schema.ts'
import { signedRequestHeaders } from '../../src/sync/signedRequestHeaders.ts'
import { enrolDevice } from './serverFixtures.ts'
import type { TestServer } from './testServer.ts'

export interface SignedIn {
  settingId: string
  deviceId: string
  credential: string
  staffId: string
  signingSeed: Uint8Array
}

export async function signingSeedOf(
  db: Kysely<Database>,
  settingId: string,
  staff: { id: string; pin: string },
): Promise<Uint8Array> {
  const stored = StaffPinWireSchema.parse(await getEntity(db, settingId, 'staffPin', staff.id))
  const salt = Buffer.from(stored.pin.saltB64, 'base64')
  const master = pbkdf2Sync(staff.pin, salt, stored.pin.iterations, 32, 'sha256')
  return splitPinMaster(new Uint8Array(master)).signingSeed
}

/** The device credential and the person's signature, for `method path` with `json` as body. */
export function signedHeaders(
  who: SignedIn,
  method: string,
  path: string,
  json?: unknown,
): Record<string, string> {
  const body = json === undefined ? null : JSON.stringify(json)
  const headers: Record<string, string> = {
    authorization: `Bearer ${who.credential}`,
    ...signedRequestHeaders({ ...who, method, path, body, now: new Date().toISOString() }),
  }
  if (body !== null) headers['content-type'] = 'application/json'
  return headers
}

/** Requests signed at one enrolled tablet by any member of staff: `(person, method, path, json)`. */
export type StaffDesk = (
  person: { id: string; pin: string },
  method: string,
  path: string,
  json?: unknown,
) => Promise<Response>

/**
 * A tablet enrolled at the setting that several people sign requests at, as the app holds
 * them: each person's signing seed is derived from their PIN once (PBKDF2 at the server's
 * iterations), then reused. Returns its credential (for requests no person signs) and `send`.
 */
export async function staffDesk(
  server: TestServer,
  settingId: string,
): Promise<{ credential: string; send: StaffDesk }> {
  const desk = { ...(await enrolDevice(server, settingId)), settingId }
  const db = server.services.db
  const seeds = new Map<string, Promise<Uint8Array>>()
  const send: StaffDesk = async (person, method, path, json) => {
    let seed = seeds.get(person.id)
    if (seed === undefined) {
      seed = signingSeedOf(db, desk.settingId, person)
      seeds.set(person.id, seed)
    }
    const who = { ...desk, staffId: person.id, signingSeed: await seed }
    return fetch(`${server.url}${path}`, {
      method,
      headers: signedHeaders(who, method, path, json),
      body: json === undefined ? undefined : JSON.stringify(json),
    })
  }
  return { credential: desk.credential, send }
}
