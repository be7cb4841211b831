/**
 * The database's newest version, as a bare number: what `earlySignInRows.ts` compares with
 * before it reads, without importing Dexie or the version list (both wait until the app's
 * chunk has been evaluated, which is what the early read overlaps). `latestVersion.test.ts`
 * holds it to `DB_VERSION` (ConsentLensDb.ts): a new version changes both.
 */
export const LATEST_DB_VERSION = 4

/** Dexie opens IndexedDB at ten times its own version number. */
export const LATEST_NATIVE_VERSION = LATEST_DB_VERSION * 10
