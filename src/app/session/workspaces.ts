// Each signed-in person's navigation store, kept by staff id for as long as the tab is open, so
// the header (outside any workspace) can send the person on screen home, and a person who signs
// in again finds the screen they left.
import type { StoreApi } from 'zustand'
import { createNavigationStore, type NavigationState } from '../navigation/navigationStore.ts'

const stores = new Map<string, StoreApi<NavigationState>>()

export function navigationFor(staffId: string): StoreApi<NavigationState> {
  let store = stores.get(staffId)
  if (store === undefined) {
    store = createNavigationStore()
    stores.set(staffId, store)
  }
  return store
}

/** Tests only: forget every workspace. */
export function resetWorkspaces(): void {
  stores.clear()
}
