// "Setting's server" on the "This tablet" screen: enrolled or not, where to, since when, the
// last sync and what waits, with Sync now; the manager's enrolment form when not enrolled.
import { StatusIcon } from '../../components/StatusIcon.tsx'
import { EnrolForm } from '../../sync/EnrolForm.tsx'
import { useTabletSync } from './useTabletSync.ts'

export function TabletSyncSection() {
  const s = useTabletSync()
  const enrolment = s.facts?.enrolment ?? null
  return (
    <section className="card tablet-sync" aria-labelledby="server-title">
      <h2 id="server-title">Setting&rsquo;s server</h2>
      {s.summary !== null && (
        <p className={`readiness-summary readiness-summary--${s.summary.tone}`}>
          <StatusIcon tone={s.summary.tone} />
          <span>{s.summary.text}</span>
        </p>
      )}
      {enrolment !== null && (
        <>
          <dl className="tablet-sync__facts">
            <Fact label="Setting" value={s.facts?.settingName ?? 'Not known yet'} />
            <Fact label="Server address" value={enrolment.serverUrl} />
            <Fact label="Tablet id" value={enrolment.deviceId} />
            <Fact label="Enrolled since" value={s.enrolledSince ?? 'Not known'} />
            <Fact label="Last sync" value={s.lastSync} />
            <Fact label="Photos" value={s.waiting} />
          </dl>
          <button type="button" className="button" disabled={s.syncing} onClick={s.syncNow}>
            {s.syncing ? 'Syncing…' : 'Sync now'}
          </button>
        </>
      )}
      {enrolment === null && (
        <>
          <p>
            This tablet is not enrolled with your setting&rsquo;s server, so its photos stay here.
            The manager enrols it with a one-time code from the server.
          </p>
          {s.mayEnrol ? <EnrolForm note={s.demoNote} /> : <p>{s.denied}</p>}
        </>
      )}
    </section>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="tablet-sync__fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
