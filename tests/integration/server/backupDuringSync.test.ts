// A backup made while a tablet is syncing (SQLite's online backup), restored into a fresh data
// folder, and a server started on it: everything the server had acknowledged before the backup
// is there with its image, every photo the restored database says is stored has its image
// (the backup copies photos after the database), and the tablet syncs against the restored
// server with nothing duplicated: its new photo arrives, and a change made on the restored
// server reaches it although its pull cursor is past the backup's.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SETTING_ID, DEMO_STAFF } from '../../../src/demo/index.ts'
import { buildServer } from '../../../src/server/app.ts'
import { backupDataDir } from '../../../src/server/backup/backupDataDir.ts'
import { restoreDataDir } from '../../../src/server/backup/restoreDataDir.ts'
import { openStorage } from '../../../src/server/openStorage.ts'
import { putEntity } from '../../../src/server/storage/entities.ts'
import { syncOnce } from '../../../src/sync/index.ts'
import { capturePhoto } from '../../support/capturedPhoto.ts'
import { enrolledDevice, type Device } from '../../support/syncedDevice.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

let work: string
let a: TestServer
let device: Device

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'consentlens-restore-'))
  a = await startTestServer('sqlite')
  device = await enrolledDevice(a, DEMO_SETTING_ID)
})
afterAll(async () => {
  await a.close().catch(() => undefined)
  rmSync(work, { recursive: true, force: true })
})

/** A server on the restored data folder, on the port the tablet knows. */
async function serverOn(dataDir: string, port: number) {
  const distDir = join(work, 'dist')
  mkdirSync(distDir, { recursive: true })
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>ConsentLens</title>')
  const storage = await openStorage({
    database: { kind: 'sqlite', file: join(dataDir, 'consentlens.sqlite') },
    photoDir: join(dataDir, 'photos'),
    thumbnailRetentionHours: null,
  })
  const app = buildServer({ distDir, sync: storage.services })
  app.addHook('onClose', () => storage.close())
  await app.listen({ host: '127.0.0.1', port })
  return { app, services: storage.services }
}

describe('backup during sync, restore, start, sync', () => {
  it('loses nothing the backup holds and duplicates nothing', { timeout: 60_000 }, async () => {
    const before = []
    for (let i = 0; i < 3; i++)
      before.push((await capturePhoto(device.db, { deviceId: device.deviceId })).meta)
    expect((await syncOnce({ db: device.db })).ok).toBe(true)

    for (let i = 0; i < 6; i++)
      await capturePhoto(device.db, { deviceId: device.deviceId, size: 300_000 })
    const syncing = syncOnce({ db: device.db, chunkBytes: 32 * 1024 })
    const backupDir = join(work, 'backup')
    const backup = await backupDataDir({
      database: { kind: 'sqlite', file: join(a.dataDir, 'consentlens.sqlite') },
      photoDir: join(a.dataDir, 'photos'),
      to: backupDir,
      now: new Date(),
    })
    expect(backup.ok).toBe(true)
    expect((await syncing).ok).toBe(true)
    // The server moves on after the backup, and the tablet pulls it: its cursor is now past
    // everything the backup holds.
    for (let i = 0; i < 3; i++) {
      await a.services.db
        .transaction()
        .execute((trx) =>
          putEntity(
            trx,
            DEMO_SETTING_ID,
            'room',
            `room-after-${i}`,
            { id: `room-after-${i}`, name: 'Later', ageRange: '' },
            new Date().toISOString(),
          ),
        )
    }
    expect((await syncOnce({ db: device.db })).ok).toBe(true)

    const port = Number(new URL(a.url).port)
    await a.close()
    const restoredDir = join(work, 'restored')
    const restored = await restoreDataDir({
      from: backupDir,
      dataDir: restoredDir,
      database: { kind: 'sqlite', file: join(restoredDir, 'consentlens.sqlite') },
    })
    expect(restored.ok).toBe(true)
    const b = await serverOn(restoredDir, port)
    try {
      const rows = await b.services.db.selectFrom('photos').selectAll().execute()
      for (const meta of before) {
        expect(rows.find((r) => r.id === meta.id)).toMatchObject({ stored_at: expect.any(String) })
      }
      for (const row of rows.filter((r) => r.stored_at !== null)) {
        const image = await b.services.photos.read(row.checksum)
        expect(image, `image of ${row.id}`).not.toBeNull()
        expect(createHash('sha256').update(image!).digest('hex')).toBe(row.checksum)
      }

      const after = (await capturePhoto(device.db, { deviceId: device.deviceId })).meta
      const note = { ...DEMO_STAFF.student, pin: undefined, active: true, canCapture: true }
      const { pin: _pin, ...student } = note
      await b.services.db
        .transaction()
        .execute((trx) =>
          putEntity(trx, DEMO_SETTING_ID, 'staff', student.id, student, new Date().toISOString()),
        )
      expect((await syncOnce({ db: device.db })).ok).toBe(true)

      const final = await b.services.db.selectFrom('photos').select(['id', 'stored_at']).execute()
      expect(new Set(final.map((r) => r.id)).size).toBe(final.length)
      expect(final.find((r) => r.id === after.id)).toMatchObject({ stored_at: expect.any(String) })
      expect(await device.db.photos.where('syncState').notEqual('sent').count()).toBe(0)
      expect((await device.db.staff.get(student.id))?.canCapture).toBe(true)
    } finally {
      await b.app.close()
    }
  })
})
