// One photo on the removal list or in the quarantine review: its preview (or "No preview"), who
// is in it, when and what for, why it is listed, what the card asks, the reason field the audit needs, and what the last step said.
import type { ReactNode } from 'react'
import { purposeList } from '../../../policy/index.ts'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import { formatDayTime } from '../../components/formatDate.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import type { LibraryNames } from '../library/useLibraryNames.ts'
import type { StepNote } from './usePhotoWorklist.ts'

export function PhotoCard(props: {
  photo: LibraryPhoto
  names: LibraryNames
  /** The card's heading level: h2 on the removal list, h3 inside the quarantine section. */
  level: 'h2' | 'h3'
  /** Whether to say who took it. */
  sayWho: boolean
  /** Why the photo is on the list, in words. */
  why: string
  thumbnail: string | null
  note: StepNote | null
  /** What the card asks: uses, the reason, the actions. */
  children: ReactNode
}) {
  const { photo, names, thumbnail, note } = props
  const who = photo.childIds.map(names.child).join(', ') || 'No children'
  const Heading = props.level
  const by = props.sayWho ? ` by ${names.staff(photo.staffId)}` : ''
  return (
    <li className="removal-card card" data-photo-id={photo.id}>
      {thumbnail === null ? (
        <span className="photo-thumb photo-thumb--none removal-card__thumb">No preview</span>
      ) : (
        <img className="photo-thumb removal-card__thumb" src={thumbnail} alt={`Photo of ${who}`} />
      )}
      <div className="removal-card__body">
        <Heading className="removal-card__title">{who}</Heading>
        <p>
          Taken {formatDayTime(photo.takenAt)} for {purposeList(photo.purposes)}
          {by}
        </p>
        <p className="removal-card__why">
          <StatusIcon tone="warn" />
          {props.why}
        </p>
        {props.children}
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
    <div className="field removal-card__reason">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => {
          props.onChange(e.target.value)
        }}
      />
    </div>
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
