// The capture screen's state: the camera, where, the held photo and its answers, the live
// decision, and Save / Discard. The view (CaptureScreen.tsx) only lays these out.
//
// Invariants:
// - The held photo, its tags and decision live in React state inside the workspace, so a lock
//   keeps them; the camera runs only while the workspace is visible and no photo is held.
// - The decision is the policy engine's, recomputed on every change and on fresh data.
// - The parents' conditions on the consents this photo relies on are listed for the
//   practitioner to acknowledge; the view holds Save until each is (parentConditions.ts).
//   savePhoto does not see them: the acknowledgement is not yet part of the stored photo.
// - Discard asks first once anything was tagged, ticked or typed (answersTouched).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CaptureDraft } from '../../../db/index.ts'
import type { Decision } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useCurrentStaff, useWorkspaceVisible } from '../../session/WorkspaceContext.tsx'
import { captureDecision, groupPhotoBlockers } from './captureDecision.ts'
import { parentConditions } from './parentConditions.ts'
import { roomChildren } from './roomChildren.ts'
import { useCameraStream } from './useCameraStream.ts'
import { useCaptureData } from './useCaptureData.ts'
import { answersTouched, useCaptureForm, type CaptureAnswers } from './useCaptureForm.ts'
import { useCaptureSave } from './useCaptureSave.ts'
import { useHeldPhoto, type HeldPhoto } from './useHeldPhoto.ts'
import { useLocationChoice } from './useLocationChoice.ts'
import { useUntag } from './useUntag.ts'

function toDraft(held: HeldPhoto, locationId: string, answers: CaptureAnswers): CaptureDraft {
  const reason = answers.reason.trim()
  return {
    photoId: held.photoId,
    takenAt: held.takenAt,
    locationId,
    childIds: answers.childIds,
    purposes: answers.purposes,
    adultInFrame: answers.adultInFrame,
    attestations: answers.attestations,
    caption: answers.caption,
    reason: answers.adultInFrame && reason !== '' ? reason : null,
  }
}

export function useCaptureScreen() {
  const staff = useCurrentStaff()
  const visible = useWorkspaceVisible()
  const data = useCaptureData()
  const { location, choose } = useLocationChoice(data?.locations, staff.roomId)
  const form = useCaptureForm()
  const photo = useHeldPhoto()
  const { held, release } = photo
  const { videoRef, camera, retry } = useCameraStream(visible && held === null)
  // After "one photo per child": what to do next, said where "✓ Saved" is said.
  const [notice, setNotice] = useState<string | null>(null)

  const draft = held === null ? null : toDraft(held, location?.id ?? '', form.answers)
  const ids = { staffId: staff.id, deviceId: data?.device?.id ?? '' }
  // Recomputed on every render: cheap next to a person's tap, and never stale.
  const live =
    draft === null || data === undefined
      ? null
      : captureDecision(draft, ids, { ...data.context, now: nowIso() })
  // The strip speaks of the purposes this photo is for: the default until the shutter.
  const holding = held !== null
  const chosenPurposes = form.answers.purposes
  const children = useMemo(
    () =>
      data === undefined
        ? null
        : roomChildren(
            data.children,
            location,
            staff.roomId,
            data.context,
            holding ? chosenPurposes : data.defaultPurposes,
          ),
    [data, location, staff.roomId, holding, chosenPurposes],
  )

  const { childIds } = form.answers
  const conditions = useMemo(
    () =>
      data === undefined || !holding
        ? []
        : parentConditions(data.context, data.conditions, data.children, childIds, chosenPurposes),
    [data, holding, childIds, chosenPurposes],
  )
  const blockers = draft === null ? null : groupPhotoBlockers(live?.decision ?? null, draft)
  const groupBlockers =
    blockers?.map((id) => ({
      id,
      firstName: data?.children.find((c) => c.id === id)?.firstName ?? 'this child',
    })) ?? null

  const latest = useRef<{ draft: CaptureDraft; decision: Decision | null } | null>(null)
  useEffect(() => {
    latest.current = draft === null ? null : { draft, decision: live?.decision ?? null }
  })
  const current = useCallback(() => latest.current, [])
  const saver = useCaptureSave(staff, release)
  const untag = useUntag(staff, form.setTagged, current)
  const { recordIfBlocked } = saver

  // Leaving the screen with a blocked photo held counts as discarding it.
  useEffect(
    () => () => {
      const last = latest.current
      if (last !== null) recordIfBlocked(last.draft, last.decision)
    },
    [recordIfBlocked],
  )

  const defaultPurposes = data?.defaultPurposes
  const takeFrame = useCallback(
    (source: 'camera' | Blob) => {
      saver.clearStatus()
      setNotice(null)
      form.reset(defaultPurposes ?? [])
      if (source === 'camera') void photo.shutter(videoRef.current)
      else photo.fromFile(source)
    },
    [saver, form, defaultPurposes, photo, videoRef],
  )
  const discard = useCallback(() => {
    const last = latest.current
    if (last !== null) recordIfBlocked(last.draft, last.decision)
    untag.cancelUntag()
    saver.clearStatus()
    release()
  }, [recordIfBlocked, untag, saver, release])
  const onePerChild = useCallback(() => {
    discard()
    setNotice(
      'Take one photo of each child on their own: a photo of one child needs no group consent.',
    )
  }, [discard])
  const save = useCallback(
    (purposes: CaptureDraft['purposes']) => {
      if (held !== null && draft !== null) void saver.save(held, draft, purposes)
    },
    [held, draft, saver],
  )

  return {
    staff,
    loading: data === undefined,
    locations: data?.locations ?? [],
    location,
    chooseLocation: choose,
    children,
    videoRef,
    camera,
    retryCamera: retry,
    held,
    shutterError: photo.shutterError,
    takeFrame,
    form,
    live,
    untag,
    status: saver.status,
    notice,
    save,
    discard,
    onePerChild,
    askBeforeDiscard: answersTouched(form.answers),
    conditions,
    groupBlockers,
    visible,
  }
}

export type CaptureScreenState = ReturnType<typeof useCaptureScreen>
