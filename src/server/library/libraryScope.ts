/**
 * Which of the setting's photos a member of staff may see and use (policy/roles.ts,
 * `view-photo-library` and `use-photo`): the manager every photo, a keyworker the photos with
 * at least one of their key children in them, anyone else none.
 *
 * Invariant: the key children are read from the server's own roster at each request, so a
 * child moved to another keyworker leaves this keyworker's library at once.
 */
import type { Kysely } from 'kysely'
import { can, type Action } from '../../policy/index.ts'
import { ChildWireSchema, type ChildWire } from '../../protocol/index.ts'
import { listEntities } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'
import type { SignedInStaff } from './staffAccess.ts'

/** 'all' for the manager; else the child ids whose photos this person may see (maybe none). */
export type LibraryScope = 'all' | readonly string[]

export async function rosterOf(db: Kysely<Database>, settingId: string): Promise<ChildWire[]> {
  return (await listEntities(db, settingId, 'child')).flatMap((value) => {
    const parsed = ChildWireSchema.safeParse(value)
    return parsed.success ? [parsed.data] : []
  })
}

export function scopeOf(staff: SignedInStaff, roster: readonly ChildWire[]): LibraryScope | null {
  if (can(staff.role, 'view-photo-library')) return 'all'
  if (!can(staff.role, 'view-photo-library', { isKeyChild: true })) return null
  return roster.filter((c) => c.keyworkerId === staff.staffId).map((c) => c.id)
}

/** Whether `action` on a photo of these children is allowed to this person. */
export function mayOnPhoto(
  staff: SignedInStaff,
  action: Action,
  scope: LibraryScope,
  childIds: readonly string[],
): boolean {
  const isKeyChild = scope !== 'all' && childIds.some((id) => scope.includes(id))
  return can(staff.role, action, { isKeyChild })
}
