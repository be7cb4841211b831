// The day's audit, live from the tablet: its data read in one transaction, the chain verified,
// the model built, photos per child counted. Recomputed when anything it reads changes (a new
// photo, an export recorded) and when the day changes.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import {
  auditDirectory,
  buildDailyAudit,
  photoBalance,
  verifyChain,
  type ChildTally,
  type DailyAudit,
} from '../../../audit/index.ts'
import { loadAuditDay, type AuditDayData } from '../../../db/index.ts'
import { useDb } from '../../data/DbContext.tsx'
import { auditWindows } from './auditDay.ts'

export interface AuditDayView {
  data: AuditDayData
  audit: DailyAudit
  balance: ChildTally[]
}

export function useAuditDay(day: string, timeZone: string, allowed: boolean) {
  const db = useDb()
  const windows = useMemo(() => auditWindows(day), [day])
  const data = useLiveQuery(
    async () => (allowed ? loadAuditDay(db, windows) : null),
    [db, windows, allowed],
  )
  return useMemo(
    () => (data == null ? data : buildView(data, day, timeZone, windows)),
    [data, day, timeZone, windows],
  )
}

function buildView(
  data: AuditDayData,
  day: string,
  timeZone: string,
  windows: ReturnType<typeof auditWindows>,
): AuditDayView {
  const names = auditDirectory(data)
  const deviceId = data.device?.id ?? ''
  const audit = buildDailyAudit({
    day,
    timeZone,
    photos: data.photos,
    events: data.events,
    chain: verifyChain(data.chain, { deviceId }),
    names,
  })
  // Children who attended on the day audited: one who had left is not "missing out".
  const attending = data.children
    .filter((c) => c.leavingDate === null || c.leavingDate > day)
    .map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}` }))
  const balance = photoBalance(attending, data.monthPhotos, windows).sort(
    (a, b) => a.month - b.month || a.week - b.week || a.name.localeCompare(b.name),
  )
  return { data, audit, balance }
}
