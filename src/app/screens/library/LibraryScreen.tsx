// Photos of the setting: the setting's photos on its server, newest first, each with its
// children, purposes, who took it and its state now (a withdrawal since it was taken is said
// for its purpose); one opened large to use it. Thumbnails are fetched as the list shows them.
import { purposeList } from '../../../policy/index.ts'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import { LibraryFilterBar } from './LibraryFilterBar.tsx'
import { OpenPhoto } from './OpenPhoto.tsx'
import { stateWords, withdrawnLines } from './libraryWords.ts'
import type { LibraryNames } from './useLibraryNames.ts'
import { useLibraryScreen } from './useLibraryScreen.ts'
import '../../components/forms.css'
import './LibraryScreen.css'
import { formatDayTime } from '../../components/formatDate.ts'

export function LibraryScreen() {
  const s = useLibraryScreen()
  const { names, listing } = s
  if (names === undefined) return <p>Loading…</p>
  if (s.opened !== null) {
    return <OpenPhoto client={s.client} photo={s.opened} names={names} onClose={s.close} />
  }
  return (
    <div className="library">
      <h1 className="screen-title">Photos of the setting</h1>
      <LibraryFilterBar
        filters={s.filters}
        rooms={names.rooms}
        children={s.keyChildren}
        onChange={s.setFilter}
        onClear={s.clearFilters}
      />
      <div aria-live="polite">
        {listing.status === 'loading' && <p>Loading the setting’s photos…</p>}
        {listing.status === 'error' && <p role="alert">{listing.message}</p>}
        {listing.status === 'ready' && listing.photos.length === 0 && (
          <p>No photos match. Try another day, room, child or purpose.</p>
        )}
      </div>
      {listing.status === 'ready' && (
        <ul className="library__grid">
          {listing.photos.map((photo) => (
            <PhotoCard
              key={photo.id}
              photo={photo}
              names={names}
              thumbnail={s.thumbnails.get(photo.id) ?? null}
              onOpen={() => {
                s.open(photo.id)
              }}
            />
          ))}
        </ul>
      )}
      {listing.status === 'ready' && listing.next !== null && (
        <button
          type="button"
          className="button library__more"
          disabled={listing.more}
          onClick={() => void s.loadMore()}
        >
          {listing.more ? 'Loading…' : 'Show more photos'}
        </button>
      )}
    </div>
  )
}

type CardProps = {
  photo: LibraryPhoto
  names: LibraryNames
  thumbnail: string | null
  onOpen: () => void
}

function PhotoCard({ photo, names, thumbnail, onOpen }: CardProps) {
  const taken = formatDayTime(photo.takenAt)
  const state = stateWords(photo, names.child)
  const children = photo.childIds.map(names.child).join(', ') || 'No children'
  return (
    <li className="library-card card" data-photo-id={photo.id}>
      <button type="button" className="library-card__open" onClick={onOpen}>
        {thumbnail === null ? (
          <span className="photo-thumb photo-thumb--none">
            {photo.hasThumbnail ? 'Loading…' : 'No preview'}
          </span>
        ) : (
          <img className="photo-thumb" src={thumbnail} alt="" />
        )}
        <span className="library-card__when">{taken}</span>
        <span className="visually-hidden">Open the photo of {children}</span>
      </button>
      <p className="library-card__children">{children}</p>
      <p>For {purposeList(photo.purposes.filter((p) => p !== 'group_photo'))}</p>
      <p className="library-card__meta">
        By {names.staff(photo.staffId)} · {names.place(photo.locationId)}
      </p>
      <p className={`library-card__state library-card__state--${state.tone}`}>
        <StatusIcon tone={state.tone} />
        {state.text}
      </p>
      {withdrawnLines(photo, names.child).map((line) => (
        <p key={line} className="library-card__withdrawn">
          <StatusIcon tone="warn" />
          {line}
        </p>
      ))}
    </li>
  )
}
