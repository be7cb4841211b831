/**
 * Client-made ids: random UUIDs, so records made offline on two devices never collide and the
 * server can tell a retried upload from a new one. Repositories take `newId` as an optional
 * argument so tests can make ids predictable.
 */
export type NewId = () => string

export function newId(): string {
  return globalThis.crypto.randomUUID()
}
