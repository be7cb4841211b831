// What the app knows about itself as an installed, offline-capable app: connection, service
// worker, pending update, and whether the browser promised to keep our storage. Written only
// by src/app/pwa (which talks to the browser), read by screens. Holds no user data.
import { create } from 'zustand'

/** `unsupported`: no service worker here (dev server, old browser, plain http on a LAN IP). */
export type WorkerStatus = 'starting' | 'controlling' | 'failed' | 'unsupported'
export type StorageStatus = 'checking' | 'persisted' | 'not-persisted' | 'unsupported'

export type PwaState = {
  online: boolean
  worker: WorkerStatus
  /** A new version is installed and waiting for the person to say "Update now". */
  updateWaiting: boolean
  /** "Later" was tapped: hide the prompt until another new version arrives. */
  updateDismissed: boolean
  /** "Update now" was tapped: the page reloads once the new version takes control. */
  updating: boolean
  storage: StorageStatus
  setOnline: (online: boolean) => void
  setWorker: (worker: WorkerStatus) => void
  setUpdateWaiting: () => void
  dismissUpdate: () => void
  setUpdating: () => void
  setStorage: (storage: StorageStatus) => void
}

export const usePwaStore = create<PwaState>()((set) => ({
  online: true,
  worker: 'starting',
  updateWaiting: false,
  updateDismissed: false,
  updating: false,
  storage: 'checking',
  setOnline: (online) => {
    set({ online })
  },
  setWorker: (worker) => {
    set({ worker })
  },
  setUpdateWaiting: () => {
    set({ updateWaiting: true, updateDismissed: false })
  },
  dismissUpdate: () => {
    set({ updateDismissed: true })
  },
  setUpdating: () => {
    set({ updating: true })
  },
  setStorage: (storage) => {
    set({ storage })
  },
}))
