// Rooms and locations (manager): every place photos may be taken, marked where they never may
// be, with "Archive" for a place no longer used (kept for old photos) and a form to add one.
import { useState, type SyntheticEvent } from 'react'
import { deniedMessage, LOCATION_KINDS, type LocationKind } from '../../../policy/index.ts'
import { locationKindLabel, neverPhotographed } from './locationKindLabel.ts'
import { useLocationsScreen } from './useLocationsScreen.ts'
import './LocationsScreen.css'

export function LocationsScreen() {
  const s = useLocationsScreen()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<LocationKind>('room')
  const [roomId, setRoomId] = useState('')

  async function submit(event: SyntheticEvent) {
    event.preventDefault()
    if (await s.add({ name, kind, roomId: roomId === '' ? null : roomId })) setName('')
  }

  if (!s.allowed) {
    return (
      <div>
        <h1 className="screen-title">Locations</h1>
        <p>{deniedMessage('edit-locations')}</p>
      </div>
    )
  }
  return (
    <div className="locations">
      <h1 className="screen-title">Locations</h1>
      <p className={s.message?.ok === false ? 'locations__error' : 'locations__done'} role="status">
        {s.message?.text}
      </p>
      <ul className="locations__list" aria-label="Locations">
        {(s.locations ?? []).map((place) => (
          <li key={place.id} className="card locations__item">
            <div>
              <h2 className="locations__name">{place.name}</h2>
              <p className="locations__meta">
                {locationKindLabel(place.kind)}
                {place.roomId !== null &&
                  ` · ${s.rooms.find((r) => r.id === place.roomId)?.name ?? ''}`}
              </p>
              {neverPhotographed(place.kind) && (
                <p className="locations__never">
                  <span aria-hidden="true">⛔ </span>Never photographed here
                </p>
              )}
            </div>
            <button
              type="button"
              className="button"
              aria-label={`Archive ${place.name}`}
              onClick={() => void s.archive(place.id)}
            >
              Archive
            </button>
          </li>
        ))}
      </ul>
      <form className="card locations__form" onSubmit={(e) => void submit(e)}>
        <h2>Add a location</h2>
        <label htmlFor="location-name">Name</label>
        <input
          id="location-name"
          value={name}
          onChange={(e) => {
            setName(e.target.value)
          }}
        />
        <label htmlFor="location-kind">Kind</label>
        <select
          id="location-kind"
          value={kind}
          onChange={(e) => {
            setKind(LOCATION_KINDS.find((k) => k === e.target.value) ?? 'other')
          }}
        >
          {LOCATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {locationKindLabel(k)}
            </option>
          ))}
        </select>
        <label htmlFor="location-room">Room</label>
        <select
          id="location-room"
          value={roomId}
          onChange={(e) => {
            setRoomId(e.target.value)
          }}
        >
          <option value="">Not a room’s own place</option>
          {s.rooms.map((room) => (
            <option key={room.id} value={room.id}>
              {room.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--primary">
          Add location
        </button>
      </form>
    </div>
  )
}
