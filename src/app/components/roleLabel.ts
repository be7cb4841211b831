// Staff roles in the words a setting uses.
import type { StaffRole } from '../../policy/index.ts'

const LABELS: Record<StaffRole, string> = {
  manager: 'Manager',
  keyworker: 'Keyworker',
  practitioner: 'Practitioner',
  student: 'Student',
  volunteer: 'Volunteer',
}

export function roleLabel(role: StaffRole): string {
  return LABELS[role]
}
