// Retention per purpose: the manager reads and sets it on the server; the server's
// daily schedule erases what is past its time. Numbers are kept as typed until saved.
import { useCallback, useEffect, useState } from 'react'
import type { RetentionAnswer, RetentionPolicy } from '../../../protocol/index.ts'
import { useLibraryClient } from '../library/useLibraryClient.ts'

export type RetentionField = keyof RetentionPolicy
type Draft = Record<RetentionField, string>

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; answer: RetentionAnswer }

const draftOf = (p: RetentionPolicy): Draft => ({
  journeyMonthsAfterLeaving: String(p.journeyMonthsAfterLeaving),
  displayMonths: String(p.displayMonths),
  publicityMonthsWithoutApproval: String(p.publicityMonthsWithoutApproval),
})

export function useRetentionSettings() {
  const client = useLibraryClient()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [note, setNote] = useState<{ tone: 'ok' | 'warn'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    const answer = await client.retention()
    if (!answer.ok) return { status: 'error', message: answer.error.message } as const
    return { status: 'ready', answer: answer.value } as const
  }, [client])

  useEffect(() => {
    let cancelled = false
    void load().then((next) => {
      if (cancelled) return
      setState(next)
      if (next.status === 'ready') setDraft(draftOf(next.answer.policy))
    })
    return () => {
      cancelled = true
    }
  }, [load])

  async function save() {
    if (draft === null) return
    const policy = {
      journeyMonthsAfterLeaving: Number(draft.journeyMonthsAfterLeaving),
      displayMonths: Number(draft.displayMonths),
      publicityMonthsWithoutApproval: Number(draft.publicityMonthsWithoutApproval),
    }
    if (Object.values(policy).some((n) => !Number.isInteger(n) || n < 0)) {
      setNote({ tone: 'warn', text: 'Give each period as a whole number of months.' })
      return
    }
    setBusy(true)
    const answer = await client.saveRetention(policy)
    setBusy(false)
    if (!answer.ok) {
      setNote({ tone: 'warn', text: answer.error.message })
      return
    }
    setState({ status: 'ready', answer: answer.value })
    setDraft(draftOf(answer.value.policy))
    setNote({ tone: 'ok', text: 'Saved. The server applies it at its next daily run.' })
  }

  return {
    state,
    draft,
    note,
    busy,
    set: (field: RetentionField, value: string) => {
      if (draft !== null) setDraft({ ...draft, [field]: value })
    },
    save,
  }
}
