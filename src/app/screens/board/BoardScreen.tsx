// The consent board of a room: who must not be photographed now and why, then every child as a
// card with each purpose's status. Any member of staff may see it; it changes live as consent
// and injuries are recorded. A thin view over useBoardScreen.
import { PURPOSES } from '../../../policy/index.ts'
import { purposeTitle } from '../../components/consentStatusWords.ts'
import { BoardCard } from './BoardCard.tsx'
import { toPurposeFilter, type BoardModel } from './boardModel.ts'
import { ExclusionStrip } from './ExclusionStrip.tsx'
import { useBoardScreen } from './useBoardScreen.ts'
import './BoardScreen.css'

export function BoardScreen(props: { roomId: string | null }) {
  const b = useBoardScreen(props.roomId)
  const { model, room } = b
  return (
    <div className="board">
      <h1 className="screen-title">Who can be photographed</h1>
      {b.rooms.length > 1 && (
        <div className="board__rooms" role="group" aria-label="Room">
          {b.rooms.map((r) => (
            <button
              key={r.id}
              type="button"
              className="board__room"
              aria-pressed={r.id === room?.id}
              onClick={() => {
                b.chooseRoom(r.id)
              }}
            >
              {r.name}
              <span className="board__room-age">{r.ageRange}</span>
            </button>
          ))}
        </div>
      )}
      {model === undefined || room === null ? (
        <p>{model === undefined ? 'Loading the board…' : 'There are no rooms on this tablet.'}</p>
      ) : (
        <>
          <ExclusionStrip
            items={model.strip}
            purpose={b.purpose}
            roomName={room.name}
            onOpen={b.openChild}
          />
          <div className="board__tools">
            <div className="board__field">
              <label htmlFor="board-search">Find a child</label>
              <input
                id="board-search"
                type="search"
                autoComplete="off"
                value={b.search}
                onChange={(event) => {
                  b.setSearch(event.target.value)
                }}
              />
            </div>
            <div className="board__field">
              <label htmlFor="board-purpose">Show consent for</label>
              <select
                id="board-purpose"
                value={b.purpose}
                onChange={(event) => {
                  b.setPurpose(toPurposeFilter(event.target.value))
                }}
              >
                <option value="all">All purposes</option>
                {PURPOSES.map((p) => (
                  <option key={p} value={p}>
                    {purposeTitle(p)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <h2 className="board__count" aria-live="polite">
            {boardCount(room.name, model, b.search.trim())}
          </h2>
          {model.cards.length === 0 && model.total > 0 && (
            <p>
              No child’s name matches “{b.search.trim()}” in any room. Check the spelling, or clear
              the search.
            </p>
          )}
          <ul className="board__cards">
            {model.cards.map((card) => (
              <BoardCard key={card.childId} card={card} onOpen={b.openChild} />
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function children(n: number): string {
  return n === 1 ? '1 child' : `${n} children`
}

/** "Caterpillars: 9 children", or with a search "Caterpillars: 1 of 9 children; 2 in other rooms". */
function boardCount(roomName: string, model: BoardModel, search: string): string {
  if (search === '') return `${roomName}: ${children(model.total)}`
  const elsewhere = model.cards.length - model.inRoom
  const here = `${roomName}: ${model.inRoom} of ${children(model.total)}`
  return elsewhere === 0 ? here : `${here}; ${elsewhere} in other rooms`
}
