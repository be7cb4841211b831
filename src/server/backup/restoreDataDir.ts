/**
 * `restore --from <dir>`: puts a backup (backupDataDir.ts) into an empty data folder, after
 * checking every file against the manifest's SHA-256 (and every photo against its own name,
 * which is its SHA-256). A damaged backup is refused with the name of each thing wrong, and
 * nothing is written.
 *
 * Invariants:
 * - The target data folder is new or empty: a restore never overwrites a setting's data.
 * - Files are copied into a temporary folder beside the target, checked again there, then
 *   the folder is renamed into place: a failed restore leaves no half-restored folder.
 * - A SQLite backup is restored only for a SQLite server, and passes SQLite's integrity check.
 * - Every setting's sequence moves forward by SEQUENCE_JUMP: tablets that pulled from the
 *   server after the backup was made hold a cursor past the backup's last change, and would
 *   otherwise never pull the changes the restored server numbers from there.
 */
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, rename, rm, rmdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { DatabaseOptions } from '../storage/openDatabase.ts'
import { fail, type AdminResult } from '../admin/settingAdmin.ts'
import {
  MANIFEST_FILE,
  ManifestSchema,
  sha256OfFile,
  type Manifest,
  type ManifestFile,
} from './backupManifest.ts'
import { isEmptyOrMissing } from './folders.ts'

export interface RestoreDone {
  dataDir: string
  database: 'sqlite' | 'postgres'
  photos: number
}

export async function restoreDataDir(options: {
  from: string
  dataDir: string
  database: DatabaseOptions
}): Promise<AdminResult<RestoreDone>> {
  const { from, dataDir } = options
  if (!(await isEmptyOrMissing(dataDir))) {
    return fail(
      'not_empty',
      `The data folder ${dataDir} is not empty. Restore into a new or empty folder (set DATA_DIR), so nothing is overwritten.`,
    )
  }
  const read = await readManifest(from)
  if (!read.ok) return read
  const manifest = read.value
  if (manifest.database.kind === 'sqlite' && options.database.kind !== 'sqlite') {
    return fail(
      'invalid',
      'This backup holds a SQLite database, but DATABASE_URL is set (PostgreSQL). Unset DATABASE_URL to restore it.',
    )
  }
  const files = entriesOf(manifest)
  const problems = await checkFiles(from, files)
  if (problems.length > 0) return damaged(from, problems)

  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restoring-${process.pid}`)
  await rm(staging, { recursive: true, force: true })
  try {
    for (const file of files) {
      await mkdir(dirname(join(staging, file.path)), { recursive: true })
      await copyFile(join(from, file.path), join(staging, file.path))
    }
    const copied = await checkFiles(staging, files)
    if (copied.length > 0) return damaged(staging, copied)
    if (manifest.database.kind === 'sqlite') {
      const check = integrityOf(join(staging, manifest.database.file.path))
      if (check !== 'ok') return damaged(from, [`${manifest.database.file.path}: ${check}`])
      moveSequencesForward(join(staging, manifest.database.file.path))
    }
    if (existsSync(dataDir)) await rmdir(dataDir)
    await mkdir(dirname(dataDir), { recursive: true })
    await rename(staging, dataDir)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return {
    ok: true,
    value: { dataDir, database: manifest.database.kind, photos: manifest.photos.length },
  }
}

async function readManifest(from: string): Promise<AdminResult<Manifest>> {
  let text: string
  try {
    text = await readFile(join(from, MANIFEST_FILE), 'utf8')
  } catch {
    return fail(
      'damaged',
      `${join(from, MANIFEST_FILE)} is missing: this is not a ConsentLens backup, or the backup did not finish. Nothing was restored.`,
    )
  }
  let parsed: ReturnType<typeof ManifestSchema.safeParse>
  try {
    parsed = ManifestSchema.safeParse(JSON.parse(text))
  } catch {
    return damaged(from, [`${MANIFEST_FILE}: not valid JSON`])
  }
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? ''
    return damaged(from, [`${MANIFEST_FILE}: not a ConsentLens backup manifest (${where})`])
  }
  return { ok: true, value: parsed.data }
}

function entriesOf(manifest: Manifest): ManifestFile[] {
  return manifest.database.kind === 'sqlite'
    ? [manifest.database.file, ...manifest.photos]
    : manifest.photos
}

/** Every file that is missing, of another size, or whose SHA-256 differs; in words. */
async function checkFiles(root: string, files: ManifestFile[]): Promise<string[]> {
  const problems: string[] = []
  for (const file of files) {
    const path = join(root, file.path)
    if (!existsSync(path)) {
      problems.push(`${file.path}: missing`)
      continue
    }
    const actual = await sha256OfFile(path)
    if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes) {
      problems.push(`${file.path}: checksum does not match (the file is damaged or changed)`)
    } else if (file.path.startsWith('photos/') && basename(file.path) !== file.sha256) {
      problems.push(`${file.path}: the image is not the one its name says`)
    }
  }
  return problems
}

function integrityOf(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check).join('; ')
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    db.close()
  }
}

/** More changes than any setting makes between a backup and its restore. */
export const SEQUENCE_JUMP = 1_000_000

function moveSequencesForward(file: string): void {
  const db = new BetterSqlite3(file, { fileMustExist: true })
  try {
    db.prepare('UPDATE settings SET last_seq = last_seq + ?').run(SEQUENCE_JUMP)
  } finally {
    db.close()
  }
}

function damaged<T>(from: string, problems: string[]): AdminResult<T> {
  const list = problems.slice(0, 20).map((p) => `  - ${p}`)
  const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : []
  const message = [
    `The backup in ${from} is damaged; nothing was restored. What is wrong:`,
    ...list,
    ...more,
    'Use another backup, or copy the damaged files again from where the backup was made.',
  ].join('\n')
  return { ok: false, error: { code: 'damaged', message, problems } }
}
