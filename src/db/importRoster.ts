/**
 * Importing a previewed roster: all rows or none, in one transaction, each child with its
 * outbox entry, and one audit event for the import.
 *
 * Invariant: the rows are checked again inside the transaction against the roster as it is
 * now (a room archived, a keyworker gone or a child added since the preview); if any row no
 * longer passes, nothing is imported and every problem is reported by line.
 */
import { nextVersion } from '../protocol/index.ts'
import type { Iso } from '../policy/index.ts'
import { appendAudit } from './auditLog.ts'
import { authoriseChange, type ActorRef } from './authorise.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { newId, type NewId } from './newId.ts'
import { enqueueOutbox } from './outbox.ts'
import type { Child } from '../model/records.ts'
import type { RosterProblem, RosterRow } from './rosterCsv.ts'
import { childKey, type RosterLookup } from './rosterChecks.ts'
import { listStaff } from './staffQueries.ts'

export type ImportResult =
  | { ok: true; value: Child[] }
  | {
      ok: false
      error: {
        code: 'not-permitted' | 'roster-invalid'
        message: string
        problems: RosterProblem[]
      }
    }

const TABLES = ['rooms', 'children', 'staff', 'outbox', 'audit', 'device'] as const

async function stillValid(db: ConsentLensDb, rows: readonly RosterRow[]): Promise<RosterProblem[]> {
  const [rooms, staff, children] = await Promise.all([
    db.rooms.toArray(),
    db.staff.toArray(),
    db.children.toArray(),
  ])
  const roomIds = new Set(rooms.map((r) => r.id))
  const keyworkers = new Set(staff.filter((s) => s.active).map((s) => s.id))
  const keys = new Set(children.map((c) => childKey(c.firstName, c.lastName, c.dateOfBirth)))
  const problems: RosterProblem[] = []
  for (const row of rows) {
    const report = (message: string) => problems.push({ line: row.line, message })
    if (!roomIds.has(row.roomId)) report(`Room ${row.roomName} is no longer on this device.`)
    if (!keyworkers.has(row.keyworkerId)) report(`${row.keyworkerName} is no longer current staff.`)
    const key = childKey(row.firstName, row.lastName, row.dateOfBirth)
    if (keys.has(key)) report('This child is already on the roster. Remove the line.')
    keys.add(key)
  }
  return problems
}

export async function importRoster(
  db: ConsentLensDb,
  rows: readonly RosterRow[],
  actor: ActorRef,
  now: Iso,
  makeId: NewId = newId,
): Promise<ImportResult> {
  return db.transaction('rw', [...TABLES], async (): Promise<ImportResult> => {
    const allowed = await authoriseChange(db, actor, 'manage-roster')
    if (!allowed.ok) return { ok: false, error: { ...allowed.error, problems: [] } }
    const problems = await stillValid(db, rows)
    if (problems.length > 0) {
      const message =
        'The roster changed since the preview. Nothing was imported: check the file and try again.'
      return { ok: false, error: { code: 'roster-invalid', message, problems } }
    }
    const children: Child[] = rows.map((row) => ({
      id: makeId(),
      firstName: row.firstName,
      lastName: row.lastName,
      roomId: row.roomId,
      keyworkerId: row.keyworkerId,
      dateOfBirth: row.dateOfBirth,
      leavingDate: null,
      ...nextVersion(undefined, now),
    }))
    await db.children.bulkAdd(children)
    for (const payload of children)
      await enqueueOutbox(db, { kind: 'child', payload, actor: allowed.value.signer }, now, makeId)
    const details = { count: children.length, childIds: children.map((c) => c.id) }
    await appendAudit(
      db,
      { at: now, staffId: allowed.value.id, type: 'roster-imported', details },
      makeId,
    )
    return { ok: true, value: children }
  })
}

/** What `parseRosterCsv` checks a file against: this device's roster as it is at `now`. */
export async function loadRosterLookup(db: ConsentLensDb, now: Iso): Promise<RosterLookup> {
  const [rooms, staff, children] = await Promise.all([
    db.rooms.toArray(),
    listStaff(db),
    db.children.toArray(),
  ])
  return { rooms, staff, children, today: now.slice(0, 10) }
}
