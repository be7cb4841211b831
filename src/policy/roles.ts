/**
 * Who may do what, in one table shared by the app and the server. Repositories ask `can`
 * before they change anything; the server asks the same function when the change arrives.
 *
 * Invariants:
 * - Deny by default: an option that is not given counts as false.
 * - Taking photos follows the staff member's own authorisation (`canCapture`) for every role,
 *   so this table and the policy rule `staff-not-authorised` can never disagree. Managers,
 *   keyworkers and practitioners are authorised when they are added; students and volunteers
 *   only when the manager authorises them (`defaultCanCapture`).
 * - Only the manager records or withdraws consent: the setting's record of consent must have
 *   one accountable owner. A parent who says "stop" at the door is heard at once all the same:
 *   any member of staff can record an injury or tell the manager, and the app shows who to ask.
 */

export const STAFF_ROLES = ['manager', 'keyworker', 'practitioner', 'student', 'volunteer'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ACTIONS = [
  'capture',
  'view-room-board',
  'view-consent-detail',
  'record-consent',
  'withdraw-consent',
  'authorise-staff',
  'set-pin',
  'edit-locations',
  'manage-roster',
  'record-injury',
  'clear-injury',
  'edit-settings',
  'view-audit',
  'delete-photo',
  'enrol-device',
  'view-photo-library',
  'use-photo',
  'record-photo-approval',
  'manage-removals',
  'answer-parent-requests',
  'view-tablet-photos',
  'view-tablet',
] as const
export type Action = (typeof ACTIONS)[number]

export interface RoleOptions {
  /** The staff member's own authorisation to take images (staff.canCapture). */
  canCapture?: boolean
  /** The child concerned is one of the staff member's key children. */
  isKeyChild?: boolean
  /** The action is on the staff member's own record (their own PIN). */
  isSelf?: boolean
}

/** How a role holds an action: outright, never, or on a condition from RoleOptions. */
export type Grant = 'always' | 'never' | 'if-authorised' | 'key-children' | 'own-record'

type Row = Record<StaffRole, Grant>

function row(
  manager: Grant,
  keyworker: Grant,
  practitioner: Grant,
  student: Grant,
  volunteer: Grant,
): Row {
  return { manager, keyworker, practitioner, student, volunteer }
}

//                                     manager    keyworker       practitioner    student         volunteer
export const PERMISSIONS: Record<Action, Row> = {
  capture: row('if-authorised', 'if-authorised', 'if-authorised', 'if-authorised', 'if-authorised'),
  'view-room-board': row('always', 'always', 'always', 'always', 'always'),
  'view-consent-detail': row('always', 'key-children', 'never', 'never', 'never'),
  'record-consent': row('always', 'never', 'never', 'never', 'never'),
  'withdraw-consent': row('always', 'never', 'never', 'never', 'never'),
  'authorise-staff': row('always', 'never', 'never', 'never', 'never'),
  'set-pin': row('always', 'own-record', 'own-record', 'own-record', 'own-record'),
  'edit-locations': row('always', 'never', 'never', 'never', 'never'),
  'manage-roster': row('always', 'never', 'never', 'never', 'never'),
  'record-injury': row('always', 'always', 'always', 'always', 'always'),
  'clear-injury': row('always', 'never', 'never', 'never', 'never'),
  'edit-settings': row('always', 'never', 'never', 'never', 'never'),
  // Deleting only removes a photo (never exposes one) and is audited with the reason, so
  // whoever may take photos may delete one; the manager may always.
  'delete-photo': row('always', 'if-authorised', 'if-authorised', 'if-authorised', 'if-authorised'),
  'view-audit': row('always', 'never', 'never', 'never', 'never'),
  // Enrolling decides which server receives every photo taken on the tablet: the manager's.
  'enrol-device': row('always', 'never', 'never', 'never', 'never'),
  // The setting's photos on the server: the manager sees and uses them all; a
  // keyworker those with one of their key children in them; nobody else, even in the room.
  'view-photo-library': row('always', 'key-children', 'never', 'never', 'never'),
  'use-photo': row('always', 'key-children', 'never', 'never', 'never'),
  // A parent's approval of a publicity photo is part of the consent record: one owner.
  'record-photo-approval': row('always', 'never', 'never', 'never', 'never'),
  // Taking down, erasing, keeping a flagged photo, the quarantine review: the
  // manager's, who answers to the parent for the withdrawal.
  'manage-removals': row('always', 'never', 'never', 'never', 'never'),
  // How long photos are kept, a parent's subject access request, erasing one child's photos:
  // the manager's, who answers to the parent and the regulator for them.
  'answer-parent-requests': row('always', 'never', 'never', 'never', 'never'),
  // The photos taken on this tablet and whether they reached the server, and the tablet's own
  // state (offline readiness, storage, sync): anyone at the tablet needs to know, so Home's
  // tiles for them are open to all, from this table like every other tile.
  'view-tablet-photos': row('always', 'always', 'always', 'always', 'always'),
  'view-tablet': row('always', 'always', 'always', 'always', 'always'),
}

export function can(role: StaffRole, action: Action, opts: RoleOptions = {}): boolean {
  const grant = PERMISSIONS[action][role]
  switch (grant) {
    case 'always':
      return true
    case 'never':
      return false
    case 'if-authorised':
      return opts.canCapture === true
    case 'key-children':
      return opts.isKeyChild === true
    case 'own-record':
      return opts.isSelf === true
  }
}

/** Whether a newly added member of staff may take images before the manager says otherwise. */
export function defaultCanCapture(role: StaffRole): boolean {
  return role === 'manager' || role === 'keyworker' || role === 'practitioner'
}

const DENIED: Record<Action, string> = {
  capture: 'You are not authorised to take photos. Ask the manager.',
  'view-room-board': 'You cannot see the room board. Ask the manager.',
  'view-consent-detail':
    "Only the manager and a child's keyworker can see consent details. Ask one of them.",
  'record-consent': 'Only the manager can record a consent form. Pass the signed form to them.',
  'withdraw-consent': 'Only the manager can record a withdrawal. Tell the manager straight away.',
  'authorise-staff': 'Only the manager can add staff or change who may take photos.',
  'set-pin': 'You can only change your own PIN. The manager can reset it for you.',
  'edit-locations': 'Only the manager can change the list of locations.',
  'manage-roster': 'Only the manager can import or change the roster.',
  'record-injury': 'You cannot record injuries. Tell the manager.',
  'clear-injury': 'Only the manager can clear an injury.',
  'edit-settings': 'Only the manager can change the settings of this tablet.',
  'delete-photo': 'You cannot delete photos. Ask the manager.',
  'view-audit': 'Only the manager can see the daily photo audit and export it.',
  'enrol-device':
    'Only the manager can connect this tablet to the setting’s server. Ask the manager.',
  'view-photo-library':
    "Only the manager and a child's keyworker can see the setting's photos. Ask one of them.",
  'use-photo':
    "Only the manager and a child's keyworker can use the setting's photos. Ask one of them.",
  'record-photo-approval':
    'Only the manager can record a parent’s approval of a photo. Pass the approval to them.',
  'manage-removals':
    'Only the manager can take down, erase or keep a photo after a withdrawal. Tell the manager.',
  'answer-parent-requests':
    'Only the manager can set how long photos are kept or answer a parent’s request. Tell the manager.',
  'view-tablet-photos': 'You cannot see the photos on this tablet. Ask the manager.',
  'view-tablet': 'You cannot see the state of this tablet. Ask the manager.',
}

/** Why `can` said no, in a practitioner's words, with what to do next. */
export function deniedMessage(action: Action): string {
  return DENIED[action]
}
