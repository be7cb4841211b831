/**
 * The manifest of a backup folder (`manifest.json`, written last, so a folder without it is an
 * unfinished backup): what it holds and the SHA-256 of every file, which `restore` checks
 * before it writes anything.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { z } from 'zod'

export const MANIFEST_FILE = 'manifest.json'
export const BACKUP_FORMAT = 'consentlens-backup'
export const SQLITE_FILE = 'consentlens.sqlite'

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)
/** A path inside the backup: forward slashes, no `..`, not absolute. */
const RelativePath = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/)
  .refine((p) => !p.split('/').includes('..'), 'no ..')

const FileEntry = z.object({ path: RelativePath, sha256: Sha256, bytes: z.number().int().min(0) })

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite'), file: FileEntry }),
    /** PostgreSQL is backed up with pg_dump; this folder holds the photo half. */
    z.object({ kind: z.literal('postgres'), note: z.string() }),
  ]),
  photos: z.array(FileEntry),
})

export type Manifest = z.infer<typeof ManifestSchema>
export type ManifestFile = z.infer<typeof FileEntry>

export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer
    bytes += buffer.byteLength
    hash.update(buffer)
  }
  return { sha256: hash.digest('hex'), bytes }
}
