// `npm run admin -- retention-run`: the daily job's one run, with the admin's clock. A display
// photo of a real setting goes once its 12 months are past, and the answer says why.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { photoBytes, photoMeta } from '../../../tests/support/photoFixture.ts'
import { readServerConfig } from '../config.ts'
import { openStorage } from '../openStorage.ts'
import { runAdmin } from '../admin/runAdmin.ts'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'consentlens-retention-'))
})
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

async function admin(now: Date, ...argv: string[]) {
  let out = ''
  const code = await runAdmin(argv, {
    env: { DATA_DIR: dataDir },
    io: { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) },
    now: () => now,
    pinIterations: 100_000,
  })
  return { code, out }
}

it('erases what is past its time, says what and why, and nothing before', async () => {
  const created = await admin(
    new Date(),
    'create-setting',
    '--name',
    'Acorns',
    '--manager',
    'Sam Lee',
    '--json',
  )
  const settingId = (JSON.parse(created.out) as { settingId: string }).settingId
  const config = readServerConfig({ DATA_DIR: dataDir })
  if (!config.ok) throw new Error(config.error)
  const storage = await openStorage({ ...config.value, thumbnailRetentionHours: null })
  const takenAt = '2026-01-10T09:00:00.000Z'
  const meta = photoMeta({
    deviceId: 'tablet-1',
    bytes: photoBytes(100),
    childIds: [],
    purposes: ['display'],
    takenAt,
  })
  await storage.services.db
    .insertInto('photos')
    .values({
      setting_id: settingId,
      id: meta.id,
      device_id: 'tablet-1',
      staff_id: meta.staffId,
      taken_at: takenAt,
      checksum: meta.checksum,
      bytes: meta.bytes,
      meta: JSON.stringify(meta),
      received_at: takenAt,
      stored_at: null,
      quarantined_at: null,
      quarantine_rules: null,
      quarantine_message: null,
      flags: '[]',
      thumbnail_checksum: null,
      thumbnail_bytes: null,
      erased_at: null,
      erased_by: null,
      erased_reason: null,
      erased_cause: null,
      bytes_removed_at: null,
    })
    .execute()
  await storage.close()

  const early = await admin(new Date('2027-01-09T09:00:00.000Z'), 'retention-run')
  expect(early).toEqual({ code: 0, out: expect.stringContaining('nothing is past its time') })
  const late = await admin(new Date('2027-01-11T09:00:00.000Z'), 'retention-run', '--json')
  expect(late.code).toBe(0)
  expect(JSON.parse(late.out)).toMatchObject({
    ok: true,
    runs: [
      {
        settingId,
        erased: [
          { photoId: meta.id, reason: expect.stringContaining('12 months after it was taken') },
        ],
      },
    ],
  })
  const again = await admin(new Date('2027-01-12T09:00:00.000Z'), 'retention-run')
  expect(again.out).toContain('nothing is past its time')
})

it('refuses a setting that does not exist, and names the command that lists them', async () => {
  const answer = await admin(new Date(), 'retention-run', '--setting', 'no-such-setting')
  expect(answer.code).not.toBe(0)
  expect(answer.out).toContain('There is no setting with the id no-such-setting')
  expect(answer.out).toContain('settings')
})
