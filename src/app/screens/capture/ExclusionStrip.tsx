// "Not to be photographed now": the room's children whose photo the policy would block
// outright (injury, or no valid consent at all), always in view above the camera so the
// practitioner frames the shot without them. One short line per child (the board has the
// detail); words and an icon, never colour alone.
import type { ExclusionCode } from '../../../policy/index.ts'
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

export function ExclusionStrip({ exclusions }: { exclusions: RoomChildren['exclusions'] | null }) {
  return (
    <section className="capture-strip" aria-labelledby="capture-strip-title">
      <h2 id="capture-strip-title" className="capture-strip__title">
        <StatusIcon tone="warn" />
        Not to be photographed now:
      </h2>
      {exclusions === null ? (
        <p className="capture-strip__none">Checking…</p>
      ) : exclusions.length === 0 ? (
        <p className="capture-strip__none">nobody in this room today.</p>
      ) : (
        <ul className="capture-strip__list">
          {exclusions.map(({ child, status }) => (
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
        </ul>
      )}
    </section>
  )
}
