// The answers about a held photo: who is in it, what it is for, what the practitioner
// confirms, the caption, an adult in frame and the agreed reason. React state only: it lives
// as long as the workspace, so a lock never loses it, and it is never written anywhere until
// the save.
import { useCallback, useState } from 'react'
import type { Attestations, Purpose } from '../../../policy/index.ts'

export type CaptureAnswers = {
  childIds: string[]
  purposes: Purpose[]
  attestations: Attestations
  caption: string
  adultInFrame: boolean
  reason: string
  /** Keys of the parents' conditions (parentConditions.ts) the practitioner confirmed. */
  acknowledged: string[]
}

export const NO_ATTESTATIONS: Attestations = {
  fullyDressed: false,
  noVisibleInjury: false,
  childrenWilling: false,
  noChildrenInFrame: false,
}

export function freshAnswers(defaultPurposes: readonly Purpose[]): CaptureAnswers {
  return {
    childIds: [],
    purposes: [...defaultPurposes],
    attestations: NO_ATTESTATIONS,
    caption: '',
    adultInFrame: false,
    reason: '',
    acknowledged: [],
  }
}

/** Something a person would lose on Discard: a tag, a tick, words typed. */
export function answersTouched(a: CaptureAnswers): boolean {
  const ticked = Object.values(a.attestations).some(Boolean)
  const typed = a.caption.trim() !== '' || a.reason.trim() !== ''
  return a.childIds.length > 0 || ticked || typed || a.adultInFrame || a.acknowledged.length > 0
}

function toggled<T>(items: readonly T[], item: T): T[] {
  return items.includes(item) ? items.filter((i) => i !== item) : [...items, item]
}

export function useCaptureForm() {
  const [answers, setAnswers] = useState<CaptureAnswers>(() => freshAnswers([]))
  const update = useCallback((change: Partial<CaptureAnswers>) => {
    setAnswers((a) => ({ ...a, ...change }))
  }, [])
  const togglePurpose = useCallback((purpose: Purpose) => {
    setAnswers((a) => ({ ...a, purposes: toggled(a.purposes, purpose) }))
  }, [])
  const setTagged = useCallback((childId: string, tagged: boolean) => {
    setAnswers((a) => {
      const without = a.childIds.filter((id) => id !== childId)
      return { ...a, childIds: tagged ? [...without, childId] : without }
    })
  }, [])
  const attest = useCallback((key: keyof Attestations, value: boolean) => {
    setAnswers((a) => ({ ...a, attestations: { ...a.attestations, [key]: value } }))
  }, [])
  const acknowledge = useCallback((key: string, yes: boolean) => {
    setAnswers((a) => {
      const without = a.acknowledged.filter((k) => k !== key)
      return { ...a, acknowledged: yes ? [...without, key] : without }
    })
  }, [])
  const reset = useCallback((defaultPurposes: readonly Purpose[]) => {
    setAnswers(freshAnswers(defaultPurposes))
  }, [])
  return { answers, update, togglePurpose, setTagged, attest, acknowledge, reset }
}
