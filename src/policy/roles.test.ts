// The permissions table of roles.ts, spelled out case by case so that a change to who may do
// what shows up in review as a changed line here.
import { describe, expect, it } from 'vitest'
import { ACTIONS, STAFF_ROLES, can, defaultCanCapture, deniedMessage } from './index.ts'
import type { Action, RoleOptions, StaffRole } from './index.ts'

type Case = [StaffRole, Action, RoleOptions, boolean]

const cases: Case[] = [
  // capture follows the person's own authorisation, for every role
  ['manager', 'capture', { canCapture: true }, true],
  ['manager', 'capture', { canCapture: false }, false],
  ['keyworker', 'capture', { canCapture: true }, true],
  ['practitioner', 'capture', { canCapture: true }, true],
  ['practitioner', 'capture', { canCapture: false }, false],
  ['student', 'capture', {}, false],
  ['student', 'capture', { canCapture: true }, true],
  ['volunteer', 'capture', { canCapture: false }, false],
  ['volunteer', 'capture', { canCapture: true }, true],
  // everyone in the room must see who is not to be photographed
  ...STAFF_ROLES.map((r): Case => [r, 'view-room-board', {}, true]),
  // and what this tablet holds and whether it works offline
  ...STAFF_ROLES.map((r): Case => [r, 'view-tablet-photos', {}, true]),
  ...STAFF_ROLES.map((r): Case => [r, 'view-tablet', {}, true]),
  ['manager', 'view-consent-detail', {}, true],
  ['keyworker', 'view-consent-detail', { isKeyChild: true }, true],
  ['keyworker', 'view-consent-detail', { isKeyChild: false }, false],
  ['practitioner', 'view-consent-detail', { isKeyChild: true }, false],
  ['student', 'view-consent-detail', { isKeyChild: true }, false],
  ['manager', 'record-consent', {}, true],
  ['keyworker', 'record-consent', { isKeyChild: true }, false],
  ['keyworker', 'record-consent', {}, false],
  ['practitioner', 'record-consent', { isKeyChild: true }, false],
  ['volunteer', 'record-consent', {}, false],
  ['manager', 'withdraw-consent', {}, true],
  ['keyworker', 'withdraw-consent', { isKeyChild: true }, false],
  ['practitioner', 'withdraw-consent', {}, false],
  ['student', 'withdraw-consent', {}, false],
  ['volunteer', 'withdraw-consent', {}, false],
  ['manager', 'authorise-staff', {}, true],
  ['keyworker', 'authorise-staff', {}, false],
  ['practitioner', 'authorise-staff', { isSelf: true }, false],
  ['manager', 'set-pin', {}, true],
  ['keyworker', 'set-pin', { isSelf: true }, true],
  ['student', 'set-pin', { isSelf: true }, true],
  ['practitioner', 'set-pin', { isSelf: false }, false],
  ['manager', 'edit-locations', {}, true],
  ['keyworker', 'edit-locations', {}, false],
  ['manager', 'manage-roster', {}, true],
  ['practitioner', 'manage-roster', {}, false],
  ...STAFF_ROLES.map((r): Case => [r, 'record-injury', {}, true]),
  ['manager', 'clear-injury', {}, true],
  ['keyworker', 'clear-injury', { isKeyChild: true }, false],
  ['practitioner', 'clear-injury', {}, false],
  ['student', 'clear-injury', {}, false],
  ['manager', 'edit-settings', {}, true],
  ['keyworker', 'edit-settings', {}, false],
  ['manager', 'delete-photo', {}, true],
  ['practitioner', 'delete-photo', { canCapture: true }, true],
  ['practitioner', 'delete-photo', { canCapture: false }, false],
  ['student', 'delete-photo', {}, false],
  // the daily photo audit names every child photographed: one accountable reader
  ['manager', 'view-audit', {}, true],
  ['keyworker', 'view-audit', { isKeyChild: true }, false],
  ['practitioner', 'view-audit', {}, false],
  ['student', 'view-audit', {}, false],
  ['volunteer', 'view-audit', {}, false],
  // which server receives the tablet's photos is the manager's decision alone
  ['manager', 'enrol-device', {}, true],
  ['keyworker', 'enrol-device', {}, false],
  ['practitioner', 'enrol-device', { canCapture: true }, false],
  ['student', 'enrol-device', {}, false],
  ['volunteer', 'enrol-device', {}, false],
  // the setting's photo library: the manager all of it, a keyworker their key children's
  ['manager', 'view-photo-library', {}, true],
  ['keyworker', 'view-photo-library', { isKeyChild: true }, true],
  ['keyworker', 'view-photo-library', { isKeyChild: false }, false],
  ['practitioner', 'view-photo-library', { isKeyChild: true, canCapture: true }, false],
  ['student', 'view-photo-library', { isKeyChild: true }, false],
  ['volunteer', 'view-photo-library', {}, false],
  ['manager', 'use-photo', {}, true],
  ['keyworker', 'use-photo', { isKeyChild: true }, true],
  ['keyworker', 'use-photo', {}, false],
  ['practitioner', 'use-photo', { canCapture: true }, false],
  ['manager', 'record-photo-approval', {}, true],
  ['keyworker', 'record-photo-approval', { isKeyChild: true }, false],
  ['practitioner', 'record-photo-approval', {}, false],
  ['manager', 'manage-removals', {}, true],
  ['keyworker', 'manage-removals', { isKeyChild: true }, false],
  ['volunteer', 'manage-removals', {}, false],
  ['manager', 'answer-parent-requests', {}, true],
  ['keyworker', 'answer-parent-requests', { isKeyChild: true }, false],
  ['practitioner', 'answer-parent-requests', {}, false],
]

describe('can', () => {
  it.each(cases)('%s / %s / %j → %s', (role, action, opts, expected) => {
    expect(can(role, action, opts)).toBe(expected)
  })

  it('denies by default when a condition is not given', () => {
    for (const role of STAFF_ROLES) {
      expect(can(role, 'capture')).toBe(false)
    }
    expect(can('keyworker', 'record-consent')).toBe(false)
  })

  it('explains every refusal in words that say what to do', () => {
    for (const action of ACTIONS) expect(deniedMessage(action).length).toBeGreaterThan(20)
  })

  it('authorises employed staff to take photos when added, students and volunteers not', () => {
    expect(STAFF_ROLES.filter(defaultCanCapture)).toEqual(['manager', 'keyworker', 'practitioner'])
  })
})
