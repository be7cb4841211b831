// Settings' state (manager): how many idle minutes before the tablet locks itself.
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import {
  getSetting,
  IDLE_LOCK_RANGE,
  MANAGER_PIN_DIGITS,
  setIdleLockMinutes,
} from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

export function useSettingsScreen() {
  const db = useDb()
  const me = useCurrentStaff()
  const allowed = usePermission('edit-settings')
  const setting = useLiveQuery(() => getSetting(db), [db])
  const [draft, setDraft] = useState<string | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const minutes = draft ?? String(setting?.idleLockMinutes ?? '')

  async function save() {
    const value = Number(minutes)
    try {
      const result = await setIdleLockMinutes(db, value, me, nowIso())
      if (result.ok) {
        setDraft(null)
        setMessage({ ok: true, text: `Saved: the tablet locks after ${idleMinutes(value)}.` })
      } else setMessage({ ok: false, text: result.error.message })
    } catch {
      setMessage({ ok: false, text: 'The tablet could not save that. Try again.' })
    }
  }

  return {
    managerPinDigits: MANAGER_PIN_DIGITS,
    allowed,
    settingName: setting?.name ?? '',
    isDemo: setting?.isDemo ?? false,
    minutes,
    range: IDLE_LOCK_RANGE,
    setMinutes: (text: string) => {
      setDraft(text.replace(/\D/g, ''))
      setMessage(null)
    },
    save,
    message,
  }
}

/** "1 idle minute", "5 idle minutes". */
export function idleMinutes(n: number): string {
  return n === 1 ? '1 idle minute' : `${String(n)} idle minutes`
}
