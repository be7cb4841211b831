/**
 * Places where photos may be taken (and, for toilets and changing areas, never). Only the
 * manager changes the list.
 *
 * Invariant: a location is archived, never deleted, because old photos and audit events name
 * it; archived locations are left out of pickers but kept for the policy and history.
 */
import { nextVersion } from '../protocol/index.ts'
import type { Iso, LocationKind } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { Signer } from './outbox.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import type { Location } from '../model/records.ts'
import { fail, ok, type Result } from './result.ts'

export type LocationErrorCode = 'not-permitted' | 'no-name' | 'unknown-location' | 'unknown-room'

const TABLES = ['locations', 'rooms', 'staff', 'outbox', 'audit', 'device'] as const

export async function listLocations(
  db: ConsentLensDb,
  includeArchived = false,
): Promise<Location[]> {
  const all = await db.locations.toArray()
  return all
    .filter((l) => includeArchived || !l.archived)
    .sort((a, b) => a.name.localeCompare(b.name))
}

export async function addLocation(
  db: ConsentLensDb,
  input: { name: string; kind: LocationKind; roomId?: string | null },
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<Location, LocationErrorCode>> {
  const name = input.name.trim()
  if (name === '') return fail('no-name', 'Enter a name for the location.')
  return db.transaction('rw', [...TABLES], async () => {
    const allowed = await authoriseChange(db, actor, 'edit-locations')
    if (!allowed.ok) return allowed
    const roomId = input.roomId ?? null
    if (roomId !== null && (await db.rooms.get(roomId)) === undefined) {
      return fail('unknown-room', 'That room is not on this device. Choose another.')
    }
    const location: Location = {
      id: makeId(),
      name,
      kind: input.kind,
      roomId,
      archived: false,
      ...nextVersion(undefined, now),
    }
    await db.locations.add(location)
    return ok(await announce(db, location, allowed.value.signer, 'location-added', now, makeId))
  })
}

export async function archiveLocation(
  db: ConsentLensDb,
  locationId: string,
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<Result<Location, LocationErrorCode>> {
  return db.transaction('rw', [...TABLES], async () => {
    const allowed = await authoriseChange(db, actor, 'edit-locations')
    if (!allowed.ok) return allowed
    const existing = await db.locations.get(locationId)
    if (existing === undefined) {
      return fail('unknown-location', 'This location is not on this device.')
    }
    const location: Location = { ...existing, archived: true, ...nextVersion(existing, now) }
    await db.locations.put(location)
    return ok(await announce(db, location, allowed.value.signer, 'location-archived', now, makeId))
  })
}

async function announce(
  db: ConsentLensDb,
  location: Location,
  actor: Signer,
  type: 'location-added' | 'location-archived',
  now: Iso,
  makeId: NewId,
): Promise<Location> {
  await enqueueOutbox(db, { kind: 'location', payload: location, actor }, now, makeId)
  const details = { locationId: location.id, name: location.name, kind: location.kind }
  await appendAudit(db, { at: now, staffId: actor.id, type, details }, makeId)
  return location
}
