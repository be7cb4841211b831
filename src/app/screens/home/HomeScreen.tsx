// Home: the jobs of the person signed in, as big tiles, then every other job of the app greyed
// with the reason and who to ask (the roles table decides which is which).
import { ManagerAlerts } from '../alerts/ManagerAlerts.tsx'
import { useHomeScreen, type HomeTile } from './useHomeScreen.ts'
import './HomeScreen.css'

export function HomeScreen() {
  const { staff, usable, others, goTo, alerts, markSeen } = useHomeScreen()
  const open = (tile: HomeTile) => {
    goTo(tile.screen)
  }
  return (
    <div className="home-hub">
      <h1 className="screen-title">Hello, {staff.name.split(' ')[0]}</h1>
      {alerts !== null && (
        <ManagerAlerts
          alerts={alerts}
          onOpen={goTo}
          onSeen={(ids) => {
            void markSeen(ids)
          }}
        />
      )}
      <TileList tiles={usable} onOpen={open} />
      {others.length > 0 && (
        <section className="home-hub__others" aria-labelledby="home-others">
          <h2 id="home-others" className="home-hub__others-title">
            Other jobs in ConsentLens
          </h2>
          <TileList tiles={others} onOpen={open} />
        </section>
      )}
    </div>
  )
}

function TileList({ tiles, onOpen }: { tiles: HomeTile[]; onOpen: (tile: HomeTile) => void }) {
  return (
    <ul className="home-hub__tiles">
      {tiles.map((tile) => (
        <li key={tile.id}>
          <button
            type="button"
            className="home-hub__tile"
            data-tile={tile.id}
            disabled={tile.denied !== null}
            aria-describedby={`tile-${tile.id}`}
            onClick={() => {
              onOpen(tile)
            }}
          >
            <span className="home-hub__label">{tile.label}</span>
            <span id={`tile-${tile.id}`} className="home-hub__detail">
              {tile.denied ?? tile.detail}
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}
