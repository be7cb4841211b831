// The confirmation before revoking a tablet, in its own card: what happens, in words, before
// it happens. It takes the focus when it opens (which also scrolls it into view), so a screen
// reader reads it and the manager sees it wherever the card is on the screen.
import { useEffect, useRef } from 'react'
import type { DeviceSummary } from '../../../protocol/index.ts'

export function RevokeConfirm(props: {
  device: DeviceSummary
  busy: boolean
  onRevoke: () => void
  onCancel: () => void
}) {
  const { device } = props
  const unsent = device.unsentPhotos
  const box = useRef<HTMLElement>(null)
  useEffect(() => {
    box.current?.focus()
  }, [])
  return (
    <section
      ref={box}
      tabIndex={-1}
      className="tablets-revoke"
      role="alertdialog"
      aria-labelledby="tablets-revoke-title"
      aria-describedby="tablets-revoke-what"
    >
      <h3 id="tablets-revoke-title">Revoke “{device.name}”?</h3>
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
