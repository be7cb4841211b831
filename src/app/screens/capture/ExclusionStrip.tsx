// "Not to be photographed now": the room's children whose photo the policy would block
// outright (injury, or no valid consent at all), and then those who may not be in this
// photo for some of its purposes (say, learning-journey consent withdrawn). Compact: a count
// that opens to the names on demand, so seven names never push the shutter off a tablet's
// screen. The screen opens it before the shutter and folds it once a photo is
// held (the name tiles then say who is not to be photographed). One short line per child
// (the board has the detail); words and an icon, never colour alone.
import { useId } from 'react'
import { purposeList, type ExclusionCode, type Purpose } from '../../../policy/index.ts'
import { StatusIcon } from '../../components/StatusIcon.tsx'
import type { RoomChildren } from './roomChildren.ts'

const SHORT: Record<ExclusionCode, string> = {
  injury: 'injury recorded',
  no_record: 'no consent',
  refused: 'consent refused',
  withdrawn: 'consent withdrawn',
  review_overdue: 'consent review overdue',
  no_parental_responsibility: 'consent not from a parent',
}

/** "not for learning journey: consent withdrawn; not for the website: no consent". */
function notFor(reasons: RoomChildren['restricted'][number]['reasons']): string {
  const byCode = new Map<ExclusionCode, Purpose[]>()
  for (const r of reasons) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.purpose])
  return [...byCode]
    .map(([code, purposes]) => `not for ${purposeList(purposes)}: ${SHORT[code]}`)
    .join('; ')
}

type Props = {
  room: RoomChildren | null
  open: boolean
  onToggle: () => void
}

export function ExclusionStrip({ room, open, onToggle }: Props) {
  const listId = useId()
  const count = room === null ? 0 : room.exclusions.length + room.restricted.length
  const title = (
    <>
      <StatusIcon tone="warn" />
      <span>Not to be photographed now:</span>
    </>
  )
  if (room === null || count === 0) {
    return (
      <section className="capture-strip" aria-label="Not to be photographed now">
        <p className="capture-strip__title">
          {title} {room === null ? 'checking…' : 'nobody in this room today.'}
        </p>
      </section>
    )
  }
  return (
    <section className="capture-strip" aria-label="Not to be photographed now">
      <h2 className="capture-strip__heading">
        <button
          type="button"
          className="capture-strip__toggle"
          aria-expanded={open}
          aria-controls={listId}
          onClick={onToggle}
        >
          {title} <strong>{count === 1 ? '1 child' : `${count} children`}</strong>{' '}
          <span className="capture-strip__more">{open ? 'Hide names' : 'Show names'}</span>
        </button>
      </h2>
      <ul
        id={listId}
        className="capture-strip__list"
        aria-label="Not to be photographed now"
        hidden={!open}
      >
        {room.exclusions.map(({ child, status }) => (
          <li key={child.id} className="capture-strip__child">
            <strong>
              {child.firstName} {child.lastName}
            </strong>{' '}
            ({status.reasons.map((r) => SHORT[r.code]).join(', ')})
          </li>
        ))}
        {room.restricted.map(({ child, reasons }) => (
          <li key={child.id} className="capture-strip__child">
            <strong>
              {child.firstName} {child.lastName}
            </strong>{' '}
            ({notFor(reasons)})
          </li>
        ))}
      </ul>
    </section>
  )
}
