/**
 * The check every Dexie upgrade runs: each old row of the named stores is read as `unknown`
 * and parsed with the schema of its store (storedRows.ts). One row that does not fit throws,
 * so IndexedDB aborts the whole upgrade and the tablet keeps its data at the old version,
 * rather than running on rows the code does not understand.
 */
import type { Transaction } from 'dexie'
import type { z } from 'zod'

export class StoredRowError extends Error {
  constructor(
    readonly store: string,
    readonly key: unknown,
    readonly issues: string,
  ) {
    super(
      `This iPad's saved ${store} could not be brought up to date: the entry ${JSON.stringify(key)} is not as this version of ConsentLens expects (${issues}). Nothing was changed or lost. Reload the app; if this stays, tell the setting's manager and keep the iPad as it is until it is looked at.`,
    )
    this.name = 'StoredRowError'
  }
}

export async function validateRows(
  tx: Transaction,
  schemas: Readonly<Record<string, z.ZodType>>,
): Promise<void> {
  for (const [store, schema] of Object.entries(schemas)) {
    let failure: StoredRowError | undefined
    await tx.table(store).each((row: unknown, cursor) => {
      if (failure !== undefined) return
      const parsed = schema.safeParse(row)
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || 'the entry'}: ${issue.message}`)
          .join('; ')
        failure = new StoredRowError(store, cursor.primaryKey, issues)
      }
    })
    if (failure !== undefined) throw failure
  }
}
