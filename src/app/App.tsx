// The app shell: skip link, header, the sync status bar, then either sign-in (at start and
// whenever the tablet is locked) or the signed-in person's workspace. Every workspace stays
// mounted while the tab is open, hidden when it is not on screen, so a lock never loses
// anybody's work. Browser Back steps back through the app's screens (useBrowserBack). A
// tablet the manager removed (revoked, and so wiped) shows only that.
import { lazy, Suspense, useEffect } from 'react'
import { AppHeader } from './components/AppHeader.tsx'
import { PhotoStorageNotice } from './pwa/PhotoStorageNotice.tsx'
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx'
import { applyUpdate } from './pwa/registerServiceWorker.ts'
import { loadWorkspace } from './navigation/loadWorkspace.ts'
import { useBrowserBack } from './navigation/useBrowserBack.ts'
import { SignInScreen } from './screens/sign-in/SignInScreen.tsx'
import { useSession } from './session/useSession.ts'
import { Workspace } from './session/Workspace.tsx'
import { navigationFor } from './stores/sessionStore.ts'
import { SyncStatusBar } from './sync/SyncStatusBar.tsx'
import { useSyncFacts } from './sync/useSyncFacts.ts'

// The signed-in screens load after sign-in is on screen (loadWorkspace.ts).
const WorkspaceScreen = lazy(() => loadWorkspace().then((m) => ({ default: m.WorkspaceScreen })))
// Only a tablet the manager removed shows it (with the enrolment form and its sync client).
const RevokedScreen = lazy(() =>
  import('./sync/RevokedScreen.tsx').then((m) => ({ default: m.RevokedScreen })),
)

export function App() {
  const { active, locked, lockReason, workspaces, lock } = useSession()
  const facts = useSyncFacts()
  useBrowserBack(locked ? null : (active?.id ?? null))
  useEffect(() => {
    // A workspace titles its own screens (useScreenArrival); sign-in is outside them.
    if (locked) document.title = 'Sign in · ConsentLens'
  }, [locked])
  if (facts?.revoked === true) return <RevokedApp settingName={facts.settingName} />
  const onScreen = locked ? null : active
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppHeader
        signedIn={onScreen}
        onHome={
          onScreen === null
            ? undefined
            : () => {
                navigationFor(onScreen.id).getState().home()
              }
        }
        onSwitchUser={
          onScreen === null
            ? undefined
            : () => {
                lock('switch-user')
              }
        }
      />
      <SyncStatusBar />
      <PhotoStorageNotice />
      <main id="main" className="app-main" tabIndex={-1}>
        {locked && <SignInScreen key={active?.id ?? 'nobody'} lockReason={lockReason} />}
        {workspaces.map(({ staff, navigation }) => (
          <Workspace
            key={staff.id}
            staff={staff}
            navigation={navigation}
            visible={staff.id === onScreen?.id}
          >
            <Suspense fallback={<p role="status">Opening…</p>}>
              <WorkspaceScreen />
            </Suspense>
          </Workspace>
        ))}
      </main>
      <UpdatePrompt onUpdate={applyUpdate} />
    </div>
  )
}

function RevokedApp({ settingName }: { settingName: string | null }) {
  return (
    <div className="app">
      <AppHeader signedIn={null} onHome={undefined} onSwitchUser={undefined} />
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={null}>
          <RevokedScreen settingName={settingName} />
        </Suspense>
      </main>
    </div>
  )
}
