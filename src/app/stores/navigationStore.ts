// Where one person is in the app. Each signed-in person has their own store (see
// session/Workspace.tsx), so switching user never loses anybody's place or half-done work.
// Invariant: `history` never holds the current screen; `back` returns to the last one, or home.
import { createStore, type StoreApi } from 'zustand'
import type { Screen } from '../navigation/screens.ts'

export type NavigationState = {
  screen: Screen
  history: Screen[]
  /** Counts arrivals at a screen (goTo, back, home; not replace): each opens at its top. */
  visit: number
  goTo: (screen: Screen) => void
  /** The same screen with other parameters (the room a board shows): Back returns to it so. */
  replace: (screen: Screen) => void
  back: () => void
  home: () => void
}

const HOME: Screen = { name: 'home' }

export function createNavigationStore(start: Screen = HOME): StoreApi<NavigationState> {
  return createStore<NavigationState>()((set) => ({
    screen: start,
    history: [],
    visit: 0,
    goTo: (screen) => {
      set((state) => ({
        screen,
        history: [...state.history, state.screen].slice(-20),
        visit: state.visit + 1,
      }))
    },
    replace: (screen) => {
      set({ screen })
    },
    back: () => {
      set((state) => {
        const previous = state.history.at(-1)
        const visit = state.visit + 1
        return previous === undefined
          ? { screen: HOME, history: [], visit }
          : { screen: previous, history: state.history.slice(0, -1), visit }
      })
    },
    home: () => {
      // A new visit each time: Home tapped on Home still opens it at its top.
      set((state) => ({ screen: HOME, history: [], visit: state.visit + 1 }))
    },
  }))
}
