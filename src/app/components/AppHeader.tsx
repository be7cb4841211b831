// The bar on every screen: who we are, who is signed in (with Home and Switch user), and
// whether the tablet is online. It stays one line high in both orientations.
import type { StaffRole } from '../../policy/index.ts'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { roleLabel } from './roleLabel.ts'
import './AppHeader.css'

type Props = {
  signedIn: { name: string; role: StaffRole } | null
  onHome: (() => void) | undefined
  onSwitchUser: (() => void) | undefined
}

export function AppHeader({ signedIn, onHome, onSwitchUser }: Props) {
  return (
    <header className="app-header">
      <p className="app-header__brand">
        <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" width="32" height="32" />
        <span>ConsentLens</span>
      </p>
      {signedIn !== null && (
        <nav className="app-header__nav" aria-label="Main">
          <button type="button" className="app-header__button" onClick={onHome}>
            Home
          </button>
          <span className="app-header__who">
            {signedIn.name}
            <span className="app-header__role"> · {roleLabel(signedIn.role)}</span>
          </span>
          <button type="button" className="app-header__button" onClick={onSwitchUser}>
            Switch user
          </button>
        </nav>
      )}
      <ConnectionStatus />
    </header>
  )
}
