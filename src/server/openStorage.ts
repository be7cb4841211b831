/**
 * Opens everything the sync API stores into, from the configuration: the database (migrated)
 * and the photo store, wrapped as SyncServices. `close` closes the database; it is called once
 * the HTTP server has finished its last request.
 */
import { failureLimiter } from './auth/failureLimiter.ts'
import { fileSystemPhotoStore } from './photoStore/fileSystemPhotoStore.ts'
import type { SyncServices } from './services.ts'
import { openDatabase, type DatabaseOptions } from './storage/openDatabase.ts'

export interface StorageOptions {
  database: DatabaseOptions
  photoDir: string
  thumbnailRetentionHours: number | null
  now?: () => Date
}

export async function openStorage(
  options: StorageOptions,
): Promise<{ services: SyncServices; close: () => Promise<void> }> {
  const opened = await openDatabase(options.database)
  const services: SyncServices = {
    db: opened.db,
    photos: fileSystemPhotoStore(options.photoDir),
    now: options.now ?? (() => new Date()),
    thumbnailRetentionHours: options.thumbnailRetentionHours,
    enrolFailures: failureLimiter({ maxFailures: 10, windowMs: 15 * 60_000 }),
  }
  return { services, close: opened.close }
}
