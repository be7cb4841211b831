// A child's page: may they be photographed now (the board's answer, for the purpose the board
// showed or the setting's default ones), injuries (record one in two taps), the
// manager's consent actions, and each purpose's consent. Detail (who gave it, history) only
// for the manager and the child's keyworker; everyone else sees statuses and why. A thin view
// over useChildScreen.
import { PURPOSES, deniedMessage, purposeList, type Purpose } from '../../../policy/index.ts'
import { answerReasons, answerTitle, answerTone } from '../../components/photoAnswerWords.ts'
import { InjuryPanel } from './InjuryPanel.tsx'
import { likelyGiver } from './childModel.ts'
import { PurposeDetail } from './PurposeDetail.tsx'
import { useChildScreen } from './useChildScreen.ts'
import { WithdrawPanel } from './WithdrawPanel.tsx'
import '../../components/forms.css'
import './ChildScreen.css'

export function ChildScreen(props: { childId: string; purpose?: Purpose | undefined }) {
  const c = useChildScreen(props.childId, props.purpose)
  const { page, view } = c
  if (page === undefined) return <p>Loading…</p>
  if (page === null || view === null) {
    return (
      <div className="child-page">
        <h1 className="screen-title">Child not found</h1>
        <p>This child is not on this tablet’s roster. Go back to the board and choose again.</p>
        <button type="button" className="button" onClick={c.back}>
          Back
        </button>
      </div>
    )
  }
  const { child } = page
  const { status } = view
  const open = page.injuries.filter((i) => i.clearedAt === null)
  const offered = view.purposes
    .filter((p) => p.effective.status !== 'withdrawn')
    .map((p) => p.purpose)
  return (
    <div className="child-page">
      <h1 className="screen-title">
        {child.firstName} {child.lastName}
      </h1>
      <p className="child-page__meta">
        {page.room?.name ?? 'No room'}
        {c.isKeyChild ? ' · your key child' : ''}
      </p>

      <section
        className={`child-summary child-summary--${answerTone(view.answer)}`}
        aria-labelledby="summary-title"
      >
        <h2 id="summary-title">{answerTitle(view.answer)}</h2>
        {answerReasons(view.answer, false).map((r) => (
          <p key={r.text}>{r.text}.</p>
        ))}
        <p>
          {status.permittedPurposes.length === 0
            ? 'No purpose has valid consent.'
            : `Consent is valid for ${purposeList(status.permittedPurposes)}` +
              (status.permittedPurposes.length === PURPOSES.length
                ? ' (every purpose).'
                : ' only.')}
        </p>
      </section>

      <InjuryPanel
        childId={child.id}
        firstName={child.firstName}
        open={open}
        mayClear={c.mayClearInjury}
        staffName={c.staffName}
      />

      {(c.mayRecord || c.mayWithdraw) && (
        <section className="card child-panel" aria-labelledby="manage-title">
          <h2 id="manage-title">Consent records</h2>
          <div className="child-actions">
            {c.mayRecord && (
              <button type="button" className="button button--primary" onClick={c.openForm}>
                Record consent from a form
              </button>
            )}
            {c.mayWithdraw && (
              <WithdrawPanel
                childId={child.id}
                firstName={child.firstName}
                offered={offered}
                suggestGiver={(choice) => likelyGiver(view, choice === 'all' ? PURPOSES : choice)}
              />
            )}
          </div>
        </section>
      )}

      <section className="card child-panel" aria-labelledby="purposes-title">
        <h2 id="purposes-title">Consent by purpose</h2>
        {!c.maySeeDetail && (
          <p className="child-panel__muted">{deniedMessage('view-consent-detail')}</p>
        )}
        {view.purposes.map((p) => (
          <PurposeDetail
            key={p.purpose}
            view={p}
            injured={status.injury !== null}
            detail={c.maySeeDetail}
            staffName={c.staffName}
          />
        ))}
      </section>
    </div>
  )
}
