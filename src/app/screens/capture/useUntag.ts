// Tagging and untagging children. While the decision blocks on a child, removing any tag
// first asks "Is <name> definitely not in this photo?", and a confirmed removal is audited:
// untagging is the one way round such a block, so it must be a statement, not a slip.
import { useCallback, useState } from 'react'
import { recordTagRemoval, type CaptureDraft, type Staff } from '../../../db/index.ts'
import type { Decision } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { untagNeedsConfirmation } from './captureDecision.ts'

export function useUntag(
  staff: Staff,
  setTagged: (childId: string, tagged: boolean) => void,
  current: () => { draft: CaptureDraft; decision: Decision | null } | null,
) {
  const db = useDb()
  const [pending, setPending] = useState<string | null>(null)

  const toggle = useCallback(
    (childId: string, tagged: boolean) => {
      const now = current()
      if (tagged || now === null || !untagNeedsConfirmation(now.decision)) {
        setTagged(childId, tagged)
        return
      }
      setPending(childId)
    },
    [current, setTagged],
  )

  const confirm = useCallback(async () => {
    const now = current()
    if (pending === null) return
    setPending(null)
    if (now?.decision != null) {
      const removal = { draft: now.draft, decision: now.decision, childId: pending }
      try {
        // The tag goes only once the audit holds the practitioner's word for it.
        await recordTagRemoval(db, removal, staff.id, nowIso())
      } catch (error) {
        console.error('Could not write the tag removal to the audit log', error)
        return
      }
    }
    setTagged(pending, false)
  }, [current, db, pending, setTagged, staff.id])

  const cancel = useCallback(() => {
    setPending(null)
  }, [])

  return { pendingUntag: pending, toggle, confirmUntag: confirm, cancelUntag: cancel }
}
