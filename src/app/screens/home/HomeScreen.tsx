// Home: the jobs of the person signed in, as big tiles. What they may not do is shown greyed
// with the reason and who to ask.
import { ManagerAlerts } from '../alerts/ManagerAlerts.tsx'
import { useHomeScreen } from './useHomeScreen.ts'
import './HomeScreen.css'

export function HomeScreen() {
  const { staff, tiles, goTo, alerts, markSeen } = useHomeScreen()
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
                goTo(tile.screen)
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
    </div>
  )
}
