/**
 * Browser Back (and the iPad's swipe back) as the app's own Back: one step back in the
 * screens of the person on screen, never out of the app to the page before it (about:blank
 * on a tablet that opened the app from its home screen).
 *
 * How: the app keeps two history entries of its own, a base and a top. A Back gesture moves
 * from top to base and fires `popstate`; the app then goes back one screen (navigation store,
 * Home when there is nothing before) and pushes the top entry again, so the next gesture works
 * the same. Screens are not in the URL (see screens.ts): a reload still starts at sign-in.
 *
 * Invariants:
 * - While the tablet is locked (nobody on screen) a Back gesture changes nothing: the sign-in
 *   screen stays, and nobody's work is shown or lost.
 * - The top entry is pushed again on the next tap or key too, so a browser that skips
 *   entries added without a user's gesture still finds one to go back to.
 */
import { useEffect, useRef } from 'react'
import { navigationFor } from '../stores/sessionStore.ts'

type Entry = { consentlens: 'base' | 'top' }

function entry(): Entry['consentlens'] | null {
  const state: unknown = history.state
  if (typeof state !== 'object' || state === null || !('consentlens' in state)) return null
  return state.consentlens === 'top' ? 'top' : 'base'
}

function arm(): void {
  if (entry() !== 'top') history.pushState({ consentlens: 'top' } satisfies Entry, '')
}

/** `staffId`: who is on screen now, or null while locked. */
export function useBrowserBack(staffId: string | null): void {
  const onScreen = useRef(staffId)
  useEffect(() => {
    onScreen.current = staffId
  }, [staffId])
  useEffect(() => {
    if (entry() === null) history.replaceState({ consentlens: 'base' } satisfies Entry, '')
    arm()
    const onPop = () => {
      if (entry() === 'top') return
      const id = onScreen.current
      if (id !== null) navigationFor(id).getState().back()
      arm()
    }
    window.addEventListener('popstate', onPop)
    window.addEventListener('click', arm, true)
    window.addEventListener('keydown', arm, true)
    return () => {
      window.removeEventListener('popstate', onPop)
      window.removeEventListener('click', arm, true)
      window.removeEventListener('keydown', arm, true)
    }
  }, [])
}
