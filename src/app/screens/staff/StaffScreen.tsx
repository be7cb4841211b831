// Staff and photo permission (manager): each person with their role, whether they may take
// photos (a switch in words), their PIN, and a form to add someone. Others see why they cannot.
import { deniedMessage } from '../../../policy/index.ts'
import { AddStaffForm } from './AddStaffForm.tsx'
import { StaffRow } from './StaffRow.tsx'
import { useStaffScreen } from './useStaffScreen.ts'
import './StaffScreen.css'

export function StaffScreen() {
  const s = useStaffScreen()
  return (
    <div className="staff-screen">
      <h1 className="screen-title">Staff and photo permission</h1>
      {!s.allowed ? (
        <p>{deniedMessage('authorise-staff')}</p>
      ) : (
        <>
          <p className="staff-screen__intro">
            Students and volunteers may not take photos until you allow it. A change counts from the
            person’s next photo.
          </p>
          <p
            className={`staff-screen__outcome staff-screen__outcome--${s.outcome?.ok === false ? 'warn' : 'ok'}`}
            role="status"
          >
            {s.outcome?.message}
          </p>
          <ul className="staff-screen__list" aria-label="Staff">
            {(s.staff ?? []).map((person) => (
              <StaffRow
                key={person.id}
                person={person}
                roomName={s.rooms.find((r) => r.id === person.roomId)?.name ?? 'All rooms'}
                onToggle={() => s.toggleAuthorised(person)}
                onResetPin={(pin) => s.resetPin(person, pin)}
              />
            ))}
          </ul>
          <AddStaffForm rooms={s.rooms} onAdd={s.add} />
        </>
      )}
    </div>
  )
}
