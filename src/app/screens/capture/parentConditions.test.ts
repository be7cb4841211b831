// The parents' conditions the capture screen asks the practitioner to acknowledge.
import { describe, expect, it } from 'vitest'
import { allGranted, grant, makeContext } from '../../../../tests/support/policyFixture.ts'
import type { Child } from '../../../db/index.ts'
import { parentConditions } from './parentConditions.ts'

function child(id: string, firstName: string): Child {
  return {
    id,
    firstName,
    lastName: 'Jones',
    roomId: 'r1',
    keyworkerId: 's1',
    dateOfBirth: '2023-01-01',
    leavingDate: null,
  }
}

const CHILDREN = [child('c1', 'Amelia'), child('c2', 'Oliver')]
const POOL = 'No photos in the paddling pool'
const context = makeContext({
  consents: [...allGranted(['c1']), grant('c2', 'learning_journey'), grant('c2', 'display')],
})
const id = (childId: string, purpose: string) => `${childId}-${purpose}-granted-base`

describe('parentConditions', () => {
  it('shows the condition on the consent a tagged child is photographed under', () => {
    const conditions = new Map([[id('c1', 'learning_journey'), POOL]])
    const found = parentConditions(context, conditions, CHILDREN, ['c1'], ['learning_journey'])
    expect(found).toEqual([
      {
        key: `c1\u0000${POOL}`,
        childId: 'c1',
        childName: 'Amelia Jones',
        purposes: ['learning_journey'],
        consentIds: [id('c1', 'learning_journey')],
        text: POOL,
      },
    ])
    expect(parentConditions(context, conditions, CHILDREN, ['c1'], ['display'])).toEqual([])
    expect(parentConditions(context, conditions, CHILDREN, [], ['learning_journey'])).toEqual([])
  })

  it('counts the group-photo consent of a group learning-journey photo, once per wording', () => {
    const conditions = new Map([
      [id('c1', 'group_photo'), POOL],
      [id('c1', 'display'), POOL],
    ])
    const group = parentConditions(
      context,
      conditions,
      CHILDREN,
      ['c1', 'c2'],
      ['learning_journey', 'display'],
    )
    expect(group.map((c) => [c.childName, c.purposes, c.consentIds])).toEqual([
      ['Amelia Jones', ['display', 'group_photo'], [id('c1', 'display'), id('c1', 'group_photo')]],
    ])
    const alone = parentConditions(context, conditions, CHILDREN, ['c1'], ['learning_journey'])
    expect(alone).toEqual([])
  })

  it('skips a condition on a consent that does not count (refused, withdrawn)', () => {
    const refused = makeContext({
      consents: [grant('c1', 'learning_journey', { status: 'refused' })],
    })
    const conditions = new Map([[id('c1', 'learning_journey').replace('granted', 'refused'), POOL]])
    expect(parentConditions(refused, conditions, CHILDREN, ['c1'], ['learning_journey'])).toEqual(
      [],
    )
  })
})
