// The save: one transaction or nothing, the policy decided again on fresh data, never a
// blocked image in storage, never a photo twice.
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { afterEach, describe, expect, it } from 'vitest'
import { changeProofMessage, PushChangeSchema, verifyProof } from '../protocol/index.ts'
import { listAudit } from './auditLog.ts'
import {
  SAVE_TIME,
  TOILETS,
  captureSetting,
  draft,
  encoded,
  storedBlobs,
} from '../../tests/support/captureTestData.ts'
import type { ConsentLensDb } from './ConsentLensDb.ts'
import { withdrawConsent } from './consentRepository.ts'
import { listOutbox } from './outbox.ts'
import { savePhoto } from './savePhoto.ts'
import { ALMA, BODHI, MANAGER, MOTHER, PRACTITIONER, STUDENT } from '../../tests/support/testDb.ts'

let db: ConsentLensDb

afterEach(async () => {
  await db.delete()
})

describe('savePhoto', () => {
  it('writes the photo, its image and thumbnail, the audit event and the outbox entry', async () => {
    db = await captureSetting()
    const result = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    if (!result.ok) throw new Error(result.error.message)
    const photo = await db.photos.get('photo-1')
    expect(photo).toMatchObject({
      staffId: PRACTITIONER.id,
      deviceId: 'device-1',
      childIds: [ALMA.id],
      purposes: ['learning_journey'],
      syncState: 'waiting',
      checksum: 'ab'.repeat(32),
      decision: {
        verdict: 'allow',
        rules: [],
        findings: [],
        permittedPurposes: ['learning_journey'],
      },
      attestations: draft().attestations,
      thumbnailBytes: 5,
    })
    const image = await db.photoImages.get('photo-1')
    expect(image?.full?.size).toBe(7)
    expect(image?.thumbnail.size).toBe(5)
    expect((await listAudit(db, 'device-1')).map((e) => e.type)).toEqual(['photo-saved'])
    expect((await listOutbox(db)).map((e) => [e.kind, e.entityId])).toEqual([['photo', 'photo-1']])
  })

  it('signs its outbox entry as the server checks it, with the practitioner’s current key', async () => {
    db = await captureSetting()
    const result = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect(result.ok).toBe(true)
    const [entry] = await listOutbox(db)
    const device = await db.device.toCollection().first()
    const wire = PushChangeSchema.parse({ ...entry, proof: undefined })
    const message = changeProofMessage({
      settingId: device!.settingId,
      changeId: wire.id,
      kind: wire.kind,
      actorId: PRACTITIONER.id,
      payload: wire.payload,
    })
    expect(entry?.proof).toBe(bytesToHex(ed25519.sign(message, PRACTITIONER.signingSeed)))
    const publicKeyHex = (await db.staff.get(PRACTITIONER.id))?.pin?.publicKeyHex ?? ''
    expect(verifyProof(publicKeyHex, message, entry!.proof!)).toBe(true)
  })

  it('stores the parents’ conditions the practitioner confirmed: which, by whom, when', async () => {
    db = await captureSetting()
    const condition = {
      childId: ALMA.id,
      consentIds: ['consent-alma-lj'],
      purposes: ['learning_journey' as const],
      text: 'No photos in the paddling pool',
    }
    const d = draft({ conditionsMet: [condition] })
    const result = await savePhoto(db, d, encoded(), PRACTITIONER, SAVE_TIME)
    if (!result.ok) throw new Error(result.error.message)
    const acknowledged = [{ ...condition, staffId: PRACTITIONER.id, at: SAVE_TIME }]
    expect((await db.photos.get('photo-1'))?.conditionsAcknowledged).toEqual(acknowledged)
    const [event] = await listAudit(db, 'device-1')
    expect(event?.details.conditionsAcknowledged).toEqual(acknowledged)
    const [entry] = await listOutbox(db)
    expect(entry?.payload).toMatchObject({ conditionsAcknowledged: acknowledged })
  })

  it('records that no condition applied as an empty list', async () => {
    db = await captureSetting()
    await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect((await db.photos.get('photo-1'))?.conditionsAcknowledged).toEqual([])
  })

  it('keeps the findings of an allowed photo (a reason that was used)', async () => {
    db = await captureSetting()
    const d = draft({ adultInFrame: true, reason: 'Settling-in record for the keyworker' })
    const result = await savePhoto(db, d, encoded(), PRACTITIONER, SAVE_TIME)
    expect(result.ok).toBe(true)
    const photo = await db.photos.get('photo-1')
    expect(photo?.decision.rules).toEqual(['one-to-one-with-adult'])
    expect(photo?.decision.findings?.[0]?.message).toMatch(/Settling-in/)
  })

  it('stores one photo when Save is tapped twice', async () => {
    db = await captureSetting()
    const [first, second] = await Promise.all([
      savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME),
      savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME),
    ])
    const again = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect([first.ok, second.ok, again.ok]).toEqual([true, true, true])
    expect(again.ok && again.value.alreadySaved).toBe(true)
    expect(await db.photos.count()).toBe(1)
    expect(await db.photoImages.count()).toBe(1)
    expect(await db.outbox.count()).toBe(1)
  })

  it('[consent-withdrawn] blocks a photo whose consent was withdrawn after the shutter, storing no image', async () => {
    db = await captureSetting()
    await withdrawConsent(
      db,
      { childId: ALMA.id, purposes: 'all', givenBy: MOTHER },
      MANAGER,
      SAVE_TIME,
    )
    const result = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('blocked')
    expect(result.error.decision?.findings.map((f) => f.rule)).toContain('consent-withdrawn')
    expect(await db.photos.count()).toBe(0)
    expect(await db.photoImages.count()).toBe(0)
    expect(await storedBlobs(db)).toEqual([])
    const blocked = (await listAudit(db, 'device-1')).filter((e) => e.type === 'capture-blocked')
    expect(blocked).toHaveLength(1)
    expect(blocked[0]).toMatchObject({
      staffId: PRACTITIONER.id,
      details: { locationId: 'loc-room', rules: ['consent-withdrawn'], stage: 'save' },
    })
    expect(JSON.stringify(blocked[0])).not.toContain('Painting')
  })

  it.each([
    ['[prohibited-location] the toilets', { locationId: TOILETS }, 'prohibited-location'],
    [
      '[consent-refused] a group photo with a refusal',
      { childIds: [ALMA.id, BODHI.id] },
      'consent-refused',
    ],
  ])('refuses %s and stores no image bytes', async (_, overrides, rule) => {
    db = await captureSetting()
    const result = await savePhoto(db, draft(overrides), encoded(), PRACTITIONER, SAVE_TIME)
    expect(result.ok || result.error.decision?.findings.map((f) => f.rule)).toContain(rule)
    expect(await storedBlobs(db)).toEqual([])
  })

  it('[staff-not-authorised] refuses a student who is not authorised', async () => {
    db = await captureSetting()
    const result = await savePhoto(db, draft(), encoded(), STUDENT, SAVE_TIME)
    expect(result.ok || result.error.code).toBe('not-permitted')
    expect(await db.photos.count()).toBe(0)
  })

  it('says the tablet is full and writes nothing when the image does not fit', async () => {
    db = await captureSetting()
    db.photoImages.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const result = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect(result.ok || result.error.code).toBe('storage-full')
    expect(result.ok || result.error.message).toMatch(/still here/)
    expect(await db.photos.count()).toBe(0)
    expect(await db.audit.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('says storage was lost when the database has gone, and a retry then works', async () => {
    db = await captureSetting()
    db.close({ disableAutoOpen: true })
    const lost = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect(lost.ok || lost.error.code).toBe('storage-lost')
    await db.open()
    const retried = await savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)
    expect(retried.ok).toBe(true)
    expect(await db.photos.count()).toBe(1)
  })

  it('rethrows what is not a storage failure: a bug must not pass as "tablet full"', async () => {
    db = await captureSetting()
    db.outbox.hook('creating', () => {
      throw new TypeError('a bug')
    })
    await expect(savePhoto(db, draft(), encoded(), PRACTITIONER, SAVE_TIME)).rejects.toThrow(
      'a bug',
    )
    // The writes go out together: the one that failed takes the others with it.
    expect(await db.photos.count()).toBe(0)
    expect(await db.photoImages.count()).toBe(0)
    expect(await db.audit.count()).toBe(0)
  })
})
