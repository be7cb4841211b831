// The one way the first chunk's code reaches the database's chunk (dataLayer.ts): imported
// once, at the start (main.tsx), and kept. A failed load (a chunk missing from an old cache)
// is forgotten, so the next call tries again.
import type { ConsentLensDb } from '../../db/index.ts'
import type * as DataLayerModule from './dataLayer.ts'

export type DataLayer = typeof DataLayerModule

/** The database, or (at a start drawn from sign-in's snapshot) its arrival with its chunk. */
export type DbArrival = ConsentLensDb | Promise<ConsentLensDb>

let loading: Promise<DataLayer> | null = null
let loaded: DataLayer | null = null

export function loadDataLayer(): Promise<DataLayer> {
  loading ??= import('./dataLayer.ts').then(
    (layer) => (loaded = layer),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

/** The layer if it has arrived, so a hook can use it without waiting a turn. */
export function dataLayerIfLoaded(): DataLayer | null {
  return loaded
}
