// The app shell: skip link, header, the current screen inside <main>, and the update prompt.
// Screens are chosen by the UI store (stores/uiStore.ts); add new ones to CurrentScreen.
import { AppHeader } from './components/AppHeader.tsx'
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx'
import { applyUpdate } from './pwa/registerServiceWorker.ts'
import { HomeScreen } from './screens/home/HomeScreen.tsx'
import type { Screen } from './stores/uiStore.ts'
import { useUiStore } from './stores/uiStore.ts'

export function App() {
  const screen = useUiStore((state) => state.screen)
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        <CurrentScreen screen={screen} />
      </main>
      <UpdatePrompt onUpdate={applyUpdate} />
    </div>
  )
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen.name) {
    // With a single screen the linter sees this case as always true. A second screen makes
    // the directive unused, which lint reports: delete it then.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    case 'home':
      return <HomeScreen />
  }
}
