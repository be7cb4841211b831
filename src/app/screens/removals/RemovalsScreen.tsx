// Removal list: each photo a withdrawal flagged, why, each recorded use with "Taken down"
// confirmed by the manager, then "Erase" or "Keep only for …" (the purposes still consented).
import { useState } from 'react'
import { purposeList } from '../../../policy/index.ts'
import type { RemovalItem, RemovalUse } from '../../../protocol/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import { purposeTitle, stateWords } from '../library/libraryWords.ts'
import type { LibraryNames } from '../library/useLibraryNames.ts'
import { ListNote, PhotoCard, ReasonField } from './PhotoCard.tsx'
import { QuarantineSection } from './QuarantineSection.tsx'
import type { StepNote } from './usePhotoWorklist.ts'
import { useRemovalsScreen } from './useRemovalsScreen.ts'
import '../../components/forms.css'
import './RemovalsScreen.css'
import { formatDay } from '../../components/formatDate.ts'

const TAKEDOWN_WORDS = ['Taken down', 'Removed from the journal', 'Removed from the website']

export function RemovalsScreen() {
  const s = useRemovalsScreen()
  const { names, listing } = s
  if (names === undefined) return <p>Loading…</p>
  return (
    <div className="removals">
      <h1 className="screen-title">Removal list</h1>
      <p className="removals__intro">
        Photos a parent’s withdrawal concerns. Take down each use, confirm it here, then erase the
        photo or keep it only for what is still consented.
      </p>
      <div aria-live="polite">
        {listing.status === 'loading' && <p>Loading the removal list…</p>}
        {listing.status === 'error' && <p role="alert">{listing.message}</p>}
        {listing.status === 'ready' && listing.items.length === 0 && (
          <p>Nothing to remove: no withdrawal concerns a photo still kept.</p>
        )}
        <ListNote note={s.note} />
      </div>
      {listing.status === 'ready' && (
        <ul className="removals__list">
          {listing.items.map((item) => (
            <RemovalCard
              key={item.photo.id}
              item={item}
              names={names}
              thumbnail={s.thumbnails.get(item.photo.id) ?? null}
              busy={s.busy}
              note={s.note?.photoId === item.photo.id ? s.note : null}
              onTakeDown={(useId, words) => void s.takeDown(item.photo.id, useId, words)}
              onDecide={(decision, reason) => void s.decide(item.photo.id, decision, reason)}
            />
          ))}
        </ul>
      )}
      <QuarantineSection names={names} />
    </div>
  )
}

type CardProps = {
  item: RemovalItem
  names: LibraryNames
  thumbnail: string | null
  busy: boolean
  note: StepNote | null
  onTakeDown: (useId: string, words: string) => void
  onDecide: (decision: 'erase' | 'keep', reason: string) => void
}

function RemovalCard({ item, names, thumbnail, busy, note, onTakeDown, onDecide }: CardProps) {
  const { photo } = item
  const [reason, setReason] = useState('')
  const keepable = item.keepablePurposes.filter((p) => p !== 'group_photo')
  return (
    <PhotoCard
      photo={photo}
      names={names}
      level="h2"
      sayWho={false}
      why={stateWords(photo, names.child).text}
      thumbnail={thumbnail}
      note={note}
    >
      <h3 className="removal-card__heading">Uses to take down</h3>
      {item.uses.length === 0 ? (
        <p>No use of this photo was recorded.</p>
      ) : (
        <ul className="removal-card__uses">
          {item.uses.map((use) => (
            <UseLine key={use.id} use={use} names={names} busy={busy} onTakeDown={onTakeDown} />
          ))}
        </ul>
      )}
      <ReasonField
        id={`removal-reason-${photo.id}`}
        label="Why (for the audit)"
        value={reason}
        placeholder="Mother withdrew consent for displays on 20 Nov"
        onChange={setReason}
      />
      <div className="removal-card__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => {
            onDecide('erase', reason)
          }}
        >
          Erase the photo
        </button>
        {keepable.length > 0 && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              onDecide('keep', reason)
            }}
          >
            Keep only for {purposeList(keepable)}
          </button>
        )}
      </div>
    </PhotoCard>
  )
}

function UseLine(props: {
  use: RemovalUse
  names: LibraryNames
  busy: boolean
  onTakeDown: (useId: string, words: string) => void
}) {
  const { use, names } = props
  const [words, setWords] = useState(TAKEDOWN_WORDS[0] ?? 'Taken down')
  const until = use.until === null ? '' : ` until ${formatDay(use.until)}`
  const label = `${purposeTitle(use.purpose)} · ${use.place}${until}`
  const selectId = `takedown-${use.id}`
  return (
    <li className="removal-use" data-use-id={use.id}>
      <p className="removal-use__what">
        {label}
        {use.withdrawn && <span className="removal-use__tag">withdrawn</span>}
      </p>
      {use.takenDown !== null ? (
        <p className="removal-use__done">
          <StatusIcon tone="ok" />
          {use.takenDown.note}: confirmed by {names.staff(use.takenDown.staffId)} on{' '}
          {formatDay(use.takenDown.confirmedAt)}
        </p>
      ) : (
        <div className="removal-use__confirm">
          <label className="visually-hidden" htmlFor={selectId}>
            What was done for {label}
          </label>
          <select
            id={selectId}
            value={words}
            onChange={(e) => {
              setWords(e.target.value)
            }}
          >
            {TAKEDOWN_WORDS.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={props.busy}
            onClick={() => {
              props.onTakeDown(use.id, words)
            }}
          >
            Confirm
          </button>
        </div>
      )}
    </li>
  )
}
