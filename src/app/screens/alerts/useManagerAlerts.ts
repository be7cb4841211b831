// The manager's alerts, live from the tablet: recomputed when photos, the audit, consents or
// the roster change. Null for anyone else (nothing is read), undefined while reading.
import { useLiveQuery } from 'dexie-react-hooks'
import {
  auditDirectory,
  managerAlerts,
  verifyChain,
  type ManagerAlert,
} from '../../../audit/index.ts'
import { loadAlertFacts } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { tabletTimeZone } from '../audit/auditDay.ts'

export function useManagerAlerts(isManager: boolean): ManagerAlert[] | null | undefined {
  const db = useDb()
  return useLiveQuery(async () => {
    if (!isManager) return null
    const now = nowIso()
    const facts = await loadAlertFacts(db, now)
    return managerAlerts({
      now,
      timeZone: tabletTimeZone(),
      names: auditDirectory({ staff: [], children: facts.children, locations: [] }),
      unsent: facts.unsent,
      flagged: facts.flagged,
      quarantined: facts.quarantined,
      reviews: { overdue: facts.reviews.overdue.length, dueSoon: facts.reviews.dueSoon.length },
      chain: verifyChain(facts.chain),
    })
  }, [db, isManager])
}
