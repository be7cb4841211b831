// "Not to be photographed now": the room's children whose photo the policy would block
// outright (injury, or no valid consent at all), and then those who may not be in this
// photo for some of its purposes (say, learning-journey consent withdrawn), always in view
// above the camera so the practitioner frames the shot without them. One short line per
// child (the board has the detail); words and an icon, never colour alone.
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

export function ExclusionStrip({ room }: { room: RoomChildren | null }) {
  const none = room !== null && room.exclusions.length + room.restricted.length === 0
  return (
    <section className="capture-strip" aria-labelledby="capture-strip-title">
      <h2 id="capture-strip-title" className="capture-strip__title">
        <StatusIcon tone="warn" />
        Not to be photographed now:
      </h2>
      {room === null ? (
        <p className="capture-strip__none">Checking…</p>
      ) : none ? (
        <p className="capture-strip__none">nobody in this room today.</p>
      ) : (
        <ul className="capture-strip__list">
          {room.exclusions.map(({ child, status }) => (
            <li
              key={child.id}
              className="capture-strip__child"
              title={status.reasons.map((r) => r.message).join(' ')}
            >
              <strong>
                {child.firstName} {child.lastName}
              </strong>{' '}
              ({status.reasons.map((r) => SHORT[r.code]).join(', ')})
            </li>
          ))}
          {room.restricted.map(({ child, reasons }) => (
            <li
              key={child.id}
              className="capture-strip__child"
              title={reasons.map((r) => r.message).join(' ')}
            >
              <strong>
                {child.firstName} {child.lastName}
              </strong>{' '}
              ({notFor(reasons)})
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
