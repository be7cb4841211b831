// Everything the app does at start-up to be an offline-capable app, in one call from main.tsx:
// follow the connection, register the service worker, ask for persistent storage.
import { usePwaStore } from '../stores/pwaStore.ts'
import { registerServiceWorker } from './registerServiceWorker.ts'
import { requestPersistentStorage } from './requestPersistentStorage.ts'

export function startPwa(): void {
  const { setOnline, setStorage } = usePwaStore.getState()
  setOnline(navigator.onLine)
  window.addEventListener('online', () => {
    setOnline(true)
  })
  window.addEventListener('offline', () => {
    setOnline(false)
  })
  registerServiceWorker()
  void requestPersistentStorage(navigator.storage).then(setStorage)
}
