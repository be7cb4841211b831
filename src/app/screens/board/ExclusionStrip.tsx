// "Not to be photographed now": the children of the room who must not be photographed (for the
// chosen purpose, or at all), each with every reason in words. It sits above the cards so it
// is the first thing seen on opening the board.
import { ConsentIcon } from '../../components/ConsentIcon.tsx'
import { purposeLabel } from '../../../policy/index.ts'
import type { PurposeFilter, StripItem } from './boardModel.ts'

type Props = {
  items: StripItem[]
  purpose: PurposeFilter
  roomName: string
  onOpen: (childId: string) => void
}

export function ExclusionStrip({ items, purpose, roomName, onOpen }: Props) {
  const title =
    purpose === 'all'
      ? 'Not to be photographed now'
      : `Not to be photographed now for ${purposeLabel(purpose)}`
  return (
    <section className="exclusion-strip" aria-labelledby="exclusion-title">
      <h2 id="exclusion-title" className="exclusion-strip__title">
        <ConsentIcon shape="cross" />
        <span>{title}</span>
        <span className="exclusion-strip__count">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="exclusion-strip__none">
          Nobody in {roomName} is on this list
          {purpose === 'all' ? '.' : ` for ${purposeLabel(purpose)}.`}
        </p>
      ) : (
        <ul className="exclusion-strip__list">
          {items.map((item) => (
            <li key={item.childId}>
              <button
                type="button"
                className="exclusion-strip__child"
                onClick={() => {
                  onOpen(item.childId)
                }}
              >
                <span className="exclusion-strip__name">{item.name}</span>
                {item.reasons.map((r) => (
                  <span key={r.text} className="exclusion-strip__reason" data-reason={r.code}>
                    {r.text}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
