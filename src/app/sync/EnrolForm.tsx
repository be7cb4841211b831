// The enrolment form: the server's address (already filled in) and the one-time code. Used on
// the "This tablet" screen by the manager, and on the revoked screen to enrol the tablet again.
import { useEnrolment } from './useEnrolment.ts'
import './SyncScreens.css'

export function EnrolForm({ note }: { note?: string }) {
  const e = useEnrolment()
  const busy = e.state.kind === 'busy'
  return (
    <form
      className="enrol-form"
      onSubmit={(event) => {
        event.preventDefault()
        void e.enrol()
      }}
    >
      <label className="enrol-form__field">
        Enrolment code
        <input
          type="text"
          value={e.code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(event) => {
            e.setCode(event.target.value)
          }}
        />
      </label>
      <label className="enrol-form__field">
        Server address
        <input
          type="url"
          value={e.serverUrl}
          inputMode="url"
          onChange={(event) => {
            e.setServerUrl(event.target.value)
          }}
        />
      </label>
      {e.fromLink && <p className="enrol-form__note">The code from the enrol link is filled in.</p>}
      {note !== undefined && <p className="enrol-form__note">{note}</p>}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Enrolling…' : 'Enrol this tablet'}
      </button>
      {e.state.kind === 'failed' && <p role="alert">{e.state.message}</p>}
      {e.state.kind === 'done' && <p role="status">{e.state.message}</p>}
    </form>
  )
}
