// A child's page: the live record of the child (it changes the moment anyone on this tablet
// records consent or an injury), what the signed-in person may see and do with it, and the
// way to the consent form.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import { loadChildConsentPage } from '../../../db/index.ts'
import type { Purpose } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff, useNavigation } from '../../session/WorkspaceContext.tsx'
import { buildChildView } from './childModel.ts'

export function useChildScreen(childId: string, purpose?: Purpose) {
  const db = useDb()
  const staff = useCurrentStaff()
  const goTo = useNavigation((s) => s.goTo)
  const back = useNavigation((s) => s.back)
  // null: not on this tablet; undefined: still loading.
  const page = useLiveQuery(() => loadChildConsentPage(db, childId, nowIso()), [db, childId])
  const view = useMemo(() => (page ? buildChildView(page, purpose) : null), [page, purpose])
  const isKeyChild = page?.child.keyworkerId === staff.id
  const mayRecord = usePermission('record-consent')
  return {
    page,
    view,
    isKeyChild,
    maySeeDetail: usePermission('view-consent-detail', { isKeyChild }),
    mayRecord,
    mayWithdraw: usePermission('withdraw-consent'),
    mayClearInjury: usePermission('clear-injury'),
    staffName: (id: string) => page?.staffNames[id] ?? 'a former member of staff',
    openForm: () => {
      goTo({ name: 'consent-form', childId })
    },
    back,
  }
}
