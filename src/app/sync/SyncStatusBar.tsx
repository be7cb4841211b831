// The sync status, always in view: a slim bar under the header with what sync is doing (or
// what went wrong, in words), how many photos wait, and when the tablet last synced. It sits
// under the header rather than in it, so the header's buttons never wrap on a portrait iPad.
//
// Invariant: the bar never changes height, so nothing under it moves beneath a finger. Its two
// lines (the state, then the facts) are always there: while the tablet's facts load (a cold
// start draws sign-in before the database's chunk has answered, decision 0037) they are kept
// empty, and each state's words fit one line (SyncStatusBar.css, syncSummary.ts). A bar that
// appeared a moment after sign-in pushed the keypad down a line: a tap aimed at "Sign in"
// landed above it.
import { StatusIcon } from '../components/StatusIcon.tsx'
import { useSyncBar } from './useSyncBar.ts'
import './SyncStatusBar.css'

export function SyncStatusBar() {
  const summary = useSyncBar()
  if (summary === null) {
    // Its place, kept: the same lines with nothing in them. Not a live region: the words are
    // mounted with the bar below (key), as they always were, and not read out at every start.
    return (
      <section key="place" className="sync-bar sync-bar--loading" aria-hidden="true">
        <p className="sync-bar__state">
          <StatusIcon tone="pending" />
          <span>{'\u00a0'}</span>
        </p>
        <p className="sync-bar__facts">
          <span>{'\u00a0'}</span>
        </p>
      </section>
    )
  }
  return (
    <section key="words" className={`sync-bar sync-bar--${summary.tone}`} aria-label="Sync">
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
