// The save decides on only the rows one capture needs: that must be the decision the whole
// context gives, finding for finding, whatever the capture.
import { afterEach, describe, expect, it } from 'vitest'
import { evaluateCapture, type CaptureRequest } from '../policy/index.ts'
import { captureRequest, type CaptureDraft } from './captureDraft.ts'
import { captureSetting, draft, SAVE_TIME, TOILETS } from '../../tests/support/captureTestData.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { captureContextOf, loadCaptureContext, readCaptureRows } from './loadCaptureContext.ts'
import { loadPolicyContext } from './loadPolicyContext.ts'
import { SAVE_TABLES } from './savePhoto.ts'
import { ALMA, BODHI, MANAGER, PRACTITIONER, STUDENT, T0 } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

async function setting(): Promise<ConsentLensDb> {
  const base = await captureSetting()
  await base.injuries.add({
    id: 'injury-bodhi',
    childId: BODHI.id,
    recordedAt: T0,
    recordedBy: MANAGER.id,
    description: 'graze',
    clearedAt: null,
    clearedBy: null,
  })
  await base.staff.add({ ...PRACTITIONER, id: 'left', active: false })
  return base
}

async function bothDecisions(request: CaptureRequest) {
  return db.transaction('r', [...SAVE_TABLES], async () => {
    const whole = await loadPolicyContext(db, { now: SAVE_TIME, deviceId: request.deviceId })
    const scoped = await loadCaptureContext(db, request, SAVE_TIME)
    // As savePhoto reads it: the rows beside this tablet's own device row, in one round trip.
    const [rows, thisTablet] = await Promise.all([
      readCaptureRows(db, request),
      db.device.toCollection().first(),
    ])
    const inSave =
      thisTablet?.id === request.deviceId ? captureContextOf(rows, thisTablet, SAVE_TIME) : scoped
    return {
      whole: evaluateCapture(request, whole),
      scoped: evaluateCapture(request, scoped),
      inSave: evaluateCapture(request, inSave),
    }
  })
}

const cases: [string, Partial<CaptureDraft>, string?, string?][] = [
  ['one child, allowed', {}],
  ['a group with a refusal', { childIds: [ALMA.id, BODHI.id] }],
  ['a child tagged twice', { childIds: [ALMA.id, ALMA.id] }],
  ['an injured child', { childIds: [BODHI.id] }],
  ['an untagged child named in the caption', { caption: 'Alma and Bodhi painting' }],
  ['the toilets', { locationId: TOILETS }],
  ['an unknown location', { locationId: 'nowhere' }],
  ['no children in frame', { childIds: [], caption: 'The garden' }],
  ['a student', {}, STUDENT.id],
  ['someone who has left', {}, 'left'],
  ['an unknown device', {}, PRACTITIONER.id, 'another-device'],
]

describe('loadCaptureContext', () => {
  it.each(cases)('gives the whole context’s decision: %s', async (_, overrides, staff, device) => {
    db = await setting()
    const request = captureRequest(draft(overrides), staff ?? PRACTITIONER.id, device ?? 'device-1')
    const { whole, scoped, inSave } = await bothDecisions(request)
    expect(scoped).toEqual(whole)
    expect(inSave).toEqual(whole)
  })

  it('reads only the tagged children’s consents and injuries', async () => {
    db = await setting()
    const request = captureRequest(draft(), PRACTITIONER.id, 'device-1')
    const context = await loadCaptureContext(db, request, SAVE_TIME)
    expect(new Set(context.consents.map((c) => c.childId))).toEqual(new Set([ALMA.id]))
    expect(context.children.map((c) => [c.id, c.injuries.length])).toEqual([
      [ALMA.id, 0],
      [BODHI.id, 0],
    ])
    expect(context.staff.map((s) => s.id)).toEqual([PRACTITIONER.id])
  })
})
