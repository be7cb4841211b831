// The audit benchmark's page, built by Vite and run in Chromium (see ../auditBench.ts): a busy
// day (1,000 photos, 5,000 events) in the browser's real IndexedDB, the real AuditScreen
// mounted over it, and the exports made as the tablet makes them.
import { createRoot } from 'react-dom/client'
import { CHILDREN, LOCATIONS, NAMES, STAFF, busyDay } from '../../support/auditTestData.ts'
import {
  buildDailyAudit,
  dailyAuditCsv,
  dailyAuditPdf,
  verifyChain,
  type DailyAudit,
} from '../../../src/audit/index.ts'
import { AuditScreen } from '../../../src/app/screens/audit/AuditScreen.tsx'
import { DbProvider } from '../../../src/app/data/DbContext.tsx'
import { Workspace } from '../../../src/app/session/Workspace.tsx'
import { createNavigationStore } from '../../../src/app/stores/navigationStore.ts'
import { openDb, type ConsentLensDb, type Staff } from '../../../src/db/index.ts'

declare global {
  interface Window {
    runAuditBench?: () => Promise<Record<string, number>>
  }
}

type Day = ReturnType<typeof busyDay>

const MANAGER: Staff = {
  id: 'manager',
  name: 'Morgan Ellery',
  role: 'manager',
  canCapture: true,
  roomId: null,
  active: true,
  hasPin: true,
  lockedUntil: null,
}

function today(): string {
  const d = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

async function seed(day: Day): Promise<ConsentLensDb> {
  const db = openDb(`bench-audit-${String(Date.now())}`)
  const person = { canCapture: true, roomId: null, pin: null, failedAttempts: 0, lockouts: 0 }
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
      ...person,
      role: s.id === 'manager' ? ('manager' as const) : ('practitioner' as const),
      lockedUntil: null,
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
  return db
}

/** Resolves once every text is on the page and the browser has laid it out. */
function shown(texts: string[]): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const body = document.body.textContent
      if (!texts.every((t) => body.includes(t))) return false
      requestAnimationFrame(() => {
        resolve()
      })
      return true
    }
    if (check()) return
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect()
    })
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  })
}

async function renderOnce(db: ConsentLensDb, photos: number): Promise<number> {
  const root = createRoot(document.getElementById('root')!)
  const start = performance.now()
  root.render(
    <DbProvider db={db}>
      <Workspace staff={MANAGER} navigation={createNavigationStore()} visible>
        <AuditScreen />
      </Workspace>
    </DbProvider>,
  )
  await shown([`Photos taken (${String(photos)})`, 'Audit record intact'])
  const ms = performance.now() - start
  root.unmount()
  return ms
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return Math.round((times[Math.floor(runs / 2)] ?? 0) * 100) / 100
}

function model(day: Day): DailyAudit {
  return buildDailyAudit({
    day: today(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    photos: day.photos,
    events: day.events,
    chain: verifyChain(day.events),
    names: NAMES,
  })
}

window.runAuditBench = async () => {
  const day = busyDay(1_000, 5_000, today())
  const db = await seed(day)
  const renders: number[] = []
  for (let i = 0; i < 3; i++) renders.push(await renderOnce(db, day.photos.length))
  renders.sort((a, b) => a - b)
  const audit = model(day)
  const rows = { photos: audit.photos, blocked: audit.blocked, deletions: audit.deletions }
  const csvMs = await median(15, () => Promise.resolve(dailyAuditCsv(audit)))
  const jsonMs = await median(15, () => Promise.resolve(JSON.stringify(rows)))
  const facts = {
    settingName: 'Bench Nursery',
    deviceId: 'tablet-1',
    exportedAt: new Date().toISOString(),
    exportedBy: 'Morgan Ellery',
    freshness: 'Consent data last synced today',
  }
  const pdfMs = await median(3, () => dailyAuditPdf(audit, facts))
  const verifyMs = await median(5, () => Promise.resolve(verifyChain(day.events)))
  await db.delete()
  return {
    'audit.render1000Ms': Math.round((renders[1] ?? 0) * 100) / 100,
    'audit.csvRatio': Math.round((csvMs / jsonMs) * 100) / 100,
    'audit.csvMs': csvMs,
    'audit.pdfMs': pdfMs,
    'audit.verify5000Ms': verifyMs,
  }
}
