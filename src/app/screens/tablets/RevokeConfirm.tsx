// The confirmation before revoking a tablet: what happens, in words, before it happens.
import type { DeviceSummary } from '../../../protocol/index.ts'

export function RevokeConfirm(props: {
  device: DeviceSummary
  busy: boolean
  onRevoke: () => void
  onCancel: () => void
}) {
  const { device } = props
  const unsent = device.unsentPhotos
  return (
    <section
      className="card tablets-revoke"
      role="alertdialog"
      aria-labelledby="tablets-revoke-title"
      aria-describedby="tablets-revoke-what"
    >
      <h2 id="tablets-revoke-title">Revoke “{device.name}”?</h2>
      <ul id="tablets-revoke-what" className="tablets-revoke__what">
        <li>The server refuses this tablet from now on.</li>
        <li>At its next contact, it deletes every photo and record it holds, and says so.</li>
        <li>
          Photos it has not sent are lost
          {unsent > 0
            ? `: the server is still waiting for ${unsent} photo${unsent === 1 ? '' : 's'} from it.`
            : '.'}
        </li>
        <li>
          Afterwards, reset the PINs of staff who used it (Staff and photo permission), in case
          someone tries them.
        </li>
      </ul>
      <div className="tablets-revoke__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={props.busy}
          onClick={props.onRevoke}
        >
          Revoke this tablet
        </button>
        <button type="button" className="button" disabled={props.busy} onClick={props.onCancel}>
          Keep it
        </button>
      </div>
    </section>
  )
}
