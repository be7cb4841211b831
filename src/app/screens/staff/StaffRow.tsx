// One member of staff: may they take photos (Yes/No in words and a button to change it), and
// their PIN (set a new one, which also ends a lockout).
import { useState, type SyntheticEvent } from 'react'
import { roleLabel } from '../../components/roleLabel.ts'
import type { StaffRole } from '../../../policy/index.ts'

type Person = {
  id: string
  name: string
  role: StaffRole
  canCapture: boolean
  hasPin: boolean
  lockedOut: boolean
}

type Props = {
  person: Person
  roomName: string
  onToggle: () => Promise<boolean>
  onResetPin: (pin: string) => Promise<boolean>
}

export function StaffRow({ person, roomName, onToggle, onResetPin }: Props) {
  const [pinOpen, setPinOpen] = useState(false)
  const [pin, setPin] = useState('')
  const pinId = `new-pin-${person.id}`
  const locked = person.lockedOut

  async function savePin(event: SyntheticEvent) {
    event.preventDefault()
    if (await onResetPin(pin)) {
      setPin('')
      setPinOpen(false)
    }
  }

  return (
    <li className="card staff-row">
      <div className="staff-row__who">
        <h2 className="staff-row__name">{person.name}</h2>
        <p className="staff-row__meta">
          {roleLabel(person.role)} · {roomName}
        </p>
      </div>
      <p className="staff-row__photos">
        Takes photos:{' '}
        <strong className={person.canCapture ? 'staff-row__yes' : 'staff-row__no'}>
          {person.canCapture ? 'Yes' : 'No'}
        </strong>
      </p>
      <button type="button" className="button" onClick={() => void onToggle()}>
        {person.canCapture ? 'Stop photos' : 'Allow photos'}
        <span className="visually-hidden"> for {person.name}</span>
      </button>
      <p className="staff-row__pin">
        PIN: {person.hasPin ? 'set' : 'not set yet'}
        {locked && <strong className="staff-row__no"> · locked out</strong>}
      </p>
      {pinOpen ? (
        <form className="staff-row__pin-form" onSubmit={(e) => void savePin(e)}>
          <label htmlFor={pinId}>New PIN for {person.name}</label>
          <input
            id={pinId}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            value={pin}
            onChange={(e) => {
              setPin(e.target.value.replace(/\D/g, ''))
            }}
          />
          <button type="submit" className="button button--primary">
            Save PIN
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setPinOpen(false)
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => {
            setPinOpen(true)
          }}
        >
          {locked ? 'Unlock with a new PIN' : 'Set a new PIN'}
          <span className="visually-hidden"> for {person.name}</span>
        </button>
      )}
    </li>
  )
}
