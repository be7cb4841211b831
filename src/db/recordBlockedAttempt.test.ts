import { afterEach, describe, expect, it } from 'vitest'
import { evaluateCapture } from '../policy/index.ts'
import { listAudit } from './auditLog.ts'
import { captureRequest } from './captureDraft.ts'
import {
  SAVE_TIME,
  captureSetting,
  draft,
  storedBlobs,
} from '../../tests/support/captureTestData.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { recordBlockedAttempt } from './recordBlockedAttempt.ts'
import { recordTagRemoval } from './recordTagRemoval.ts'
import { ALMA, BODHI, PRACTITIONER } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

async function groupDecision() {
  const d = draft({ childIds: [ALMA.id, BODHI.id] })
  const ctx = await loadPolicyContext(db, { now: SAVE_TIME, deviceId: 'device-1' })
  return { d, decision: evaluateCapture(captureRequest(d, PRACTITIONER.id, 'device-1'), ctx) }
}

describe('audit of a capture that was not kept', () => {
  it('[consent-refused] records who, when, where and which rules of a discarded block; no image', async () => {
    db = await captureSetting()
    const { d, decision } = await groupDecision()
    await recordBlockedAttempt(db, d, decision, PRACTITIONER.id, SAVE_TIME)
    const [event] = await listAudit(db, 'device-1')
    expect(event).toMatchObject({
      type: 'capture-blocked',
      staffId: PRACTITIONER.id,
      at: SAVE_TIME,
      details: { locationId: 'loc-room', rules: ['consent-refused'], stage: 'discarded' },
    })
    expect(JSON.stringify(event)).not.toContain(d.caption)
    expect(await storedBlobs(db)).toEqual([])
  })

  it('records a tag removed after a block, with the child and the rules', async () => {
    db = await captureSetting()
    const { d, decision } = await groupDecision()
    await recordTagRemoval(
      db,
      { draft: d, decision, childId: BODHI.id },
      PRACTITIONER.id,
      SAVE_TIME,
    )
    const [event] = await listAudit(db, 'device-1')
    expect(event).toMatchObject({
      type: 'capture-tag-removed',
      details: { removedChildId: BODHI.id, rules: ['consent-refused'] },
    })
  })
})
