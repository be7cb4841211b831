// "Withdraw consent" for the manager: tap it, tap a purpose (or all), confirm who asked. Only
// purposes not already withdrawn are offered; withdrawing one with no record still protects.
import { purposeList, type GivenBy, type Purpose } from '../../../policy/index.ts'
import { purposeTitle } from '../../components/consentStatusWords.ts'
import { useWithdrawal, type WithdrawChoice } from './useWithdrawal.ts'

type Props = {
  childId: string
  firstName: string
  offered: Purpose[]
  suggestGiver: (choice: WithdrawChoice) => GivenBy | null
}

export function WithdrawPanel({ childId, firstName, offered, suggestGiver }: Props) {
  const w = useWithdrawal(childId, suggestGiver)
  const what = w.choice === 'all' ? 'every purpose' : purposeList(w.choice)
  return (
    <div className="withdraw">
      {w.step === 'closed' && (
        <button type="button" className="button" onClick={w.open} disabled={offered.length === 0}>
          Withdraw consent
        </button>
      )}
      {w.step === 'choose' && (
        <div className="confirm-box" role="group" aria-labelledby="withdraw-choose-title">
          <h3 id="withdraw-choose-title">Withdraw consent for what?</h3>
          <div className="withdraw__choices">
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                w.choose('all')
              }}
            >
              All purposes
            </button>
            {offered.map((p) => (
              <button
                key={p}
                type="button"
                className="button"
                onClick={() => {
                  w.choose([p])
                }}
              >
                {purposeTitle(p)}
              </button>
            ))}
          </div>
          <button type="button" className="button withdraw__cancel" onClick={w.cancel}>
            Cancel
          </button>
        </div>
      )}
      {w.step === 'confirm' && (
        <div className="confirm-box" role="group" aria-labelledby="withdraw-confirm-title">
          <h3 id="withdraw-confirm-title">
            Withdraw consent for {what} for {firstName}?
          </h3>
          <p>It takes effect now. Photos already kept for it are marked for removal.</p>
          <div className="withdraw__giver">
            <label htmlFor="withdraw-name">Asked by</label>
            <input
              id="withdraw-name"
              value={w.giver.name}
              autoComplete="off"
              onChange={(event) => {
                w.setGiver({ ...w.giver, name: event.target.value })
              }}
            />
            <label htmlFor="withdraw-relationship">Relationship to {firstName}</label>
            <input
              id="withdraw-relationship"
              value={w.giver.relationship}
              autoComplete="off"
              onChange={(event) => {
                w.setGiver({ ...w.giver, relationship: event.target.value })
              }}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={w.giver.parentalResponsibility}
                onChange={(event) => {
                  w.setGiver({ ...w.giver, parentalResponsibility: event.target.checked })
                }}
              />
              Holds parental responsibility
            </label>
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              disabled={w.busy}
              onClick={() => void w.confirm()}
            >
              Withdraw now
            </button>
            <button type="button" className="button" onClick={w.cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p className="form-error" role="alert">
        {w.error}
      </p>
      <p className="form-done" role="status">
        {w.done}
      </p>
    </div>
  )
}
