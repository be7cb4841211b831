// Quarantined photos, under the removal list: the image, the rule and the reason the server
// held it back, and two ways on: erase it, or check it again against the server's records now.
import { useState } from 'react'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import type { LibraryNames } from '../library/useLibraryNames.ts'
import { ListNote, PhotoCard, ReasonField } from './PhotoCard.tsx'
import { useQuarantineReview } from './useQuarantineReview.ts'
import type { StepNote } from './usePhotoWorklist.ts'

export function QuarantineSection({ names }: { names: LibraryNames }) {
  const q = useQuarantineReview()
  const { listing } = q
  return (
    <section className="removals__section" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Quarantined photos</h2>
      <p className="removals__intro">
        The server held these back: its check of the policy failed. Erase one, or check it again if
        a consent form was signed before the photo but recorded later.
      </p>
      <div aria-live="polite">
        {listing.status === 'loading' && <p>Loading the quarantined photos…</p>}
        {listing.status === 'error' && <p role="alert">{listing.message}</p>}
        {listing.status === 'ready' && listing.items.length === 0 && (
          <p>No photo is quarantined.</p>
        )}
        <ListNote note={q.note} />
      </div>
      {listing.status === 'ready' && listing.items.length > 0 && (
        <ul className="removals__list">
          {listing.items.map((photo) => (
            <QuarantineCard
              key={photo.id}
              photo={photo}
              names={names}
              thumbnail={q.thumbnails.get(photo.id) ?? null}
              busy={q.busy}
              note={q.note?.photoId === photo.id ? q.note : null}
              onErase={(reason) => void q.erase(photo.id, reason)}
              onRecheck={() => void q.recheck(photo.id)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

type CardProps = {
  photo: LibraryPhoto
  names: LibraryNames
  thumbnail: string | null
  busy: boolean
  note: StepNote | null
  onErase: (reason: string) => void
  onRecheck: () => void
}

function QuarantineCard({ photo, names, thumbnail, busy, note, onErase, onRecheck }: CardProps) {
  const [reason, setReason] = useState('')
  const why = `${photo.quarantine?.message ?? ''} (rule: ${photo.quarantine?.rules.join(', ') ?? ''})`
  return (
    <PhotoCard
      photo={photo}
      names={names}
      level="h3"
      sayWho
      why={why}
      thumbnail={thumbnail}
      note={note}
    >
      <ReasonField
        id={`quarantine-reason-${photo.id}`}
        label="Why erase (for the audit)"
        value={reason}
        onChange={setReason}
      />
      <div className="removal-card__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => {
            onErase(reason)
          }}
        >
          Erase the photo
        </button>
        <button type="button" className="button" disabled={busy} onClick={onRecheck}>
          Check again
        </button>
      </div>
    </PhotoCard>
  )
}
