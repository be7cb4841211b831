// The first script the page runs (its own entry, put before main.tsx's in index.html by
// vite.config.ts, so the browser runs it as soon as the page is parsed, while the app's chunk
// is still arriving): starts reading sign-in's rows from IndexedDB and leaves the promise for
// main.tsx (earlySignInRows.ts says what it reads and when it answers null). It imports nothing
// the app's chunk has, so it waits for nothing.
import { EARLY_SIGN_IN, readSignInRowsEarly } from './db/earlySignInRows.ts'

const early = globalThis as typeof globalThis & Partial<Record<typeof EARLY_SIGN_IN, unknown>>
early[EARLY_SIGN_IN] =
  typeof indexedDB === 'undefined' ? Promise.resolve(null) : readSignInRowsEarly(indexedDB)
