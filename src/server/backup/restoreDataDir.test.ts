// Backup and restore of a SQLite data folder: a round trip keeps every byte; a damaged backup
// (a photo changed, a photo missing, the database changed, no manifest, a photo that is not
// what its name says) is refused with the name of each thing wrong, and nothing is written;
// a data folder that is not empty is never restored into.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../storage/openDatabase.ts'
import { fileSystemPhotoStore } from '../photoStore/fileSystemPhotoStore.ts'
import { backupDataDir } from './backupDataDir.ts'
import { restoreDataDir } from './restoreDataDir.ts'
import { sha256OfFile } from './backupManifest.ts'
import { createHash } from 'node:crypto'

let root: string
let dataDir: string
let backupDir: string
let target: string
const sqlite = (dir: string) => ({ kind: 'sqlite' as const, file: join(dir, 'consentlens.sqlite') })

async function photo(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text)
  const checksum = createHash('sha256').update(bytes).digest('hex')
  const stored = await fileSystemPhotoStore(join(dataDir, 'photos')).storeWhole(bytes, checksum)
  expect(stored.ok).toBe(true)
  return checksum
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'consentlens-backup-'))
  dataDir = join(root, 'data')
  backupDir = join(root, 'backup')
  target = join(root, 'restored')
  const opened = await openDatabase(sqlite(dataDir))
  await opened.db
    .insertInto('settings')
    .values({
      id: 's1',
      name: 'Acorns',
      is_demo: 0,
      last_seq: 0,
      created_at: '2026-11-29T09:00:00Z',
    })
    .execute()
  await opened.close()
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

async function backup() {
  const done = await backupDataDir({
    database: sqlite(dataDir),
    photoDir: join(dataDir, 'photos'),
    to: backupDir,
    now: new Date(),
  })
  if (!done.ok) throw new Error(done.error.message)
  return done.value
}

function restore() {
  return restoreDataDir({ from: backupDir, dataDir: target, database: sqlite(target) })
}

describe('backup and restore', () => {
  it('round trip: the database and every photo come back byte for byte', async () => {
    const a = await photo('first image')
    const b = await photo('second image')
    mkdirSync(join(dataDir, 'photos', '.partial'), { recursive: true })
    writeFileSync(join(dataDir, 'photos', '.partial', 'half'), 'half an upload')
    expect(await backup()).toMatchObject({ database: 'sqlite', photos: 2 })
    expect(await restore()).toEqual({
      ok: true,
      value: { dataDir: target, database: 'sqlite', photos: 2 },
    })
    for (const sum of [a, b]) {
      expect((await sha256OfFile(join(target, 'photos', sum.slice(0, 2), sum))).sha256).toBe(sum)
    }
    expect(existsSync(join(target, 'photos', '.partial'))).toBe(false)
    const opened = await openDatabase(sqlite(target))
    expect(await opened.db.selectFrom('settings').select('name').execute()).toEqual([
      { name: 'Acorns' },
    ])
    await opened.close()
  })

  it('refuses a damaged backup, naming every file that is wrong, and writes nothing', async () => {
    const a = await photo('first image')
    const b = await photo('second image')
    const c = await photo('third image')
    await backup()
    writeFileSync(join(backupDir, 'photos', a.slice(0, 2), a), 'something else')
    unlinkSync(join(backupDir, 'photos', b.slice(0, 2), b))
    const db = join(backupDir, 'consentlens.sqlite')
    const bytes = readFileSync(db)
    bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256
    writeFileSync(db, bytes)
    const result = await restore()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('damaged')
    expect(result.error.problems).toHaveLength(3)
    expect(result.error.problems).toEqual(
      expect.arrayContaining([
        'consentlens.sqlite: checksum does not match (the file is damaged or changed)',
        `photos/${a.slice(0, 2)}/${a}: checksum does not match (the file is damaged or changed)`,
        `photos/${b.slice(0, 2)}/${b}: missing`,
      ]),
    )
    expect(result.error.message).toContain('nothing was restored')
    expect(result.error.message).toContain(`photos/${b.slice(0, 2)}/${b}: missing`)
    expect(result.error.message).not.toContain(c)
    expect(existsSync(target)).toBe(false)
    expect(readdirSync(root).sort()).toEqual(['backup', 'data'])
  })

  it('refuses a backup without its manifest (unfinished) or with a broken one', async () => {
    await backup()
    writeFileSync(join(backupDir, 'manifest.json'), '{"format": "consentlens-backup", "version": 1')
    expect(await restore()).toMatchObject({
      ok: false,
      error: { code: 'damaged', problems: ['manifest.json: not valid JSON'] },
    })
    unlinkSync(join(backupDir, 'manifest.json'))
    expect(await restore()).toMatchObject({
      ok: false,
      error: { code: 'damaged', message: expect.stringContaining('did not finish') },
    })
  })

  it('refuses a photo whose contents are not what its name says, even with a matching manifest', async () => {
    const a = await photo('first image')
    const wrong = 'f'.repeat(64)
    mkdirSync(join(dataDir, 'photos', 'ff'))
    writeFileSync(join(dataDir, 'photos', 'ff', wrong), 'not its checksum')
    await backup()
    const result = await restore()
    expect(result).toMatchObject({
      ok: false,
      error: { problems: [`photos/ff/${wrong}: the image is not the one its name says`] },
    })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
  })

  it('never restores into a data folder that holds something, nor backs up into one', async () => {
    await backup()
    mkdirSync(target)
    writeFileSync(join(target, 'notes.txt'), 'mine')
    expect(await restore()).toMatchObject({ ok: false, error: { code: 'not_empty' } })
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine')
    const again = await backupDataDir({
      database: sqlite(dataDir),
      photoDir: join(dataDir, 'photos'),
      to: backupDir,
      now: new Date(),
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'not_empty' } })
  })
})
