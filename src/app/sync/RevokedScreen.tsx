// Shown instead of the app once the manager has removed (revoked) this tablet and it has wiped
// itself: what happened, in words, and the way back (a new enrolment code from the manager).
import { EnrolForm } from './EnrolForm.tsx'
import './SyncScreens.css'

export function RevokedScreen({ settingName }: { settingName: string | null }) {
  const where = settingName ?? 'the setting'
  return (
    <div className="revoked">
      <h1 className="screen-title">This tablet was removed</h1>
      <section className="card revoked__message" role="alert">
        <p>
          This tablet was removed from {where} by the manager. Its photos and records have been
          deleted from it. Ask the manager to enrol it again.
        </p>
      </section>
      <section className="card" aria-labelledby="re-enrol-title">
        <h2 id="re-enrol-title">Enrol it again</h2>
        <EnrolForm />
      </section>
    </div>
  )
}
