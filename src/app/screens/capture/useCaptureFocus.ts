// Where keyboard focus goes on the capture screen after an action, so it never drops to the
// page body (WCAG 2.4.3): after the shutter, to "Who is in the photo?"; after a save, a
// discard or a retake, back to "Take photo" for the next one. Moves only when the held photo
// comes or goes, never while someone is answering; the answers' column then starts at its top.
import { useEffect, useRef } from 'react'

export function useCaptureFocus(heldId: string | null, visible: boolean) {
  const tagGroup = useRef<HTMLFieldSetElement>(null)
  const shutter = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const last = useRef<string | null>(heldId)
  useEffect(() => {
    if (!visible || last.current === heldId) return
    const had = last.current
    last.current = heldId
    if (panel.current !== null) panel.current.scrollTop = 0
    if (heldId !== null) tagGroup.current?.focus()
    else if (had !== null) shutter.current?.focus()
  }, [heldId, visible])
  return { tagGroupRef: tagGroup, shutterRef: shutter, panelRef: panel }
}
