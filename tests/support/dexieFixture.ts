/**
 * Databases written by earlier versions of the app, kept as JSON (tests/fixtures/dexie/) so
 * that every later version is tested against what real tablets hold. A fixture carries the
 * store declarations of the version that wrote it, so it is restored through fake-indexeddb
 * exactly as that version left it, whatever today's code declares.
 *
 * Invariant: a fixture is never edited once committed (like a released Dexie version); a new
 * version of the app gets a new fixture.
 */
import { Dexie } from 'dexie'

/** One `db.version(n).stores(...)` call of the version that wrote the fixture. */
export interface StoreDeclaration {
  version: number
  stores: Record<string, string | null>
}

export interface DexieFixture {
  /** What wrote it and how (the commit, the generator), for the reader. */
  about: string
  /** The declarations in force when it was written, oldest first; the last is its version. */
  declarations: StoreDeclaration[]
  /** Every row of every store, blobs as `{ $blob: base64, type }`. */
  tables: Record<string, unknown[]>
}

interface EncodedBlob {
  $blob: string
  type: string
}

function isEncodedBlob(value: unknown): value is EncodedBlob {
  return typeof value === 'object' && value !== null && '$blob' in value && 'type' in value
}

async function encode(value: unknown): Promise<unknown> {
  if (value instanceof Blob) {
    const bytes = new Uint8Array(await value.arrayBuffer())
    return { $blob: Buffer.from(bytes).toString('base64'), type: value.type }
  }
  if (Array.isArray(value)) return Promise.all(value.map(encode))
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await encode(v)] as const),
    )
    return Object.fromEntries(entries)
  }
  return value
}

/** The fixture's JSON value as rows to store: encoded blobs become Blobs again. */
export function decodeRow(value: unknown): unknown {
  if (isEncodedBlob(value)) {
    return new Blob([Buffer.from(value.$blob, 'base64')], { type: value.type })
  }
  if (Array.isArray(value)) return value.map(decodeRow)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeRow(v)]))
  }
  return value
}

/** Every store of `db`, as a fixture (rows in primary-key order). */
export async function dumpDatabase(
  db: Dexie,
  declarations: StoreDeclaration[],
  about: string,
): Promise<DexieFixture> {
  const tables: Record<string, unknown[]> = {}
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    tables[table.name] = (await encode(await table.toArray())) as unknown[]
  }
  return { about, declarations, tables }
}

/** Writes the fixture into a new database `name` with its own declarations, then closes it. */
export async function restoreFixture(fixture: DexieFixture, name: string): Promise<void> {
  const db = new Dexie(name)
  for (const { version, stores } of fixture.declarations) db.version(version).stores(stores)
  await db.open()
  await db.transaction('rw', db.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.tables)) {
      await db.table(table).bulkAdd(rows.map(decodeRow))
    }
  })
  db.close()
}
