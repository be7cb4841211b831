/**
 * `backup --to <dir>`: a consistent copy of a running server's data. SQLite is copied with its
 * online backup (better-sqlite3's `backup()`, page by page, consistent even while the server
 * writes in WAL mode; a file copy of a WAL database can be torn). The photos are copied after
 * the database, so every image the copied database says is stored is in the folder (images are
 * never deleted and never change: they are named by their SHA-256). For PostgreSQL the database
 * half is pg_dump's (README); this does the photo half.
 *
 * Invariants:
 * - The target is empty or new: a backup never mixes with another.
 * - manifest.json is written last; a backup cut short has none and `restore` refuses it.
 * - Partial uploads (photos/.partial) are not copied: the tablets still hold those images.
 */
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { DatabaseOptions } from '../storage/openDatabase.ts'
import { fail, type AdminResult } from '../admin/settingAdmin.ts'
import {
  BACKUP_FORMAT,
  MANIFEST_FILE,
  SQLITE_FILE,
  sha256OfFile,
  type Manifest,
  type ManifestFile,
} from './backupManifest.ts'
import { isEmptyOrMissing } from './folders.ts'

export interface BackupDone {
  to: string
  database: 'sqlite' | 'postgres'
  photos: number
  bytes: number
}

export async function backupDataDir(options: {
  database: DatabaseOptions
  photoDir: string
  to: string
  now: Date
}): Promise<AdminResult<BackupDone>> {
  const { to } = options
  if (!(await isEmptyOrMissing(to))) {
    return fail('not_empty', `${to} is not empty. Back up into a new or empty folder.`)
  }
  await mkdir(to, { recursive: true })
  let database: Manifest['database']
  if (options.database.kind === 'sqlite') {
    if (!existsSync(options.database.file)) {
      return fail('not_found', `There is no database at ${options.database.file}. Check DATA_DIR.`)
    }
    const source = new BetterSqlite3(options.database.file, { fileMustExist: true })
    try {
      await source.backup(join(to, SQLITE_FILE))
    } finally {
      source.close()
    }
    database = {
      kind: 'sqlite',
      file: { path: SQLITE_FILE, ...(await sha256OfFile(join(to, SQLITE_FILE))) },
    }
  } else {
    database = {
      kind: 'postgres',
      note: 'The database is in PostgreSQL: back it up with pg_dump (see the README). This folder holds the photos.',
    }
  }
  const photos = await copyPhotos(options.photoDir, to)
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: options.now.toISOString(),
    database,
    photos,
  }
  await writeFile(join(to, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  const bytes =
    photos.reduce((sum, p) => sum + p.bytes, 0) +
    (database.kind === 'sqlite' ? database.file.bytes : 0)
  return { ok: true, value: { to, database: database.kind, photos: photos.length, bytes } }
}

/** Copies every finished image (`ab/<sha256>`) and records its checksum as copied. */
async function copyPhotos(photoDir: string, to: string): Promise<ManifestFile[]> {
  if (!existsSync(photoDir)) return []
  const files: ManifestFile[] = []
  const folders = (await readdir(photoDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
    .map((d) => d.name)
    .sort()
  for (const folder of folders) {
    const names = (await readdir(join(photoDir, folder))).filter((n) => /^[0-9a-f]{64}$/.test(n))
    if (names.length === 0) continue
    await mkdir(join(to, 'photos', folder), { recursive: true })
    for (const name of names.sort()) {
      const path = `photos/${folder}/${name}`
      await copyFile(join(photoDir, folder, name), join(to, path))
      files.push({ path, ...(await sha256OfFile(join(to, path))) })
    }
  }
  return files
}
