// The manager's "Leaving" panel on the child's page: the leaving date, which starts
// the learning journey's retention on the server.
import { formatDay } from '../../components/formatDate.ts'
import { useLeaving } from './useLeaving.ts'

export function LeavingPanel(props: {
  childId: string
  firstName: string
  leavingDate: string | null
}) {
  const l = useLeaving(props.childId, props.leavingDate)
  const inputId = `leaving-day-${props.childId}`
  return (
    <section className="card child-panel" aria-labelledby="leaving-title">
      <h2 id="leaving-title">Leaving</h2>
      <p>
        {props.leavingDate === null
          ? `${props.firstName} attends. When ${props.firstName} leaves, give the date: the photos are then kept only as long as the setting’s retention says.`
          : `${props.firstName} left on ${formatDay(props.leavingDate)}.`}
      </p>
      <div className="child-actions">
        <label htmlFor={inputId}>Leaving date</label>
        <input
          id={inputId}
          className="child-leaving__day"
          type="date"
          value={l.day}
          onChange={(e) => {
            l.setDay(e.target.value)
          }}
        />
        <button
          type="button"
          className="button button--primary"
          disabled={l.busy || l.day === ''}
          onClick={() => void l.markLeft()}
        >
          Mark as left
        </button>
        {props.leavingDate !== null && (
          <button
            type="button"
            className="button"
            disabled={l.busy}
            onClick={() => void l.markAttending()}
          >
            Still attends
          </button>
        )}
      </div>
      <div aria-live="polite">
        {l.error !== null && <p role="alert">{l.error}</p>}
        {l.done !== null && <p>{l.done}</p>}
      </div>
    </section>
  )
}
