// Take a photo: where, who not to photograph, the camera; after the shutter, who is in it,
// what for, what the practitioner confirms, and the policy's live decision with Save and
// Discard. A thin view: the state and every rule are in useCaptureScreen and src/policy.
//
// Layout (CaptureScreen.css): on a tablet the screen fits the viewport in either orientation
// and only the answers scroll, so the photo, the shutter and Save are always in view and
// nothing is pinned over the work. In the DOM the answers come before the shutter, Save and
// Discard, which is the keyboard's order too.
import { useState, type Ref } from 'react'
import { CameraView } from './CameraView.tsx'
import { CaptureDetails } from './CaptureDetails.tsx'
import { DecisionPanel } from './DecisionPanel.tsx'
import { ExclusionStrip } from './ExclusionStrip.tsx'
import { LocationPicker } from './LocationPicker.tsx'
import { ParentConditions } from './ParentConditions.tsx'
import { ShutterControls } from './ShutterControls.tsx'
import { TagPanel } from './TagPanel.tsx'
import { useCaptureFocus } from './useCaptureFocus.ts'
import { useCaptureScreen, type CaptureScreenState } from './useCaptureScreen.ts'
import './CaptureScreen.css'

export function CaptureScreen() {
  const s = useCaptureScreen()
  const { held } = s
  const { panelRef, shutterRef, tagGroupRef } = useCaptureFocus(held?.photoId ?? null, s.visible)
  // The names are open before the shutter (frame the shot without them) and fold to a count
  // once a photo is held (the name tiles say it then), unless the person chose otherwise.
  const [namesOpen, setNamesOpen] = useState<{ held: boolean; open: boolean } | null>(null)
  const holding = held !== null
  const open = namesOpen?.held === holding ? namesOpen.open : !holding
  const location = (
    <LocationPicker
      locations={s.locations}
      chosenId={s.location?.id ?? null}
      onChoose={s.chooseLocation}
    />
  )
  return (
    <div className={`capture ${holding ? 'capture--held' : 'capture--live'}`}>
      <h1 className="screen-title capture__title">Take a photo</h1>
      <div className="capture__frame">
        <CameraView videoRef={s.videoRef} camera={s.camera} held={held} onRetry={s.retryCamera} />
      </div>
      <div className="capture__panel" ref={panelRef}>
        <ExclusionStrip
          room={s.children}
          open={open}
          onToggle={() => {
            setNamesOpen({ held: holding, open: !open })
          }}
        />
        {!holding && location}
        {holding && <HeldAnswers s={s} tagGroupRef={tagGroupRef} />}
        {holding && location}
      </div>
      <div className="capture__dock">
        <p className="capture__saved" role="status">
          {s.status.kind === 'saved' && !holding
            ? `✓ ${s.status.message}`
            : !holding && s.notice !== null
              ? s.notice
              : ''}
        </p>
        {holding ? (
          <DecisionPanel
            decision={s.live?.decision ?? null}
            narrowTo={s.live?.narrowTo ?? null}
            purposes={s.form.answers.purposes}
            status={s.status}
            conditions={s.conditions}
            acknowledged={s.form.answers.acknowledged}
            group={
              s.groupBlockers === null
                ? null
                : {
                    blockers: s.groupBlockers,
                    onUntag: (id) => {
                      s.untag.toggle(id, false)
                    },
                    onOnePerChild: s.onePerChild,
                  }
            }
            askBeforeDiscard={s.askBeforeDiscard}
            onSave={s.save}
            onDiscard={s.discard}
          />
        ) : (
          <ShutterControls
            ready={s.camera.status === 'live'}
            canShoot={s.location !== null}
            shutterError={s.shutterError}
            shutterRef={shutterRef}
            onShutter={() => {
              s.takeFrame('camera')
            }}
            onFile={s.takeFrame}
          />
        )}
      </div>
    </div>
  )
}

function HeldAnswers({
  s,
  tagGroupRef,
}: {
  s: CaptureScreenState
  tagGroupRef: Ref<HTMLFieldSetElement>
}) {
  const { form, untag, children, live } = s
  if (children === null) return null
  const saving = s.status.kind === 'saving'
  return (
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
        groupRef={tagGroupRef}
      />
      <ParentConditions
        conditions={s.conditions}
        acknowledged={form.answers.acknowledged}
        onAcknowledge={form.acknowledge}
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
  )
}
