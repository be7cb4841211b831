// One tablet of the setting: its name, when the server last heard from it, its unsent photos
// as the server knows them, and its state; Rename (in place) and Revoke for the manager.
import { useId, useState, type ReactNode } from 'react'
import { DEVICE_NAME_MAX, type DeviceSummary } from '../../../protocol/index.ts'
import { formatDayTime } from '../../components/formatDate.ts'

export function TabletRow(props: {
  device: DeviceSummary
  isThisTablet: boolean
  busy: boolean
  onRename: (name: string) => Promise<boolean>
  onRevoke: () => void
  /** The revoke confirmation, shown in this tablet's card while it is asked. */
  confirmation: ReactNode
}) {
  const { device } = props
  const [editing, setEditing] = useState<string | null>(null)
  const inputId = useId()
  const revoked = device.revokedAt !== null
  const name = device.name.trim() === '' ? 'Unnamed tablet' : device.name
  return (
    <li className={`tablet-row${revoked ? ' tablet-row--revoked' : ''}`}>
      <h2 className="tablet-row__name">
        {name}
        {props.isThisTablet && <span className="tablet-row__this"> (this tablet)</span>}
      </h2>
      <dl className="tablet-row__facts">
        <div>
          <dt>Last seen</dt>
          <dd>{device.lastSeenAt === null ? 'Never' : formatDayTime(device.lastSeenAt)}</dd>
        </div>
        <div>
          <dt>Unsent photos</dt>
          <dd>{device.unsentPhotos === 0 ? 'None' : device.unsentPhotos}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>{revoked ? `Revoked ${formatDayTime(device.revokedAt ?? '')}` : 'In use'}</dd>
        </div>
      </dl>
      {props.confirmation}
      {editing === null ? (
        !revoked &&
        props.confirmation === null && (
          <div className="tablet-row__actions">
            <button
              type="button"
              className="button"
              disabled={props.busy}
              onClick={() => {
                setEditing(device.name)
              }}
            >
              Rename<span className="visually-hidden"> {name}</span>
            </button>
            {!props.isThisTablet && (
              <button
                type="button"
                className="button button--danger"
                disabled={props.busy}
                onClick={props.onRevoke}
              >
                Revoke<span className="visually-hidden"> {name}</span>
              </button>
            )}
          </div>
        )
      ) : (
        <form
          className="tablet-row__rename"
          onSubmit={(event) => {
            event.preventDefault()
            void props.onRename(editing).then((done) => {
              if (done) setEditing(null)
            })
          }}
        >
          <label htmlFor={inputId}>New name for {name}</label>
          <input
            id={inputId}
            type="text"
            value={editing}
            maxLength={DEVICE_NAME_MAX}
            autoComplete="off"
            onChange={(event) => {
              setEditing(event.target.value)
            }}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={props.busy || editing.trim() === ''}
          >
            Save
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setEditing(null)
            }}
          >
            Cancel
          </button>
        </form>
      )}
    </li>
  )
}
