/**
 * The one order in which transactions lock photo rows on PostgreSQL: by their ids' UTF-8
 * bytes, which is `order by id collate "C"` on a UTF-8 database. A push's review locks the
 * photos it changes in this order (ingest/photoRows.ts) and the group commit writes uploaded
 * photos in it (groupCommit.ts), so neither ever holds a row the other waits for.
 */
export function byIdBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}
