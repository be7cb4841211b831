// The parents' conditions that apply to the held photo: for each tagged child, the conditions
// written on the consent records that allow this photo's purposes (and group photos, when a
// learning-journey photo has two or more children, as the policy asks). The practitioner
// must acknowledge each before Save.
//
// Invariant: pure. One entry per child and wording, whichever purposes share it (a condition
// written once on a form is stored on each purpose's record).
import type { Child } from '../../../db/index.ts'
import { childPhotoStatus, type PolicyContext, type Purpose } from '../../../policy/index.ts'

export type ParentCondition = {
  /** Stable while the child and wording stay: what an acknowledgement is kept under. */
  key: string
  childId: string
  childName: string
  purposes: Purpose[]
  /** The consent records that carry the wording: what the saved photo names. */
  consentIds: string[]
  text: string
}

/** The purposes whose consent this photo needs: the policy's own reading of group photos. */
export function neededPurposes(childCount: number, purposes: readonly Purpose[]): Purpose[] {
  return childCount >= 2 &&
    purposes.includes('learning_journey') &&
    !purposes.includes('group_photo')
    ? [...purposes, 'group_photo']
    : [...purposes]
}

export function parentConditions(
  context: PolicyContext,
  conditionsByRecord: ReadonlyMap<string, string>,
  children: readonly Child[],
  childIds: readonly string[],
  purposes: readonly Purpose[],
): ParentCondition[] {
  const needed = neededPurposes(childIds.length, purposes)
  const found = new Map<string, ParentCondition>()
  for (const childId of childIds) {
    const child = children.find((c) => c.id === childId)
    const status = childPhotoStatus(context, childId)
    for (const purpose of needed) {
      const consent = status.consents[purpose]
      const recordId = consent.valid ? (consent.record?.id ?? '') : ''
      const text = conditionsByRecord.get(recordId)
      if (text === undefined) continue
      const key = `${childId}\u0000${text}`
      const entry = found.get(key)
      if (entry !== undefined) {
        entry.purposes.push(purpose)
        if (!entry.consentIds.includes(recordId)) entry.consentIds.push(recordId)
      } else {
        const childName = child === undefined ? 'A child' : `${child.firstName} ${child.lastName}`
        found.set(key, {
          key,
          childId,
          childName,
          purposes: [purpose],
          consentIds: [recordId],
          text,
        })
      }
    }
  }
  return [...found.values()]
}
