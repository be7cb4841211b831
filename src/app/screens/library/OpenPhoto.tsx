// One photo of the setting, large: the image, its children, purposes, who took it, its state
// now, and for each purpose whether it can be used today (with every reason when not); using
// it, and for the manager a parent's approval of a publicity photo; its uses so far.
import { purposeList } from '../../../policy/index.ts'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import type { LibraryClient } from '../../../sync/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { ApprovalForm } from './ApprovalForm.tsx'
import { purposeTitle, reasonWords, stateWords } from './libraryWords.ts'
import type { LibraryNames } from './useLibraryNames.ts'
import { useOpenPhoto } from './useOpenPhoto.ts'
import { UsePhotoForm } from './UsePhotoForm.tsx'
import { formatDay, formatDayTime } from '../../components/formatDate.ts'

type Props = {
  client: LibraryClient
  photo: LibraryPhoto
  names: LibraryNames
  onClose: () => void
}

export function OpenPhoto({ client, photo: listed, names, onClose }: Props) {
  const o = useOpenPhoto(client, listed.id)
  const mayApprove = usePermission('record-photo-approval')
  const photo = o.detail?.photo ?? listed
  const state = stateWords(photo, names.child)
  const taken = formatDayTime(photo.takenAt)
  return (
    <div className="open-photo">
      <button type="button" className="button" onClick={onClose}>
        <span aria-hidden="true">‹ </span>Back to the photos
      </button>
      <h1 className="screen-title">Photo taken {taken}</h1>
      <div className="open-photo__body">
        {o.imageUrl === null ? (
          <p className="open-photo__image open-photo__image--none">{o.problem ?? 'Loading…'}</p>
        ) : (
          <img
            className="open-photo__image"
            src={o.imageUrl}
            alt={`Photo of ${photo.childIds.map(names.child).join(', ') || 'no children'}`}
          />
        )}
        <dl className="open-photo__facts">
          <dt>Children</dt>
          <dd>{photo.childIds.map(names.child).join(', ') || 'No children in it'}</dd>
          <dt>Taken for</dt>
          <dd>{purposeList(photo.purposes)}</dd>
          <dt>Taken by</dt>
          <dd>
            {names.staff(photo.staffId)}, {names.place(photo.locationId)}
          </dd>
          <dt>State now</dt>
          <dd className={`library-card__state library-card__state--${state.tone}`}>
            <StatusIcon tone={state.tone} />
            {state.text}
          </dd>
        </dl>
      </div>
      <section aria-labelledby="uses-now" className="open-photo__section">
        <h2 id="uses-now">Can it be used today?</h2>
        <ul className="use-list">
          {photo.uses
            .filter((u) => photo.purposes.includes(u.purpose))
            .map((u) => (
              <li
                key={u.purpose}
                data-purpose={u.purpose}
                className={`library-card__state--${u.allowed ? 'ok' : 'warn'}`}
              >
                <StatusIcon tone={u.allowed ? 'ok' : 'warn'} />
                <strong>{purposeTitle(u.purpose)}:</strong>{' '}
                {u.allowed
                  ? 'yes'
                  : `no. ${u.reasons.map((r) => reasonWords(r, names.child)).join(' ')}`}
              </li>
            ))}
        </ul>
      </section>
      <UsePhotoForm
        photo={photo}
        names={names}
        busy={o.busy}
        canShare={o.canShare}
        outcome={o.outcome}
        onUse={(request) => void o.use(request)}
      />
      {mayApprove && photo.purposes.includes('publicity') && (
        <ApprovalForm photo={photo} names={names} onApprove={o.approve} />
      )}
      <section aria-labelledby="uses-so-far" className="open-photo__section">
        <h2 id="uses-so-far">Uses so far</h2>
        {o.detail === null || o.detail.history.length === 0 ? (
          <p>{o.detail === null ? 'Loading…' : 'Not used yet.'}</p>
        ) : (
          <ul className="use-history">
            {o.detail.history.map((u) => (
              <li key={u.id}>
                {formatDayTime(u.usedAt)}: {purposeTitle(u.purpose)}, {u.place}
                {u.until === null ? '' : `, until ${formatDay(u.until)}`} ({names.staff(u.staffId)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
