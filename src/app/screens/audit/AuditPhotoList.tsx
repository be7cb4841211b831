// Every photo of the day, one card each: the thumbnail while the tablet still holds it, and
// every fact an inspector may ask about. Warnings (quarantine, removal, deletion) are words
// with an icon.
import type { PhotoRow } from '../../../audit/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'

type Props = { photos: readonly PhotoRow[]; thumbnails: ReadonlyMap<string, string> }

export function AuditPhotoList({ photos, thumbnails }: Props) {
  if (photos.length === 0) return <p>No photos were taken on this tablet on this day.</p>
  return (
    <ol className="audit-photos">
      {photos.map((photo) => (
        <li key={photo.photoId} className="card audit-photo">
          <Thumbnail url={thumbnails.get(photo.photoId)} photo={photo} />
          <div className="audit-photo__facts">
            <h3 className="audit-photo__title">
              {photo.time} · {photo.staff}
            </h3>
            <dl className="audit-facts">
              <Fact label="Children">{photo.children.join(', ') || 'None tagged'}</Fact>
              <Fact label="Purposes">{photo.purposes.join(', ')}</Fact>
              <Fact label="Location">{photo.location}</Fact>
              <Fact label="Tablet">{photo.deviceId}</Fact>
              <Fact label="Decision">{photo.verdict}</Fact>
              <Fact label="Findings">
                {photo.findings === null ? 'Not recorded' : photo.findings.join(' ') || 'None'}
              </Fact>
              <Fact label="Reason given">{photo.reason ?? 'None needed'}</Fact>
              {photo.conditions !== null && photo.conditions.length > 0 && (
                <Fact label="Parents’ conditions checked">{photo.conditions.join(' ')}</Fact>
              )}
              <Fact label="Server">{photo.sync}</Fact>
            </dl>
            <Warnings photo={photo} />
          </div>
        </li>
      ))}
    </ol>
  )
}

function Thumbnail({ url, photo }: { url: string | undefined; photo: PhotoRow }) {
  if (url === undefined) {
    return <p className="audit-photo__none">No image on this tablet</p>
  }
  return (
    <img
      className="audit-photo__thumb"
      src={url}
      alt={`Photo taken at ${photo.time} by ${photo.staff}`}
      loading="lazy"
    />
  )
}

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <div className="audit-facts__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function Warnings({ photo }: { photo: PhotoRow }) {
  const lines = [
    photo.quarantined === null ? null : `Quarantined by the server: ${photo.quarantined.reason}`,
    ...photo.flaggedForRemoval.map((flag) => `Flagged for removal. ${flag}`),
    photo.deleted === null
      ? null
      : `Deleted at ${photo.deleted.time} by ${photo.deleted.by}: ${photo.deleted.reason}`,
  ].filter((line): line is string => line !== null)
  if (lines.length === 0) return null
  return (
    <ul className="audit-photo__warnings">
      {lines.map((line) => (
        <li key={line} className="audit-state audit-state--warn">
          <StatusIcon tone="warn" />
          <span>{line}</span>
        </li>
      ))}
    </ul>
  )
}
