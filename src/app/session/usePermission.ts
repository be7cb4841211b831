// What the signed-in person may do, from the one table in src/policy/roles.ts. Screens hide or
// disable what is refused and show `deniedMessage`; repositories check again when it is done.
import { can, type Action, type RoleOptions, type StaffRole } from '../../policy/index.ts'
import { useCurrentStaff } from './WorkspaceContext.tsx'

export type ScreenOptions = Omit<RoleOptions, 'canCapture'>

/** `can` for one member of staff: their role, with their own authorisation to take photos. */
export function permitted(
  staff: { role: StaffRole; canCapture: boolean },
  action: Action,
  options: ScreenOptions = {},
): boolean {
  return can(staff.role, action, { ...options, canCapture: staff.canCapture })
}

export function usePermission(action: Action, options: ScreenOptions = {}) {
  return permitted(useCurrentStaff(), action, options)
}
