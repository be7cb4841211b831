// Enrolling this tablet with the setting's server: the one-time code the manager got from the
// server (printed by `npm start`, or made on another enrolled iPad), exchanged for this
// tablet's credential; then the engine starts and the first sync brings the setting's data.
//
// Invariants:
// - The server address defaults to where the app was loaded from: the PWA is served by the
//   setting's own server, so nothing is sent anywhere else unless the manager types it.
// - If the tablet joined another setting than before, everyone is signed out: their sessions
//   belonged to the old setting's staff.
import { useState } from 'react'
import { enrolDevice } from '../../sync/index.ts'
import { nowIso } from '../data/clock.ts'
import { useDb } from '../data/DbContext.tsx'
import { endAllSessions } from './endAllSessions.ts'
import { clearPendingEnrolCode, pendingEnrolCode } from './enrolLink.ts'
import { useSyncControl } from './SyncControl.tsx'

export type EnrolState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; message: string }

export function defaultServerUrl(): string {
  return typeof location === 'undefined' ? '' : location.origin
}

export function useEnrolment() {
  const db = useDb()
  const sync = useSyncControl()
  const [serverUrl, setServerUrl] = useState(defaultServerUrl)
  // A code that came with the enrol link (the Tablets screen's QR code) is filled in.
  const [code, setCode] = useState(() => pendingEnrolCode() ?? '')
  const [state, setState] = useState<EnrolState>({ kind: 'idle' })

  async function enrol(): Promise<void> {
    if (code.trim() === '') {
      setState({ kind: 'failed', message: 'Type the enrolment code the manager was given.' })
      return
    }
    setState({ kind: 'busy' })
    try {
      const before = (await db.device.toArray())[0]?.settingId ?? null
      const now = nowIso()
      const input = { serverUrl: serverUrl.trim(), code: code.trim(), deviceName: 'iPad', now }
      const result = await enrolDevice(db, input)
      if (!result.ok) {
        setState({ kind: 'failed', message: result.error.message })
        return
      }
      if ((await db.device.toArray())[0]?.settingId !== before) endAllSessions()
      setCode('')
      clearPendingEnrolCode()
      await sync.start()
      await sync.request()
      setState({ kind: 'done', message: `This tablet is enrolled in ${result.settingName}.` })
    } catch (error) {
      console.error('Enrolment failed', error)
      const message = 'This tablet could not be enrolled. Check the code and try again.'
      setState({ kind: 'failed', message })
    }
  }

  return {
    serverUrl,
    setServerUrl,
    code,
    setCode,
    state,
    enrol,
    fromLink: code !== '' && code === pendingEnrolCode(),
  }
}
