// Choosing one's own PIN after signing in with a one-time PIN (made by the admin command's
// create-setting or reset-pin): the new PIN twice, stored like any PIN change (setPin: the
// verifier, the outbox, the audit), which ends the one-time PIN here, on the server and on
// every tablet. The session's signing key then comes from the new PIN.
import { useState } from 'react'
import { MANAGER_PIN_DIGITS, pinFormatError, setPin } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useSessionStore } from '../../stores/sessionStore.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

const digits = (value: string) => value.replace(/\D/g, '').slice(0, 6)

export function useChoosePin() {
  const db = useDb()
  const me = useCurrentStaff()
  const replaceSigningSeed = useSessionStore((s) => s.replaceSigningSeed)
  const [pin, setPinValue] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function save(): Promise<void> {
    if (busy) return
    const formatError = pinFormatError(pin)
    if (formatError !== null) {
      setError(formatError)
      return
    }
    if (pin !== again) {
      setPinValue('')
      setAgain('')
      setError('The two PINs are not the same. Type your new PIN twice.')
      return
    }
    setBusy(true)
    try {
      // Signed with the one-time PIN's key, which the session holds (decision 0016).
      const result = await setPin(db, me.id, pin, me, nowIso())
      if (!result.ok) {
        setError(result.error.message)
        return
      }
      if (result.value.ownSigningSeed !== null) {
        replaceSigningSeed(me.id, result.value.ownSigningSeed)
      }
    } catch (failure) {
      console.error('Choosing a PIN failed', failure)
      setError('The tablet could not save your PIN. Try again.')
    } finally {
      setPinValue('')
      setAgain('')
      setBusy(false)
    }
  }

  return {
    name: me.name,
    /** How many digits their new PIN may have: a manager's has 6 (setPin refuses fewer). */
    digitsRule: me.role === 'manager' ? `${String(MANAGER_PIN_DIGITS)} digits` : '4 to 6 digits',
    pin,
    again,
    setPin: (value: string) => {
      setPinValue(digits(value))
      setError(null)
    },
    setAgain: (value: string) => {
      setAgain(digits(value))
      setError(null)
    },
    error,
    busy,
    save,
  }
}
