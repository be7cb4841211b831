/**
 * Where full images live, behind a small interface so an S3-compatible store can follow the
 * filesystem one. Images are content-addressed by their SHA-256: one image, one object, however
 * many times it was uploaded.
 *
 * Invariants:
 * - An image becomes visible under its checksum only after its bytes were hashed and matched;
 *   a partial upload is kept apart, under a key the caller chooses, until then.
 * - Appends happen only at the current end of a partial upload (`offset` must equal its size).
 */

export type AppendResult = { ok: true; size: number } | { ok: false; size: number }

export type FinishResult = { ok: true } | { ok: false; actual: string }

export interface PhotoStore {
  /** Bytes received so far for a partial upload; 0 when there is none. */
  partialSize(key: string): Promise<number>
  /** Appends at `offset`, which must be the partial's current size. */
  append(key: string, offset: number, bytes: Uint8Array): Promise<AppendResult>
  /** Hashes the partial; if it is `checksum`, keeps it as that image, else discards it. */
  finish(key: string, checksum: string): Promise<FinishResult>
  /** The whole image in one piece: hashed in memory, kept only if it is `checksum`. */
  storeWhole(bytes: Uint8Array, checksum: string): Promise<FinishResult>
  discard(key: string): Promise<void>
  has(checksum: string): Promise<boolean>
  read(checksum: string): Promise<Uint8Array | null>
}
