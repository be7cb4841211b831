/**
 * What happens when a screen opens (or a person's workspace comes back on screen; not when a
 * screen only changes its parameters, like the board's room): the page
 * scrolls to its top, so "Needs your attention" on Home is never hidden below; the page title
 * becomes the screen's heading; and focus moves to that heading, so a screen-reader user hears
 * which screen this is, and the next Tab starts at the top of it.
 *
 * Invariants:
 * - Runs only for the workspace on screen; a hidden one never takes focus or the title.
 * - A screen still loading has no heading yet: the first heading to appear is used.
 * - The heading is focusable by script only (tabIndex -1), never a Tab stop.
 */
import { useEffect } from 'react'

const APP = 'ConsentLens'

function arrive(heading: HTMLElement): void {
  const words = heading.textContent.trim()
  document.title = words === '' ? APP : `${words} · ${APP}`
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  heading.focus({ preventScroll: true })
}

function visibleHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.workspace:not([hidden]) h1')
}

/** `visit`: the navigation store's count of arrivals (a new screen, Back, Home). */
export function useScreenArrival(visit: number, visible: boolean): void {
  useEffect(() => {
    if (!visible) return
    const page = document.scrollingElement ?? document.documentElement
    page.scrollTop = 0
    const heading = visibleHeading()
    if (heading !== null) {
      arrive(heading)
      return
    }
    const main = document.getElementById('main') ?? document.body
    const watch = new MutationObserver(() => {
      const found = visibleHeading()
      if (found === null) return
      watch.disconnect()
      arrive(found)
    })
    watch.observe(main, { childList: true, subtree: true })
    return () => {
      watch.disconnect()
    }
  }, [visit, visible])
}
