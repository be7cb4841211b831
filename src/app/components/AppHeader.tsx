// The bar on every screen: who we are, and whether the tablet is online. Later it will also
// show who is signed in; it stays one line high in both orientations.
import { ConnectionStatus } from './ConnectionStatus.tsx'
import './AppHeader.css'

export function AppHeader() {
  return (
    <header className="app-header">
      <p className="app-header__brand">
        <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" width="32" height="32" />
        <span>ConsentLens</span>
      </p>
      <ConnectionStatus />
    </header>
  )
}
