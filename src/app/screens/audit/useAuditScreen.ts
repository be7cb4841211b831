// The daily photo audit's state (manager only): the day picked (today at first, never the
// future), that day's audit live from the tablet, its thumbnails, how fresh the tablet's data
// is, and the exports.
import { useMemo, useState } from 'react'
import { nowIso } from '../../data/clock.ts'
import { usePermission } from '../../session/usePermission.ts'
import { addDays, dayOf, isDay, tabletTimeZone } from './auditDay.ts'
import { useAuditDay } from './useAuditDay.ts'
import { freshnessWords, useAuditExports } from './useAuditExports.ts'
import { useThumbnails } from '../../data/useThumbnails.ts'

const DAY_MS = 86_400_000

export function useAuditScreen() {
  const allowed = usePermission('view-audit')
  const today = dayOf(nowIso())
  const [day, setDay] = useState(today)
  const [timeZone] = useState(tabletTimeZone)
  const view = useAuditDay(day, timeZone, allowed)
  const exports = useAuditExports(view)
  const keptIds = useMemo(
    () => (view?.audit.photos ?? []).filter((p) => p.deleted === null).map((p) => p.photoId),
    [view],
  )
  const thumbnails = useThumbnails(keptIds)
  const syncedAt = view?.data.device?.consentDataSyncedAt ?? null
  return {
    allowed,
    day,
    today,
    view,
    thumbnails,
    freshness: freshnessWords(view?.data.device ?? null),
    stale: syncedAt === null || Date.parse(nowIso()) - Date.parse(syncedAt) > DAY_MS,
    pickDay: (next: string) => {
      if (isDay(next)) setDay(next > today ? today : next)
    },
    previousDay: () => {
      setDay(addDays(day, -1))
    },
    nextDay: () => {
      setDay((current) => (current >= today ? current : addDays(current, 1)))
    },
    ...exports,
  }
}
