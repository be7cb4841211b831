// Photos on this tablet: newest first, each with its thumbnail, where, who, what for and its
// sync state in words with an icon ("Sent" only once the server confirmed the image). The
// server's quarantine and every withdrawal that concerns a photo are shown on it in words.
// Delete asks why; the image goes, the audit keeps the why.
import { useState } from 'react'
import { purposeList } from '../../../policy/index.ts'
import { formatDay, formatDayTime } from '../../components/formatDate.ts'
import { StatusIcon, type StatusTone } from '../../components/StatusIcon.tsx'
import type { PhotoMeta } from '../../../model/records.ts'
import { usePhotosScreen, type PhotoRow } from './usePhotosScreen.ts'
import './PhotosScreen.css'

const SYNC: Record<PhotoMeta['syncState'], { tone: StatusTone; text: string }> = {
  waiting: { tone: 'pending', text: 'Waiting to be sent' },
  uploading: { tone: 'pending', text: 'Sending…' },
  sent: { tone: 'ok', text: 'Sent: the server holds it' },
}

const SAMPLE: { tone: StatusTone; text: string } = {
  tone: 'pending',
  text: 'Sample photo: kept on this tablet',
}

export function PhotosScreen() {
  const s = usePhotosScreen()
  return (
    <div className="photos">
      <h1 className="screen-title">Photos on this tablet</h1>
      {s.rows === undefined && <p>Loading…</p>}
      {s.rows?.length === 0 && <p>No photos on this tablet yet.</p>}
      <ul className="photos__list">
        {s.rows?.map((row) => (
          <PhotoItem
            key={row.photo.id}
            row={row}
            thumbnail={s.thumbnails.get(row.photo.id) ?? null}
            deleting={s.deleting?.photoId === row.photo.id ? s.deleting : null}
            onDelete={() => {
              s.startDelete(row.photo.id)
            }}
            onCancel={s.cancelDelete}
            onConfirm={(reason) => void s.confirmDelete(reason)}
          />
        ))}
      </ul>
    </div>
  )
}

type ItemProps = {
  row: PhotoRow
  thumbnail: string | null
  deleting: { error: string | null } | null
  onDelete: () => void
  onCancel: () => void
  onConfirm: (reason: string) => void
}

function PhotoItem({ row, thumbnail, deleting, onDelete, onCancel, onConfirm }: ItemProps) {
  const { photo } = row
  const sync = row.sample ? SAMPLE : SYNC[photo.syncState]
  const taken = formatDayTime(photo.takenAt)
  return (
    <li className="photo-item card" data-photo-id={photo.id}>
      {thumbnail === null ? (
        <div className="photo-item__thumb" aria-hidden="true" />
      ) : (
        <img className="photo-item__thumb" src={thumbnail} alt={`Photo taken ${taken}`} />
      )}
      <div className="photo-item__facts">
        <p className="photo-item__when">{taken}</p>
        <p>
          {row.place} · {row.who}
        </p>
        <p>For {purposeList(photo.purposes)}</p>
        <p className={`photo-item__sync photo-item__sync--${sync.tone}`}>
          <StatusIcon tone={sync.tone} />
          {sync.text}
        </p>
        {photo.erasedOnServer !== undefined && (
          <p className="photo-item__flag" data-testid="erased">
            <StatusIcon tone="warn" />
            Erased from the setting’s server and this tablet on {formatDay(photo.erasedOnServer.at)}
            : {photo.erasedOnServer.reason}
          </p>
        )}
        {photo.quarantine != null && (
          <p className="photo-item__flag" data-testid="quarantine">
            <StatusIcon tone="warn" />
            Held back by the server, never to be used: {photo.quarantine.message}
          </p>
        )}
        {row.removals.map((text) => (
          <p key={text} className="photo-item__flag">
            <StatusIcon tone="warn" />
            {text}
          </p>
        ))}
      </div>
      {photo.erasedOnServer !== undefined ? null : deleting === null ? (
        <button type="button" className="button photo-item__delete" onClick={onDelete}>
          Delete
        </button>
      ) : (
        <DeleteForm error={deleting.error} onCancel={onCancel} onConfirm={onConfirm} />
      )}
    </li>
  )
}

const REASONS = ['Taken by mistake', 'Blurred or a duplicate', 'A parent asked']

function DeleteForm(props: {
  error: string | null
  onCancel: () => void
  onConfirm: (reason: string) => void
}) {
  const [reason, setReason] = useState('')
  return (
    <form
      className="delete-form"
      onSubmit={(e) => {
        e.preventDefault()
        props.onConfirm(reason)
      }}
    >
      <label className="delete-form__field">
        Why delete this photo?
        <input
          type="text"
          value={reason}
          list="delete-reasons"
          onChange={(e) => {
            setReason(e.currentTarget.value)
          }}
        />
      </label>
      <datalist id="delete-reasons">
        {REASONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {props.error !== null && <p role="alert">{props.error}</p>}
      <div className="delete-form__actions">
        <button type="submit" className="button button--primary">
          Delete photo
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Keep it
        </button>
      </div>
    </form>
  )
}
