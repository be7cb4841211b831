// When the tablet joins another setting, the people signed in belong to the old one: every
// workspace closes and the tablet asks who is using it, from the new setting's staff.
import { useSessionStore } from '../stores/sessionStore.ts'

export function endAllSessions(): void {
  useSessionStore.getState().signOutAll()
}
