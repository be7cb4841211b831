import { describe, expect, it } from 'vitest'
import { CONSENT_STATUSES, LOCATION_KINDS, PURPOSES, STAFF_ROLES } from './common.ts'
import * as policy from '../policy/index.ts'

// protocol may not import policy, so it repeats the vocabularies; this keeps them equal.
describe('the protocol speaks the policy’s vocabulary', () => {
  it.each([
    ['purposes', PURPOSES, policy.PURPOSES],
    ['location kinds', LOCATION_KINDS, policy.LOCATION_KINDS],
    ['consent statuses', CONSENT_STATUSES, policy.CONSENT_STATUSES],
    ['staff roles', STAFF_ROLES, policy.STAFF_ROLES],
  ])('%s', (_name, ours, theirs) => {
    expect([...ours]).toEqual([...theirs])
  })
})
