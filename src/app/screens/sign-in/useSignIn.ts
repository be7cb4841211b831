// Sign-in's state: who is choosing, the PIN typed so far, and what went wrong in words.
// After an idle lock the person who was signed in is chosen already: they only type their PIN.
// At a cold start the list is the snapshot's until the database's chunk arrives (decision
// 0037): a name can be chosen and a PIN typed meanwhile; the check waits for the database.
import { useContext, useEffect, useState } from 'react'
import type { SignInPerson } from '../../../db/signInSnapshot.ts'
import { nowIso } from '../../data/clock.ts'
import { useDbArrival } from '../../data/DbContext.tsx'
import { useLiveRead } from '../../data/useLiveRead.ts'
import { loadWorkspace } from '../../navigation/loadWorkspace.ts'
import { useSessionStore, type LockReason } from '../../stores/sessionStore.ts'
import { SignInListAtStart } from './signInListAtStart.ts'

export const PIN_MAX_LENGTH = 6

const CANNOT_CHECK = 'The tablet could not check your PIN. Try again; if it keeps failing, reload.'

// Checking a PIN (PBKDF2, the signing key, the lockout's audited write) is not needed to show
// sign-in: it loads with the first PIN typed, and the workspace that App loads once sign-in is
// on screen has usually brought it already.
async function loadPinCheck() {
  const [{ pinFormatError }, { verifyPin }] = await Promise.all([
    import('../../../db/pinHash.ts'),
    import('../../../db/verifyPin.ts'),
  ])
  return { pinFormatError, verifyPin }
}

export type SignInState = {
  /** Undefined while the list loads. */
  staff: SignInPerson[] | undefined
  isDemo: boolean
  chosen: SignInPerson | null
  choose: (person: SignInPerson | null) => void
  pin: string
  setPin: (pin: string) => void
  typeDigit: (digit: string) => void
  deleteDigit: () => void
  error: string | null
  busy: boolean
  submit: () => Promise<void>
}

export function useSignIn(lockReason: LockReason): SignInState {
  const arrival = useDbArrival()
  const signIn = useSessionStore((s) => s.signIn)
  const lastActive = useSessionStore((s) => s.active)
  const atStart = useContext(SignInListAtStart)
  const list = useLiveRead(
    (layer, db) => layer.readSignInList(db),
    [],
    lockReason === 'start' ? (atStart ?? undefined) : undefined,
  )
  const staff = list?.staff
  const [chosenId, setChosenId] = useState<string | null>(lastActive?.id ?? null)
  const [pin, setPinState] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const chosen = staff?.find((s) => s.id === chosenId) ?? null
  const listed = staff !== undefined
  useEffect(() => {
    if (listed) void loadWorkspace()
  }, [listed])

  function setPin(next: string) {
    setPinState(next.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH))
    setError(null)
  }

  async function submit() {
    if (chosen === null || busy) return
    setBusy(true)
    // Before the database has arrived (a tap right at a cold start), this waits for it.
    const ready = await Promise.all([loadPinCheck(), arrival]).catch(() => null)
    const formatError = ready === null ? CANNOT_CHECK : ready[0].pinFormatError(pin)
    if (ready === null || formatError !== null) {
      setError(formatError)
      setBusy(false)
      return
    }
    const [check, db] = ready
    try {
      const result = await check.verifyPin(db, chosen.id, pin, nowIso())
      if (result.ok) signIn(result.value.staff, result.value.signingSeed)
      else setError(result.error.message)
    } catch {
      setError(CANNOT_CHECK)
    } finally {
      setPinState('')
      setBusy(false)
    }
  }

  return {
    staff,
    isDemo: list?.isDemo ?? false,
    chosen,
    choose: (person) => {
      setChosenId(person?.id ?? null)
      setPinState('')
      setError(null)
    },
    pin,
    setPin,
    typeDigit: (digit) => {
      setPin(pin + digit)
    },
    deleteDigit: () => {
      setPin(pin.slice(0, -1))
    },
    error,
    busy,
    submit,
  }
}
