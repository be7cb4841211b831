// "Update ready — Update now / Later". Shown when a new version is waiting. It never updates
// by itself and never takes focus: staff may be mid-photo. The live region is always in the
// page so that screen readers announce the prompt when it appears.
import { usePwaStore } from '../stores/pwaStore.ts'
import './UpdatePrompt.css'

export function UpdatePrompt({ onUpdate }: { onUpdate: () => void }) {
  const visible = usePwaStore((state) => state.updateWaiting && !state.updateDismissed)
  const updating = usePwaStore((state) => state.updating)
  const dismissUpdate = usePwaStore((state) => state.dismissUpdate)
  return (
    <div className="update-slot" aria-live="polite">
      {visible && (
        <section className="update-prompt" aria-labelledby="update-prompt-title">
          <div>
            <h2 id="update-prompt-title">Update ready</h2>
            <p>
              A new version of ConsentLens is ready. Updating takes a few seconds; finish the photo
              you are taking first.
            </p>
          </div>
          <div className="update-prompt__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={onUpdate}
              disabled={updating}
            >
              {updating ? 'Updating…' : 'Update now'}
            </button>
            <button type="button" className="button" onClick={dismissUpdate} disabled={updating}>
              Later
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
