// The manager's alerts on Home: what needs doing now, each in words with an icon and a button
// to where it is done. "Nothing needs your attention" is said, not left blank.
import type { ManagerAlert } from '../../../audit/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import type { Screen } from '../../navigation/screens.ts'
import './ManagerAlerts.css'

const ACTION_LABELS: Record<NonNullable<ManagerAlert['action']>, string> = {
  audit: 'Open the daily audit',
  photos: 'See photos on this tablet',
  reviews: 'See consent reviews',
}

type Props = {
  alerts: ManagerAlert[] | undefined
  onOpen: (screen: Screen) => void
  /** Marks the listed refusals as seen; absent: no "Mark as seen" button. */
  onSeen?: (ids: readonly string[]) => void
}

export function ManagerAlerts({ alerts, onOpen, onSeen }: Props) {
  return (
    <section className="manager-alerts" aria-labelledby="manager-alerts-title">
      <h2 id="manager-alerts-title">Needs your attention</h2>
      {alerts === undefined && <p>Checking…</p>}
      {alerts?.length === 0 && (
        <p className="manager-alerts__calm">
          <StatusIcon tone="ok" /> Nothing needs your attention on this tablet.
        </p>
      )}
      {alerts !== undefined && alerts.length > 0 && (
        <ul className="manager-alerts__list">
          {alerts.map((alert) => (
            <li key={alert.id} className="manager-alerts__item" data-alert={alert.id}>
              <p className="manager-alerts__title">
                <StatusIcon tone="warn" /> {alert.title}
              </p>
              {alert.detail !== '' && <p className="manager-alerts__detail">{alert.detail}</p>}
              {alert.items !== undefined && (
                <ul className="manager-alerts__items">
                  {alert.items.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ul>
              )}
              {alert.seenIds !== undefined && onSeen !== undefined && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    if (alert.seenIds !== undefined) onSeen(alert.seenIds)
                  }}
                >
                  Mark as seen
                </button>
              )}
              {alert.action !== null && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    if (alert.action !== null) onOpen({ name: alert.action })
                  }}
                >
                  {ACTION_LABELS[alert.action]}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
