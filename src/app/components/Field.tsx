// A labelled form field with an optional hint and error, wired for screen readers: the control
// gets the id, aria-describedby (hint, then error) and aria-invalid through the render prop.
import type { ReactNode } from 'react'

export type FieldControlProps = {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': boolean
}

type Props = {
  id: string
  label: string
  hint?: string
  error?: string | undefined
  children: (control: FieldControlProps) => ReactNode
}

export function Field({ id, label, hint, error, children }: Props) {
  const described = [
    hint === undefined ? null : `${id}-hint`,
    error === undefined ? null : `${id}-error`,
  ]
    .filter((x) => x !== null)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      {children({
        id,
        'aria-describedby': described === '' ? undefined : described,
        'aria-invalid': error !== undefined,
      })}
      {error !== undefined && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  )
}
