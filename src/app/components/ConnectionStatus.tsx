// Online/offline in the header, in words. Offline is a normal state for this app, not an
// error, so the wording reassures rather than alarms. A live region announces changes.
import { usePwaStore } from '../stores/pwaStore.ts'
import { StatusIcon } from './StatusIcon.tsx'

export function ConnectionStatus() {
  const online = usePwaStore((state) => state.online)
  return (
    <p
      className={`connection connection--${online ? 'online' : 'offline'}`}
      role="status"
      aria-live="polite"
    >
      <StatusIcon tone={online ? 'ok' : 'warn'} />
      <span>{online ? 'Online' : 'Offline'}</span>
    </p>
  )
}
