// The daily photo audit (manager): pick a day; its totals, the audit record's state and how
// fresh the data is; every photo, blocked attempt and deletion; photos per child; exports to
// CSV and PDF. A thin view over useAuditScreen.
import { deniedMessage } from '../../../policy/index.ts'
import { AuditEventTables } from './AuditEventTables.tsx'
import { AuditPhotoList } from './AuditPhotoList.tsx'
import { AuditSummary } from './AuditSummary.tsx'
import { DayPicker } from './DayPicker.tsx'
import { PhotoBalanceChart } from './PhotoBalanceChart.tsx'
import { ServerDayExport } from './ServerDayExport.tsx'
import { useAuditScreen } from './useAuditScreen.ts'
import './AuditScreen.css'

export function AuditScreen() {
  const s = useAuditScreen()
  if (!s.allowed) {
    return (
      <div className="audit">
        <h1 className="screen-title">Daily photo audit</h1>
        <p>{deniedMessage('view-audit')}</p>
      </div>
    )
  }
  const view = s.view
  return (
    <div className="audit">
      <h1 className="screen-title">Daily photo audit</h1>
      <DayPicker
        day={s.day}
        today={s.today}
        onPick={s.pickDay}
        onPrevious={s.previousDay}
        onNext={s.nextDay}
      />
      {view == null ? (
        <p role="status">Reading the audit…</p>
      ) : (
        <>
          <AuditSummary audit={view.audit} freshness={s.freshness} stale={s.stale} />
          <div className="audit-export" role="group" aria-label="Export this day">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void s.exportCsv()}
              disabled={s.busy !== null}
            >
              Export CSV
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void s.exportPdf()}
              disabled={s.busy !== null}
            >
              Export PDF to print and sign
            </button>
            <p
              className={`audit-export__outcome audit-export__outcome--${s.outcome?.ok === false ? 'warn' : 'ok'}`}
              role="status"
            >
              {s.busy === null ? s.outcome?.message : 'Making the file…'}
            </p>
          </div>
          <ServerDayExport day={s.day} />
          <section aria-labelledby="audit-photos-title">
            <h2 id="audit-photos-title">Photos taken ({view.audit.photos.length})</h2>
            <AuditPhotoList photos={view.audit.photos} thumbnails={s.thumbnails} />
          </section>
          <AuditEventTables audit={view.audit} />
          <section aria-labelledby="audit-balance-title">
            <h2 id="audit-balance-title">Photos per child</h2>
            <p className="audit-note">
              No child should be left out or favoured. Children with none or few photos, for the 7
              and 30 days up to this day, come first.
            </p>
            <PhotoBalanceChart tally={view.balance} />
          </section>
        </>
      )}
    </div>
  )
}
