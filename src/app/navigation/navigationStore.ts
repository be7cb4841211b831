// Where one person is in the app. Each signed-in person has their own store (see
// session/Workspace.tsx), so switching user never loses anybody's place or half-done work.
// Invariant: `history` never holds the current screen; `back` returns to the last one, or home.
import { createStore, type StoreApi } from 'zustand'
import type { Screen } from './screens.ts'

export type NavigationState = {
  screen: Screen
  history: Screen[]
  goTo: (screen: Screen) => void
  back: () => void
  home: () => void
}

const HOME: Screen = { name: 'home' }

export function createNavigationStore(start: Screen = HOME): StoreApi<NavigationState> {
  return createStore<NavigationState>()((set) => ({
    screen: start,
    history: [],
    goTo: (screen) => {
      set((state) => ({ screen, history: [...state.history, state.screen].slice(-20) }))
    },
    back: () => {
      set((state) => {
        const previous = state.history.at(-1)
        return previous === undefined
          ? { screen: HOME, history: [] }
          : { screen: previous, history: state.history.slice(0, -1) }
      })
    },
    home: () => {
      // A new object each time: Home tapped on Home still opens it at its top.
      set({ screen: { name: 'home' }, history: [] })
    },
  }))
}
