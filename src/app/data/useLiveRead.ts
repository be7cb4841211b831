// A live read of the database for the hooks of the first render (sign-in, the app shell):
// dexie-react-hooks' useLiveQuery, which imports Dexie and so cannot be in the first chunk
// (decision 0037). `initial` until the database and its chunk have arrived and the read has
// answered; then every change the read depends on reads again. Like useLiveQuery, a value
// stays on screen while the read runs again, and a failed read throws to the nearest boundary.
import { useEffect, useState, type DependencyList } from 'react'
import type { ConsentLensDb } from '../../db/index.ts'
import { useArrivedDb } from './DbContext.tsx'
import { dataLayerIfLoaded, loadDataLayer, type DataLayer } from './loadDataLayer.ts'

export type LiveRead<T> = (layer: DataLayer, db: ConsentLensDb) => Promise<T>

type Read<T> = { value: T | undefined } | { error: unknown }

/** `deps`: what `read` depends on besides the database (as for useEffect). */
export function useLiveRead<T>(read: LiveRead<T>, deps: DependencyList, initial?: T): T | undefined {
  const db = useArrivedDb()
  const [state, setState] = useState<Read<T>>({ value: initial })
  useEffect(() => {
    if (db === null) return
    let live = true
    let stop: (() => void) | null = null
    const subscribe = (layer: DataLayer) => {
      if (!live) return
      const subscription = layer.liveQuery(() => read(layer, db)).subscribe({
        next: (value) => {
          setState({ value })
        },
        error: (error: unknown) => {
          setState({ error })
        },
      })
      stop = () => {
        subscription.unsubscribe()
      }
    }
    const layer = dataLayerIfLoaded()
    if (layer !== null) subscribe(layer)
    else
      loadDataLayer().then(subscribe, (error: unknown) => {
        if (live) setState({ error })
      })
    return () => {
      live = false
      stop?.()
    }
    // `read` is a new function each render; `deps` say when it reads something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, ...deps])
  if ('error' in state) throw state.error
  return state.value
}
