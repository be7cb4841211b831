/**
 * Names for the ids an audit shows: staff, children, locations. An id that is not on this
 * tablet (a child who left and was removed, a colleague from another setting) is still shown,
 * described, so no row of the audit is ever blank about who or where.
 */
import type { Child, Location, Staff } from '../model/records.ts'

export interface AuditDirectory {
  staffName: (id: string | null) => string
  childName: (id: string) => string
  locationName: (id: string | null) => string
}

export function auditDirectory(input: {
  staff: readonly Pick<Staff, 'id' | 'name'>[]
  children: readonly Pick<Child, 'id' | 'firstName' | 'lastName'>[]
  locations: readonly Pick<Location, 'id' | 'name'>[]
}): AuditDirectory {
  const staff = new Map(input.staff.map((s) => [s.id, s.name]))
  const children = new Map(input.children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]))
  const locations = new Map(input.locations.map((l) => [l.id, l.name]))
  return {
    staffName: (id) =>
      id === null ? 'ConsentLens (automatic)' : (staff.get(id) ?? `Unknown staff (${id})`),
    childName: (id) => children.get(id) ?? `Child not on this tablet (${id})`,
    locationName: (id) =>
      id === null ? 'Not recorded' : (locations.get(id) ?? `Unknown place (${id})`),
  }
}
