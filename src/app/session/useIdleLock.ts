// Locks the tablet after `minutes` without a touch or a key, while someone is signed in. Checks
// every 5 s and whenever the page becomes visible again, so a tablet that slept past the limit
// is locked before anyone sees the screen it was left on.
import { useEffect } from 'react'
import { ACTIVITY_EVENTS, isIdle } from './idleTimer.ts'

const CHECK_EVERY_MS = 5_000

export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled) return
    let last = Date.now()
    const touched = () => {
      last = Date.now()
    }
    const check = () => {
      if (isIdle(last, Date.now(), minutes)) onIdle()
    }
    for (const type of ACTIVITY_EVENTS) {
      document.addEventListener(type, touched, { capture: true, passive: true })
    }
    document.addEventListener('visibilitychange', check)
    const timer = window.setInterval(check, CHECK_EVERY_MS)
    return () => {
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, touched, true)
      document.removeEventListener('visibilitychange', check)
      window.clearInterval(timer)
    }
  }, [enabled, minutes, onIdle])
}
