// One photo on the removal list or in the quarantine review: its preview (or "No preview"), what
// the card says and asks, the reason field the audit needs, and what the last step said.
import type { ReactNode } from 'react'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import type { StepNote } from './usePhotoWorklist.ts'

export function PhotoCard(props: {
  photoId: string
  thumbnail: string | null
  /** Who is in it, for the preview's text alternative. */
  who: string
  note: StepNote | null
  body: ReactNode
}) {
  const { photoId, thumbnail, who, note } = props
  return (
    <li className="removal-card card" data-photo-id={photoId}>
      {thumbnail === null ? (
        <span className="removal-card__thumb removal-card__thumb--none">No preview</span>
      ) : (
        <img className="removal-card__thumb" src={thumbnail} alt={`Photo of ${who}`} />
      )}
      <div className="removal-card__body">
        {props.body}
        {note !== null && (
          <p role="alert" className="removal-card__note">
            <StatusIcon tone={note.tone} />
            {note.text}
          </p>
        )}
      </div>
    </li>
  )
}

/** The reason a step is recorded with in the audit. */
export function ReasonField(props: {
  id: string
  label: string
  value: string
  placeholder?: string
  onChange: (value: string) => void
}) {
  return (
    <>
      <label className="removal-card__reason" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="removal-card__input"
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => {
          props.onChange(e.target.value)
        }}
      />
    </>
  )
}

/** What a list says above its cards: a step whose photo has left it. */
export function ListNote({ note }: { note: StepNote | null }) {
  if (note === null || note.photoId !== '') return null
  return (
    <p className="removals__done">
      <StatusIcon tone="ok" />
      {note.text}
    </p>
  )
}
