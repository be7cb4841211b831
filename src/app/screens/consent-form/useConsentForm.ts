// The consent form's state and saving. The state is React state inside the person's workspace,
// which stays mounted through a lock, so a half-copied form is still there after the PIN.
// Saving appends one record per answered purpose; the repository sets `supersedes` to the
// current head, so nothing already recorded is changed.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { loadChildConsentPage, recordConsent, type RecordedConsent } from '../../../db/index.ts'
import { childPhotoStatus, type Purpose } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSyncControl } from '../../sync/SyncControl.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff, useNavigation } from '../../session/WorkspaceContext.tsx'
import {
  answerAll,
  checkForm,
  defaultReview,
  emptyForm,
  localDay,
  type Answer,
  type ConsentFormState,
  type FormField,
} from './consentFormModel.ts'

export function useConsentForm(childId: string) {
  const db = useDb()
  const sync = useSyncControl()
  const staff = useCurrentStaff()
  const back = useNavigation((s) => s.back)
  const mayRecord = usePermission('record-consent')
  const page = useLiveQuery(() => loadChildConsentPage(db, childId, nowIso()), [db, childId])
  const [state, setState] = useState<ConsentFormState>(() => emptyForm(localDay(new Date())))
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({})
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saved, setSaved] = useState<RecordedConsent | null>(null)
  const [busy, setBusy] = useState(false)
  // Counts failed saves, so the view can bring the list of problems into view each time.
  const [failures, setFailures] = useState(0)

  function update(patch: Partial<ConsentFormState>) {
    setState((s) => ({ ...s, ...patch }))
  }

  async function save() {
    const checked = checkForm(childId, state, localDay(new Date()))
    setErrors(checked.ok ? {} : checked.errors)
    setSaveError(null)
    if (!checked.ok) {
      setFailures((n) => n + 1)
      return
    }
    setBusy(true)
    try {
      const result = await recordConsent(db, checked.form, staff, nowIso())
      if (result.ok) {
        setSaved(result.value)
        void sync.request()
      } else {
        setSaveError(result.error.message)
        setFailures((n) => n + 1)
      }
    } catch (e) {
      console.error('Could not save the consent form', e)
      setSaveError('The tablet could not save the form. Nothing was recorded: try again.')
      setFailures((n) => n + 1)
    } finally {
      setBusy(false)
    }
  }

  return {
    mayRecord,
    child: page?.child,
    current: page ? childPhotoStatus(page.context, childId).consents : null,
    state,
    errors,
    saveError,
    saved,
    busy,
    failures,
    setAnswer: (purpose: Purpose, answer: Answer) => {
      setState((s) => ({ ...s, answers: { ...s.answers, [purpose]: answer } }))
    },
    answerAll: (answer: Answer) => {
      update({ answers: answerAll(answer) })
    },
    update,
    setSignedOn: (signedOn: string) => {
      setState((s) => ({
        ...s,
        signedOn,
        reviewOn: s.reviewEdited ? s.reviewOn : defaultReview(signedOn),
      }))
    },
    setReviewOn: (reviewOn: string) => {
      update({ reviewOn, reviewEdited: true })
    },
    save,
    back,
  }
}
