// Registers the Workbox service worker (built by vite-plugin-pwa as /sw.js) and reports what
// it does to the PWA store. Only in production builds: the dev server has no sw.js.
// The first visit is controlled at once (clientsClaim); later versions wait for the person
// (see connectUpdates.ts).
import { Workbox } from 'workbox-window'
import { usePwaStore } from '../stores/pwaStore.ts'
import { connectUpdates } from './connectUpdates.ts'

let requestUpdate: (() => void) | undefined

export function registerServiceWorker(): void {
  const { setWorker, setUpdateWaiting } = usePwaStore.getState()
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) {
    setWorker('unsupported')
    return
  }
  const container = navigator.serviceWorker
  setWorker(container.controller ? 'controlling' : 'starting')
  container.addEventListener('controllerchange', () => {
    setWorker(container.controller ? 'controlling' : 'starting')
  })

  const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, {
    scope: import.meta.env.BASE_URL,
  })
  requestUpdate = connectUpdates(workbox, {
    onWaiting: setUpdateWaiting,
    reload: () => {
      window.location.reload()
    },
  })
  workbox.register().catch((error: unknown) => {
    console.error('Service worker registration failed', error)
    setWorker('failed')
  })

  // Tablets stay open on one page all day, so a navigation (the browser's usual moment to look
  // for a new sw.js) is rare. Look again whenever the tablet is woken up.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !navigator.onLine) return
    workbox.update().catch(() => {
      // Offline or server down: nothing to do, the next wake-up tries again.
    })
  })
}

/** "Update now": let the waiting version take over, then reload into it. */
export function applyUpdate(): void {
  usePwaStore.getState().setUpdating()
  requestUpdate?.()
}
