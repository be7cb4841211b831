// Adding a member of staff: name, role, room and a first PIN. Whether they may take photos
// starts from the role (students and volunteers: no) and the manager can change it here.
import { useState, type SyntheticEvent } from 'react'
import { defaultCanCapture, STAFF_ROLES, type StaffRole } from '../../../policy/index.ts'
import { roleLabel } from '../../components/roleLabel.ts'

type Room = { id: string; name: string }
type NewPerson = {
  name: string
  role: StaffRole
  roomId: string | null
  canCapture: boolean
  pin?: string
}

export function AddStaffForm(props: { rooms: Room[]; onAdd: (p: NewPerson) => Promise<boolean> }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<StaffRole>('practitioner')
  const [roomId, setRoomId] = useState('')
  const [canCapture, setCanCapture] = useState(defaultCanCapture('practitioner'))
  const [pin, setPin] = useState('')

  async function submit(event: SyntheticEvent) {
    event.preventDefault()
    const added = await props.onAdd({
      name,
      role,
      roomId: roomId === '' ? null : roomId,
      canCapture,
      ...(pin === '' ? {} : { pin }),
    })
    if (added) {
      setName('')
      setPin('')
    }
  }

  return (
    <form
      className="card add-staff"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="add-staff-title"
    >
      <h2 id="add-staff-title">Add a member of staff</h2>
      <label htmlFor="staff-name">Name</label>
      <input
        id="staff-name"
        value={name}
        onChange={(e) => {
          setName(e.target.value)
        }}
      />
      <label htmlFor="staff-role">Role</label>
      <select
        id="staff-role"
        value={role}
        onChange={(e) => {
          const next = STAFF_ROLES.find((r) => r === e.target.value) ?? 'practitioner'
          setRole(next)
          setCanCapture(defaultCanCapture(next))
        }}
      >
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
      <label htmlFor="staff-room">Room</label>
      <select
        id="staff-room"
        value={roomId}
        onChange={(e) => {
          setRoomId(e.target.value)
        }}
      >
        <option value="">All rooms</option>
        {props.rooms.map((room) => (
          <option key={room.id} value={room.id}>
            {room.name}
          </option>
        ))}
      </select>
      <label htmlFor="staff-pin">First PIN (4 to 6 digits; they can be given it on paper)</label>
      <input
        id="staff-pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        value={pin}
        onChange={(e) => {
          setPin(e.target.value.replace(/\D/g, ''))
        }}
      />
      <label className="add-staff__check">
        <input
          type="checkbox"
          checked={canCapture}
          onChange={(e) => {
            setCanCapture(e.target.checked)
          }}
        />
        May take photos
      </label>
      <button type="submit" className="button button--primary">
        Add to staff
      </button>
    </form>
  )
}
