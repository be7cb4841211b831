/**
 * Opens everything the sync API stores into, from the configuration: the database (migrated)
 * and the photo store, wrapped as SyncServices, and on PostgreSQL the threads its writes are made
 * on (ingest/writeThread.ts), each started when first needed. `close` ends those threads and
 * closes the database; it is called once the HTTP server has finished its last request.
 *
 * Unfinished photo uploads (a revoked tablet's, a deleted photo's, a crash's) are removed once
 * untouched for `partialUploadMaxAgeHours`: at open, then every hour until `close`. The age is
 * measured by the file's last write, so an upload still in progress is never removed.
 */
import { failureLimiter } from './auth/failureLimiter.ts'
import { fileSystemPhotoStore } from './photoStore/fileSystemPhotoStore.ts'
import type { PhotoStore } from './photoStore/PhotoStore.ts'
import { repeating } from './repeating.ts'
import type { SyncServices } from './services.ts'
import { writeThreads, type WriteThread } from './ingest/writeThread.ts'
import { writeWith } from './ingest/writes.ts'
import {
  openDatabase,
  type ConnectionLost,
  type DatabaseOptions,
  type PostgresOptions,
} from './storage/openDatabase.ts'

export interface StorageOptions {
  database: DatabaseOptions
  photoDir: string
  thumbnailRetentionHours: number | null
  now?: () => Date
  /** Unfinished uploads untouched this long are removed; default 72 hours. */
  partialUploadMaxAgeHours?: number
  /** Most bytes one tablet may hold in unfinished uploads (the store's default if unset). */
  partialUploadLimitBytes?: number
  onConnectionLost?: ConnectionLost
}

const SWEEP_EVERY_MS = 60 * 60_000

export async function openStorage(
  options: StorageOptions,
): Promise<{ services: SyncServices; close: () => Promise<void> }> {
  const { server, threads } = shareConnections(options.database)
  const opened = await openDatabase(server, options.onConnectionLost)
  const thread: WriteThread | null =
    threads === null ? null : writeThreads(threads.everyday, threads.withdrawals)
  const now = options.now ?? (() => new Date())
  const photos = fileSystemPhotoStore(options.photoDir, {
    ...(options.partialUploadLimitBytes === undefined
      ? {}
      : { partialLimitBytes: options.partialUploadLimitBytes }),
  })
  const services: SyncServices = {
    db: opened.db,
    readDb: opened.readDb,
    durable: opened.durable,
    photos,
    now,
    thumbnailRetentionHours: options.thumbnailRetentionHours,
    enrolFailures: failureLimiter({ maxFailures: 10, windowMs: 15 * 60_000 }),
  }
  if (thread !== null) writeWith(services, thread)
  const maxAgeMs = (options.partialUploadMaxAgeHours ?? 72) * 60 * 60_000
  const sweeps = repeating(SWEEP_EVERY_MS, () =>
    sweepAbandoned(services.photos, new Date(now().getTime() - maxAgeMs)),
  )
  await sweeps.done
  return {
    services,
    close: async () => {
      sweeps.stop()
      await thread?.close()
      await opened.close()
    },
  }
}

/**
 * On PostgreSQL, DATABASE_POOL_SIZE is shared: one connection for the thread that applies
 * withdrawals, half (at least one) for the write thread, the rest (at least one) for the
 * server's own requests; at least three in all.
 */
function shareConnections(database: DatabaseOptions): {
  server: DatabaseOptions
  threads: { everyday: PostgresOptions; withdrawals: PostgresOptions } | null
} {
  if (database.kind !== 'postgres') return { server: database, threads: null }
  const size = database.poolSize ?? 10
  const everyday = Math.max(1, Math.floor(size / 2))
  return {
    server: { ...database, poolSize: Math.max(1, size - everyday - 1) },
    threads: {
      everyday: { ...database, poolSize: everyday },
      withdrawals: { ...database, poolSize: 1 },
    },
  }
}

async function sweepAbandoned(photos: PhotoStore, cutoff: Date): Promise<void> {
  try {
    const removed = await photos.removeAbandoned(cutoff)
    if (removed > 0) console.log(`Removed ${removed} abandoned partial photo upload(s).`)
  } catch (error) {
    console.error('Could not remove abandoned partial uploads:', error)
  }
}
