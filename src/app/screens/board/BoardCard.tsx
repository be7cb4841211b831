// One child on the board: name (and room, when a search found them in another), the answer
// for the purposes looked at (the same as the strip and the child's page), whether they are the signed-in keyworker's key child, an
// injury in force, and each purpose's status by icon and word. The whole card opens the
// child's page: the name is the button, stretched over the card, so the list inside stays a
// list for screen readers instead of being flattened into one long button label.
import { ConsentIcon } from '../../components/ConsentIcon.tsx'
import { ConsentStatusBadge } from '../../components/ConsentStatusBadge.tsx'
import { purposeTitle } from '../../components/consentStatusWords.ts'
import type { BoardCard as Card } from './boardModel.ts'

export function BoardCard({ card, onOpen }: { card: Card; onOpen: (childId: string) => void }) {
  return (
    <li className="board-card" data-child-id={card.childId}>
      <h3 className="board-card__name">
        <button
          type="button"
          className="board-card__open"
          onClick={() => {
            onOpen(card.childId)
          }}
        >
          {card.name}
        </button>
      </h3>
      {card.otherRoom !== null && <p className="board-card__room">In {card.otherRoom}</p>}
      <p className={`board-card__answer board-card__answer--${card.answer.tone}`}>
        <ConsentIcon shape={card.answer.tone === 'yes' ? 'tick' : 'cross'} />
        {card.answer.title}
      </p>
      {(card.isKeyChild || card.injured) && (
        <p className="board-card__flags">
          {card.isKeyChild && (
            <span className="board-card__key">
              <span aria-hidden="true">★</span> Your key child
            </span>
          )}
          {card.injured && (
            <span className="board-card__injury">
              <ConsentIcon shape="exclamation" />
              Injury: no photos
            </span>
          )}
        </p>
      )}
      <ul className="board-card__purposes" aria-label={`Consent of ${card.name}`}>
        {card.statuses.map(({ purpose, status }) => (
          <li key={purpose} className="board-card__purpose" data-purpose={purpose}>
            <span>{purposeTitle(purpose)}</span>
            <ConsentStatusBadge status={status} injured={card.injured} />
          </li>
        ))}
      </ul>
    </li>
  )
}
