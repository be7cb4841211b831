/**
 * The browser's signals for the sync engine: navigator.onLine, the page's visibility, and the
 * events that announce a change of either. Only read when the engine is started in the app.
 */
import type { SyncEnvironment } from './syncEngine.ts'

export function browserEnvironment(): SyncEnvironment {
  return {
    isOnline: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    listen(onChange) {
      window.addEventListener('online', onChange)
      window.addEventListener('offline', onChange)
      document.addEventListener('visibilitychange', onChange)
      return () => {
        window.removeEventListener('online', onChange)
        window.removeEventListener('offline', onChange)
        document.removeEventListener('visibilitychange', onChange)
      }
    },
  }
}
