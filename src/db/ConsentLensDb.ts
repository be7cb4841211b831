/**
 * The device's database: one Dexie subclass, its versions, and `openDb`.
 *
 * Invariants:
 * - A released `version(n)` is never edited. A change of schema or of stored shapes adds
 *   `version(n + 1)` with its stores and an `upgrade` that validates each old row (it is
 *   `unknown` until checked) and rewrites it. `migrations.test.ts` shows the pattern and each
 *   new version gets a test of the same kind.
 * - Indexes exist for what screens ask, nothing more: a new query that needs an index is a new
 *   version.
 * - `photoImages` holds the blobs apart from `photos`, so listing photos never loads images.
 * - Booleans and nulls cannot be indexed in IndexedDB; nothing here is indexed on one.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie'
import type { AuditEvent } from './auditLog.ts'
import type { NewOutboxEntry, OutboxEntry } from './outbox.ts'
import type {
  Child,
  Device,
  InjuryRecord,
  Location,
  PhotoMeta,
  Refusal,
  Room,
  Setting,
  StaffRecord,
  StoredConsent,
} from '../model/records.ts'
import { validateRows } from './validateRows.ts'

/** A photo's image bytes, apart from its metadata (`photos`) so lists never load them. */
export interface PhotoImage {
  photoId: string
  /** Null once the server has confirmed it holds the image and the device let it go. */
  full: Blob | null
  thumbnail: Blob
}

/** Version 1, as released. Never edit: copy it into SCHEMA_V2 and change the copy. */
export const SCHEMA_V1 = {
  setting: 'id',
  rooms: 'id',
  locations: 'id, roomId',
  children: 'id, roomId, keyworkerId',
  consents: 'id, childId, [childId+purpose]',
  injuries: 'id, childId',
  staff: 'id',
  device: 'id',
  photos: 'id, takenAt, syncState, *childIds',
  photoImages: 'photoId',
  audit: 'id, at, &[deviceId+seq]',
  outbox: '++seq, &id, [kind+entityId]',
} as const satisfies Record<string, string>

/**
 * Version 3 (h3's number; 2 is another branch's): adds `refusals`, the changes the server
 * refused. Only the tables a version changes are declared: Dexie keeps every other table as
 * the versions before left it, so versions made on parallel branches compose. A new store
 * has no old rows, so it needs no upgrade.
 */
export const SCHEMA_V3_CHANGES = {
  refusals: 'id, refusedAt',
} as const satisfies Record<string, string>

/**
 * Every version, oldest first: what it declares and, for a change of stored shapes, the
 * upgrade that validates and rewrites the old rows. A new version is one more entry here, a
 * fixture of the previous version in tests/fixtures/dexie/ and one line in
 * tests/integration/dexie/openEarlierVersions.test.ts (tests/fixtures/dexie/README.md).
 */
export const VERSIONS: readonly DbVersion[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 3, stores: SCHEMA_V3_CHANGES },
  // Version 4: no store changes. Fields were added to stored rows after version 1
  // without a version (photo attestations, findings and thumbnail state, the device's server
  // facts, record versions, v2 PIN verifiers); here every row is checked against today's shapes.
  { version: 4, stores: {}, upgrade: (tx) => validateStoredRows(tx) },
]

/**
 * validateRows with today's shapes, loaded only when an upgrade runs: the schemas (and zod
 * behind them) are not needed to open a database that is already up to date, as it is at every
 * start but the first after an update. `Dexie.waitFor` keeps the upgrade's transaction open
 * while the module loads (from the service worker's cache on a tablet).
 */
async function validateStoredRows(tx: Transaction): Promise<void> {
  const { STORED_ROWS } = await Dexie.waitFor(import('./storedRows.ts'))
  await validateRows(tx, STORED_ROWS)
}

export interface DbVersion {
  version: number
  /** Only the stores this version adds or changes (null deletes one). */
  stores: Record<string, string | null>
  upgrade?: (tx: Transaction) => Promise<void>
}

export const DB_VERSION = Math.max(...VERSIONS.map(({ version }) => version))

export class ConsentLensDb extends Dexie {
  declare setting: EntityTable<Setting, 'id'>
  declare rooms: EntityTable<Room, 'id'>
  declare locations: EntityTable<Location, 'id'>
  declare children: EntityTable<Child, 'id'>
  declare consents: EntityTable<StoredConsent, 'id'>
  declare injuries: EntityTable<InjuryRecord, 'id'>
  declare staff: EntityTable<StaffRecord, 'id'>
  declare device: EntityTable<Device, 'id'>
  declare photos: EntityTable<PhotoMeta, 'id'>
  declare photoImages: EntityTable<PhotoImage, 'photoId'>
  declare audit: EntityTable<AuditEvent, 'id'>
  declare outbox: Table<OutboxEntry, number, NewOutboxEntry>
  declare refusals: EntityTable<Refusal, 'id'>

  constructor(name: string) {
    super(name)
    for (const { version, stores, upgrade } of VERSIONS) {
      const declared = this.version(version).stores(stores)
      if (upgrade !== undefined) declared.upgrade(upgrade)
    }
  }
}

/** The app's database is "consentlens"; tests pass a unique name each so they never share. */
export function openDb(name = 'consentlens'): ConsentLensDb {
  return new ConsentLensDb(name)
}
