// What the signed-in person may do, from the one table in src/policy/roles.ts. Screens hide or
// disable what is refused and show `deniedMessage`; repositories check again when it is done.
import { can, type Action, type RoleOptions } from '../../policy/index.ts'
import { useCurrentStaff } from './WorkspaceContext.tsx'

export function usePermission(action: Action, options: Omit<RoleOptions, 'canCapture'> = {}) {
  const staff = useCurrentStaff()
  return can(staff.role, action, { ...options, canCapture: staff.canCapture })
}
