// Which screen the app shows. There is no URL routing: on a shared tablet the app always
// opens where it should (sign-in, later), and nobody types addresses. To add a screen, add a
// member to `Screen` (with the parameters it needs) and a case to CurrentScreen in App.tsx;
// the compiler then points at every switch that must handle it.
import { create } from 'zustand'

export type Screen = { name: 'home' }

type UiState = {
  screen: Screen
  goTo: (screen: Screen) => void
}

export const useUiStore = create<UiState>()((set) => ({
  screen: { name: 'home' },
  goTo: (screen) => {
    set({ screen })
  },
}))
