// Take a photo: where, who not to photograph, the camera; after the shutter, who is in it,
// what for, what the practitioner confirms, and the policy's live decision with Save and
// Discard. A thin view: the state and every rule are in useCaptureScreen and src/policy.
import { CameraView } from './CameraView.tsx'
import { CaptureDetails } from './CaptureDetails.tsx'
import { DecisionPanel } from './DecisionPanel.tsx'
import { ExclusionStrip } from './ExclusionStrip.tsx'
import { LocationPicker } from './LocationPicker.tsx'
import { TagPanel } from './TagPanel.tsx'
import { useCaptureScreen } from './useCaptureScreen.ts'
import './CaptureScreen.css'

export function CaptureScreen() {
  const s = useCaptureScreen()
  const { held, live, form, untag, children } = s
  const saving = s.status.kind === 'saving'
  return (
    <div className="capture">
      <div className="capture__top">
        <h1 className="screen-title">Take a photo</h1>
        <ExclusionStrip room={children} />
      </div>
      {s.status.kind === 'saved' && held === null && (
        <p className="capture__saved" role="status">
          ✓ {s.status.message}
        </p>
      )}
      <div className={`capture__layout${held === null ? '' : ' capture__layout--held'}`}>
        <div className="capture__frame">
          <CameraView
            videoRef={s.videoRef}
            camera={s.camera}
            held={held}
            canShoot={s.location !== null}
            shutterError={s.shutterError}
            onShutter={() => {
              s.takeFrame('camera')
            }}
            onFile={s.takeFrame}
            onRetry={s.retryCamera}
          />
          {held !== null && (
            <DecisionPanel
              decision={live?.decision ?? null}
              narrowTo={live?.narrowTo ?? null}
              purposes={form.answers.purposes}
              status={s.status}
              onSave={s.save}
              onDiscard={s.discard}
            />
          )}
        </div>
        <div className="capture__panel">
          <LocationPicker
            locations={s.locations}
            chosenId={s.location?.id ?? null}
            onChoose={s.chooseLocation}
          />
          {held !== null && children !== null && (
            <>
              <TagPanel
                inRoom={children.inRoom}
                others={children.others}
                excludedIds={new Set(children.exclusions.map((e) => e.child.id))}
                tagged={form.answers.childIds}
                disabled={saving || form.answers.attestations.noChildrenInFrame}
                pendingUntag={untag.pendingUntag}
                onToggle={untag.toggle}
                onConfirmUntag={() => void untag.confirmUntag()}
                onCancelUntag={untag.cancelUntag}
              />
              <CaptureDetails
                answers={form.answers}
                needsReason={live?.decision.findings.some((f) => f.severity === 'reason') ?? false}
                disabled={saving}
                onTogglePurpose={form.togglePurpose}
                onAttest={form.attest}
                onChange={form.update}
              />
            </>
          )}
        </div>
      </div>
    </div>
  )
}
