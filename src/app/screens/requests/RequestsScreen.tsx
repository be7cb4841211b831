// Retention and a parent's requests, the manager's: how long photos are kept for
// each purpose, and for one child a subject access download or the erasure of their photos.
import { StatusIcon } from '../../components/StatusIcon.tsx'
import { formatDay, formatDayTime } from '../../components/formatDate.ts'
import type { LibraryPhoto } from '../../../protocol/index.ts'
import type { LibraryNames } from '../library/useLibraryNames.ts'
import { useLibraryNames } from '../library/useLibraryNames.ts'
import { useParentRequest } from './useParentRequest.ts'
import { useRetentionSettings, type RetentionField } from './useRetentionSettings.ts'
import '../removals/RemovalsScreen.css'
import './RequestsScreen.css'

const FIELDS: { field: RetentionField; label: string; hint: string }[] = [
  {
    field: 'journeyMonthsAfterLeaving',
    label: 'Learning journey: months kept after the child leaves',
    hint: 'Kept while the child attends. Mark a child as left on their page.',
  },
  { field: 'displayMonths', label: 'Displays: months kept after the photo was taken', hint: '' },
  {
    field: 'publicityMonthsWithoutApproval',
    label: 'Website, social media, publicity: months kept with no approval',
    hint: 'With an approval or a recorded use, kept until the end the parent agreed to.',
  },
]

export function RequestsScreen() {
  const names = useLibraryNames()
  return (
    <div className="removals requests">
      <h1 className="screen-title">Retention and a parent’s requests</h1>
      <RetentionSection />
      {names === undefined ? <p>Loading…</p> : <ParentRequestSection names={names} />}
    </div>
  )
}

function Note({ note }: { note: { tone: 'ok' | 'warn'; text: string } | null }) {
  if (note === null) return null
  return (
    <p className="removals__done" role={note.tone === 'warn' ? 'alert' : undefined}>
      <StatusIcon tone={note.tone} />
      {note.text}
    </p>
  )
}

function RetentionSection() {
  const r = useRetentionSettings()
  return (
    <section className="card requests__section" aria-labelledby="retention-title">
      <h2 id="retention-title">How long photos are kept</h2>
      <p className="removals__intro">
        The server erases each photo once no purpose of any child in it still needs it, every day,
        on the server and on every tablet, and says why in the audit.
      </p>
      {r.state.status === 'loading' && <p>Loading…</p>}
      {r.state.status === 'error' && <p role="alert">{r.state.message}</p>}
      {r.state.status === 'ready' && r.draft !== null && (
        <form
          className="requests__form"
          onSubmit={(e) => {
            e.preventDefault()
            void r.save()
          }}
        >
          {FIELDS.map(({ field, label, hint }) => (
            <div key={field} className="requests__field">
              <label htmlFor={`retention-${field}`}>{label}</label>
              <input
                id={`retention-${field}`}
                type="number"
                inputMode="numeric"
                min={field === 'displayMonths' ? 1 : 0}
                value={r.draft?.[field] ?? ''}
                onChange={(e) => {
                  r.set(field, e.target.value)
                }}
              />
              <span className="requests__hint">
                Default {r.state.status === 'ready' ? r.state.answer.defaults[field] : ''}. {hint}
              </span>
            </div>
          ))}
          <p className="requests__hint">
            {r.state.answer.updatedAt === null
              ? 'These are the defaults; nobody has changed them.'
              : `Last changed ${formatDayTime(r.state.answer.updatedAt)}.`}
          </p>
          <button type="submit" className="button button--primary" disabled={r.busy}>
            Save retention
          </button>
        </form>
      )}
      <div aria-live="polite">
        <Note note={r.note} />
      </div>
    </section>
  )
}

function ParentRequestSection({ names }: { names: LibraryNames }) {
  const p = useParentRequest()
  const children = [...names.children].sort((a, b) =>
    `${a.firstName} ${a.lastName}`.localeCompare(`${b.firstName} ${b.lastName}`),
  )
  const chosen = children.find((c) => c.id === p.childId)
  return (
    <section className="card requests__section" aria-labelledby="parent-request-title">
      <h2 id="parent-request-title">A parent’s request</h2>
      <p className="removals__intro">
        For one child: everything the setting holds (consent records, photos, uses, audit), as one
        ZIP to give the parent; or erasing the child’s photos.
      </p>
      <div className="requests__field">
        <label htmlFor="request-child">Child</label>
        <select
          id="request-child"
          value={p.childId}
          onChange={(e) => {
            p.chooseChild(e.target.value)
          }}
        >
          <option value="">Choose a child…</option>
          {children.map((c) => (
            <option key={c.id} value={c.id}>
              {c.firstName} {c.lastName}
              {c.leavingDate === null ? '' : ` (left ${formatDay(c.leavingDate)})`}
            </option>
          ))}
        </select>
      </div>
      <div className="child-actions requests__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={chosen === undefined || p.busy}
          onClick={() => void p.download()}
        >
          Download everything about {chosen?.firstName ?? 'this child'} (ZIP)
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={chosen === undefined || p.busy}
          onClick={() => void p.openErasure()}
        >
          Erase {chosen?.firstName ?? 'this child'}’s photos…
        </button>
      </div>
      <div aria-live="polite">
        <Note note={p.note} />
        {p.preview.status === 'loading' && <p>Finding the photos…</p>}
        {p.preview.status === 'error' && <p role="alert">{p.preview.message}</p>}
      </div>
      {p.preview.status === 'ready' && chosen !== undefined && (
        <ErasurePlan
          firstName={chosen.firstName}
          solo={p.preview.preview.solo}
          group={p.preview.preview.group}
          names={names}
          childId={chosen.id}
          thumbnails={p.thumbnails}
          keep={p.keep}
          onToggle={p.toggleKeep}
          reason={p.reason}
          onReason={p.setReason}
          busy={p.busy}
          onErase={() => void p.erase()}
          onCancel={p.closeErasure}
        />
      )}
    </section>
  )
}

type PlanProps = {
  firstName: string
  childId: string
  solo: LibraryPhoto[]
  group: LibraryPhoto[]
  names: LibraryNames
  thumbnails: ReadonlyMap<string, string>
  keep: ReadonlySet<string>
  onToggle: (photoId: string) => void
  reason: string
  onReason: (text: string) => void
  busy: boolean
  onErase: () => void
  onCancel: () => void
}

function Thumb({ url, takenAt }: { url: string | undefined; takenAt: string }) {
  const alt = `Photo taken ${formatDayTime(takenAt)}`
  return url === undefined ? (
    <div className="requests__thumb removal-card__thumb--none">No preview</div>
  ) : (
    <img className="requests__thumb" src={url} alt={alt} />
  )
}

function ErasurePlan(props: PlanProps) {
  const { firstName, solo, group, names } = props
  const others = (photo: LibraryPhoto) =>
    photo.childIds
      .filter((id) => id !== props.childId)
      .map(names.child)
      .join(', ')
  const erasedGroup = group.filter((g) => !props.keep.has(g.id)).length
  return (
    <div className="requests__plan">
      <h3>
        Photos of {firstName} alone: erased ({solo.length})
      </h3>
      {solo.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="requests__thumbs">
          {solo.map((photo) => (
            <li key={photo.id}>
              <Thumb url={props.thumbnails.get(photo.id)} takenAt={photo.takenAt} />
            </li>
          ))}
        </ul>
      )}
      <h3>Group photos ({group.length})</h3>
      <p className="removals__intro">
        Each is erased, unless you keep it for the other children’s journals: then {firstName}{' '}
        leaves its record, on the server and every tablet.
      </p>
      {group.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="requests__groups">
          {group.map((photo) => {
            const id = `keep-${photo.id}`
            return (
              <li key={photo.id} className="requests__group" data-photo-id={photo.id}>
                <Thumb url={props.thumbnails.get(photo.id)} takenAt={photo.takenAt} />
                <div>
                  <p>
                    {formatDayTime(photo.takenAt)}, with {others(photo)}
                  </p>
                  <label className="requests__keep" htmlFor={id}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={props.keep.has(photo.id)}
                      onChange={() => {
                        props.onToggle(photo.id)
                      }}
                    />
                    Keep for the other children’s journals
                  </label>
                </div>
              </li>
            )
          })}
        </ul>
      )}
      <div className="requests__field">
        <label htmlFor="erasure-reason">Why (for the audit: the parent’s words)</label>
        <input
          id="erasure-reason"
          type="text"
          value={props.reason}
          onChange={(e) => {
            props.onReason(e.target.value)
          }}
        />
      </div>
      <div className="child-actions">
        <button
          type="button"
          className="button button--danger"
          disabled={props.busy}
          onClick={props.onErase}
        >
          Erase {solo.length + erasedGroup} photo(s)
          {props.keep.size > 0 ? `, keep ${props.keep.size} without ${firstName}` : ''}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}
