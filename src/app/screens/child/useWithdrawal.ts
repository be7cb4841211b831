// Withdrawing consent (manager): tap "Withdraw consent", tap a purpose or "All purposes", then
// confirm. The confirmation asks who asked for it, filled in with the parent on the current
// records (who nearly always is the one asking), so it costs no typing yet records a person.
// It takes effect at once: the board, the camera and this page read the same records.
import { useState } from 'react'
import { withdrawConsent, type Result } from '../../../db/index.ts'
import { purposeList, type GivenBy, type Purpose } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSyncControl } from '../../sync/SyncControl.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

export type WithdrawStep = 'closed' | 'choose' | 'confirm'
export type WithdrawChoice = Purpose[] | 'all'

// Anyone may ask for a withdrawal; unknown parental responsibility is recorded as not held.
const EMPTY_GIVER: GivenBy = { name: '', relationship: '', parentalResponsibility: false }

export function useWithdrawal(
  childId: string,
  suggestGiver: (p: WithdrawChoice) => GivenBy | null,
) {
  const db = useDb()
  const sync = useSyncControl()
  const staff = useCurrentStaff()
  const [step, setStep] = useState<WithdrawStep>('closed')
  const [choice, setChoice] = useState<WithdrawChoice>('all')
  const [giver, setGiver] = useState<GivenBy>(EMPTY_GIVER)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function save(): Promise<Result<unknown>> {
    try {
      return await withdrawConsent(
        db,
        { childId, purposes: choice, givenBy: giver },
        staff,
        nowIso(),
      )
    } catch (e) {
      console.error('Could not save the withdrawal', e)
      const message = 'The tablet could not save the withdrawal. Try again now.'
      return { ok: false, error: { code: 'storage', message } }
    }
  }

  return {
    step,
    choice,
    giver,
    busy,
    error,
    done,
    setGiver,
    open: () => {
      setStep('choose')
      setDone(null)
    },
    cancel: () => {
      setStep('closed')
      setError(null)
      void sync.request() // every other iPad should hear of a withdrawal as soon as it can
    },
    choose: (next: WithdrawChoice) => {
      setChoice(next)
      setGiver(suggestGiver(next) ?? EMPTY_GIVER)
      setError(null)
      setStep('confirm')
    },
    confirm: async () => {
      setBusy(true)
      const result = await save()
      setBusy(false)
      if (!result.ok) {
        setError(result.error.message)
        return
      }
      setStep('closed')
      setError(null)
      const what = choice === 'all' ? 'every purpose' : purposeList(choice)
      setDone(`Consent withdrawn for ${what}. No photos for that from now on.`)
    },
  }
}
