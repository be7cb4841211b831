// A question asked in place, next to what it is about ("Is Noah definitely not in this
// photo?", "Discard this photo?"): an `alertdialog` that takes keyboard focus when it opens
// (on the safe answer), keeps Tab inside itself, and closes on Escape as the safe answer.
// Where focus goes once it is answered is the caller's choice: it knows what was asked about.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

type Props = {
  question: ReactNode
  /** The answer that changes something ("Yes, discard it"). */
  confirmLabel: string
  /** The answer that changes nothing; it has focus first and Escape chooses it. */
  cancelLabel: string
  onConfirm: () => void
  onCancel: () => void
  className?: string
}

export function ConfirmQuestion(props: Props) {
  const { onCancel } = props
  const id = useId()
  const box = useRef<HTMLDivElement>(null)
  const safe = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    // The whole question in view, not just its button (jsdom has no scrollIntoView).
    const question = box.current
    if (question !== null && 'scrollIntoView' in question) {
      question.scrollIntoView({ block: 'nearest' })
    }
    safe.current?.focus({ preventScroll: true })
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onCancel()
      return
    }
    if (event.key !== 'Tab') return
    const buttons = Array.from(box.current?.querySelectorAll('button') ?? [])
    const first = buttons[0]
    const last = buttons.at(-1)
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last?.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first?.focus()
    }
  }

  return (
    <div
      ref={box}
      className={`confirm-question ${props.className ?? ''}`}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={id}
      onKeyDown={onKeyDown}
    >
      <p id={id} className="confirm-question__text">
        {props.question}
      </p>
      <div className="confirm-question__actions">
        <button type="button" className="button button--primary" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button ref={safe} type="button" className="button" onClick={onCancel}>
          {props.cancelLabel}
        </button>
      </div>
    </div>
  )
}
