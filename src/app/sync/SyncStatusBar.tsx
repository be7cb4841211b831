// The sync status, always in view: a slim bar under the header with what sync is doing (or
// what went wrong, in words), how many photos wait, and when the tablet last synced. It sits
// under the header rather than in it, so the header's buttons never wrap on a portrait iPad.
import { StatusIcon } from '../components/StatusIcon.tsx'
import { useSyncBar } from './useSyncBar.ts'
import './SyncStatusBar.css'

export function SyncStatusBar() {
  const summary = useSyncBar()
  if (summary === null) return null
  return (
    <section className={`sync-bar sync-bar--${summary.tone}`} aria-label="Sync">
      <p className="sync-bar__state" role="status" aria-live="polite">
        <StatusIcon tone={summary.tone} />
        <span>{summary.text}</span>
      </p>
      <p className="sync-bar__facts">
        <span>{summary.waiting}</span>
        {summary.lastSync !== null && <span>{summary.lastSync}</span>}
      </p>
    </section>
  )
}
