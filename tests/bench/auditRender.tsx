// For auditBench.ts only, imported once a DOM is installed: mounts the real AuditScreen over a
// fake-indexeddb database holding the busy day, and times mount → everything on the page.
import { cleanup, render, screen } from '@testing-library/react'
import type { busyDay } from '../../src/audit/auditTestData.ts'
import { CHILDREN, LOCATIONS, STAFF } from '../../src/audit/auditTestData.ts'
import { AuditScreen } from '../../src/app/screens/audit/AuditScreen.tsx'
import { DbProvider } from '../../src/app/data/DbContext.tsx'
import { Workspace } from '../../src/app/session/Workspace.tsx'
import { openDb, type ConsentLensDb, type Staff } from '../../src/db/index.ts'

type Day = ReturnType<typeof busyDay>

async function seed(day: Day): Promise<{ db: ConsentLensDb; manager: Staff }> {
  const db = openDb(`bench-audit-${String(Date.now())}`)
  const manager: Staff = {
    id: 'manager',
    name: 'Morgan Ellery',
    role: 'manager',
    canCapture: true,
    roomId: null,
    active: true,
    hasPin: true,
    lockedUntil: null,
  }
  await db.device.add({
    id: 'tablet-1',
    settingId: 's',
    enrolled: true,
    revoked: false,
    enrolledAt: null,
    consentDataSyncedAt: new Date().toISOString(),
  })
  await db.staff.bulkAdd(
    STAFF.map((s) => ({
      ...s,
      role: s.id === 'manager' ? ('manager' as const) : ('practitioner' as const),
      canCapture: true,
      roomId: null,
      pin: null,
      failedAttempts: 0,
      lockedUntil: null,
      lockouts: 0,
      active: true,
    })),
  )
  await db.children.bulkAdd(
    CHILDREN.map((c) => ({
      ...c,
      roomId: 'r',
      keyworkerId: 'sam',
      dateOfBirth: '2023-01-01',
      leavingDate: null,
    })),
  )
  await db.locations.bulkAdd(
    LOCATIONS.map((l) => ({ ...l, kind: 'room' as const, roomId: 'r', archived: false })),
  )
  await db.photos.bulkAdd(day.photos)
  await db.audit.bulkAdd(day.events.map((e) => ({ ...e, type: e.type as 'photo-saved' })))
  return { db, manager }
}

/** Milliseconds from mount until all photos and the chain's state show, `runs` times. */
export async function renderAuditDay(day: Day, runs: number): Promise<number[]> {
  const { db, manager } = await seed(day)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    render(
      <DbProvider db={db}>
        <Workspace staff={manager} visible>
          <AuditScreen />
        </Workspace>
      </DbProvider>,
    )
    await screen.findByText(`Photos taken (${String(day.photos.length)})`, {}, { timeout: 60_000 })
    await screen.findByText('Audit record intact', {}, { timeout: 60_000 })
    times.push(performance.now() - start)
    cleanup()
  }
  await db.delete()
  return times
}
