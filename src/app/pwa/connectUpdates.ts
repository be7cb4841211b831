// The update handshake with a waiting service worker. Invariant: the page never reloads by
// itself. A reload can throw away a half-tagged photo, so only the person decides: a new
// version waits (skipWaiting is off in vite.config.ts) until they tap "Update now"; then we
// ask it to take over and reload when it does. A takeover we did not ask for (another tab
// updated) does not reload this page.

/** The part of workbox-window's Workbox we use; a plain object can stand in for it in tests. */
export type UpdateChannel = {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void
  messageSkipWaiting(): void
}

export type UpdateHooks = {
  onWaiting: () => void
  reload: () => void
}

export function connectUpdates(channel: UpdateChannel, hooks: UpdateHooks): () => void {
  let requested = false
  channel.addEventListener('waiting', hooks.onWaiting)
  channel.addEventListener('controlling', () => {
    if (requested) hooks.reload()
  })
  return function applyUpdate() {
    if (requested) return
    requested = true
    channel.messageSkipWaiting()
  }
}
