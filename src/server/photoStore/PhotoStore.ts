/**
 * Where full images live, behind a small interface so an S3-compatible store can follow the
 * filesystem one. Images are content-addressed by their SHA-256: one image, one object, however
 * many times it was uploaded.
 *
 * Invariants:
 * - An image becomes visible under its checksum only after its bytes were hashed and matched;
 *   a partial upload is kept apart, under a key the caller chooses, until then.
 * - `ok: true` from `finish`/`storeWhole` means the bytes were read back from the store after
 *   the flush and had the right size and SHA-256: a device deletes its copy on that word.
 * - A store that is full or failing says so as a value (`store-full`, `store-failing`), keeps
 *   nothing half-written (a partial is cut back to what it held before the failed append) and
 *   leaves no temporary file behind.
 * - Appends happen only at the current end of a partial upload (`offset` must equal its size),
 *   and one owner (a tablet) holds at most the store's limit of bytes in partial uploads.
 */

/** A partial upload: `owner` (the device) bounds how much it may hold; `name` names it. */
export interface PartialKey {
  owner: string
  name: string
}

export type StoreFailure = {
  ok: false
  reason: 'store-full' | 'store-failing'
  /** For the log, never for a device: what the operating system said. */
  detail: string
}

export type AppendResult =
  | { ok: true; size: number }
  | { ok: false; reason: 'offset'; size: number }
  | { ok: false; reason: 'owner-limit'; held: number; limit: number }
  | StoreFailure

export type FinishResult =
  { ok: true } | { ok: false; reason: 'checksum'; actual: string } | StoreFailure

export interface PhotoStore {
  /** Bytes received so far for a partial upload; 0 when there is none. */
  partialSize(key: PartialKey): Promise<number>
  /** Appends at `offset`, which must be the partial's current size. */
  append(key: PartialKey, offset: number, bytes: Uint8Array): Promise<AppendResult>
  /** Hashes the partial; if it is `checksum`, keeps it as that image, else discards it. */
  finish(key: PartialKey, checksum: string): Promise<FinishResult>
  /** The whole image in one piece: kept only if it is `checksum`, verified after the flush. */
  storeWhole(bytes: Uint8Array, checksum: string): Promise<FinishResult>
  discard(key: PartialKey): Promise<void>
  /** Whether the store holds this image intact: `bytes` long and hashing to `checksum`. */
  has(checksum: string, bytes: number): Promise<boolean>
  /** The image, or null if it is missing or no longer hashes to `checksum`. */
  read(checksum: string): Promise<Uint8Array | null>
  /** Removes an image for good (an erasure); nothing happens if it is not there. */
  remove(checksum: string): Promise<void>
  /** Removes partial uploads (and stray temporary files) last written before `cutoff`. */
  removeAbandoned(cutoff: Date): Promise<number>
}
