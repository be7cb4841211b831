// Injuries: any injury in force (it blocks photos of the child until the manager clears it),
// and "Record an injury" in two taps for anyone: the button, then confirm, a note optional.
import type { InjuryRecord } from '../../../model/records.ts'
import { ConsentIcon } from '../../components/ConsentIcon.tsx'
import { formatDayTime } from '../../components/formatDate.ts'
import { useInjuryActions } from './useInjuryActions.ts'

type Props = {
  childId: string
  firstName: string
  open: InjuryRecord[]
  mayClear: boolean
  staffName: (id: string) => string
}

export function InjuryPanel({ childId, firstName, open, mayClear, staffName }: Props) {
  const a = useInjuryActions(childId)
  return (
    <section className="card child-panel" aria-labelledby="injury-title">
      <h2 id="injury-title">Injuries</h2>
      {open.length === 0 ? (
        <p>No injury recorded now.</p>
      ) : (
        <ul className="injury-list">
          {open.map((injury) => (
            <li key={injury.id} className="injury">
              <p className="injury__head">
                <ConsentIcon shape="exclamation" />
                <span>Injury recorded: no photos until the manager clears it.</span>
              </p>
              <p>{injury.description}</p>
              <p className="child-panel__muted">
                {formatDayTime(injury.recordedAt)}, by {staffName(injury.recordedBy)}
              </p>
              {mayClear && (
                <button
                  type="button"
                  className="button"
                  disabled={a.busy}
                  onClick={() => void a.clear(injury.id)}
                >
                  Clear injury
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {a.confirming ? (
        <div className="confirm-box" role="group" aria-labelledby="injury-confirm-title">
          <h3 id="injury-confirm-title">Record an injury for {firstName}?</h3>
          <p>No photos of {firstName} will be allowed until the manager clears it.</p>
          <label htmlFor="injury-note">What happened (optional)</label>
          <textarea
            id="injury-note"
            rows={2}
            value={a.note}
            onChange={(event) => {
              a.setNote(event.target.value)
            }}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              disabled={a.busy}
              onClick={() => void a.confirm()}
            >
              Record injury
            </button>
            <button type="button" className="button" onClick={a.cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button child-panel__action" onClick={a.start}>
          Record an injury
        </button>
      )}
      <p className="form-error" role="alert">
        {a.error}
      </p>
      <p className="form-done" role="status">
        {a.done}
      </p>
    </section>
  )
}
