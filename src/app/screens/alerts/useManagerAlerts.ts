// The manager's alerts, live from the tablet (and the server's facts from its last sync, kept
// on the device row): recomputed when photos, the audit, the roster, those facts or the
// server's refusals of this tablet's changes change, and when Home's count of consent
// reviews does (Home reads those once, for its tile too). "Mark as seen" on the refusals
// alert is done here too, as the signed-in manager.
// Null for anyone else (nothing is read), undefined while reading.
import { useCallback } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
// From the modules themselves, not the audit barrel: Home needs these at sign-in, and the
// barrel would bring the PDF writer (pdf-lib) into the first chunk with them.
import { auditDirectory } from '../../../audit/auditDirectory.ts'
import { managerAlerts, type ManagerAlert } from '../../../audit/managerAlerts.ts'
import { verifyChain } from '../../../audit/verifyChain.ts'
import { loadAlertFacts, markRefusalsSeen } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'
import { tabletTimeZone } from '../audit/auditDay.ts'

export function useManagerAlerts(
  isManager: boolean,
  reviews: { overdue: number; dueSoon: number } | undefined,
): ManagerAlert[] | null | undefined {
  const db = useDb()
  const alerts = useLiveQuery(async () => {
    if (!isManager) return null
    if (reviews === undefined) return undefined
    const now = nowIso()
    const facts = await loadAlertFacts(db)
    return managerAlerts({
      now,
      timeZone: tabletTimeZone(),
      names: auditDirectory({ staff: facts.staff, children: facts.children, locations: [] }),
      refusals: facts.refusals,
      unsent: facts.unsent,
      flagged: facts.flagged,
      quarantined: facts.quarantined,
      reviews,
      chain: verifyChain(facts.chain),
      sampleOnly: facts.sampleOnly,
      ...(facts.server === null
        ? {}
        : {
            unseenDevices: facts.server.unseenDevices,
            settingQuarantined: facts.server.quarantinedPhotos,
            chainProblems: facts.server.chainProblems,
          }),
    })
  }, [db, isManager, reviews?.overdue, reviews?.dueSoon])
  // Decided here, not after the first read: anyone else never sees "Checking…" flash by.
  return isManager ? alerts : null
}

/** Marks refusals as seen, as the signed-in manager; the alert updates itself (live query). */
export function useMarkRefusalsSeen(): (ids: readonly string[]) => Promise<void> {
  const db = useDb()
  const staff = useCurrentStaff()
  return useCallback(
    async (ids) => {
      await markRefusalsSeen(db, ids, staff, nowIso())
    },
    [db, staff],
  )
}
