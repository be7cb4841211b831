// "Photos of the setting": pages of the setting's photos from the server, filtered by day,
// room, child and purpose, each with its state now; a photo opened large. Only the manager
// and keyworkers (their key children's photos) may open it (roles.ts, view-photo-library).
import { useCallback, useEffect, useState } from 'react'
import type { Purpose } from '../../../policy/index.ts'
import { LIBRARY_PAGE, type LibraryPhoto, type LibraryQuery } from '../../../protocol/index.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'
import { useLibraryClient } from './useLibraryClient.ts'
import { useLibraryNames } from './useLibraryNames.ts'
import { useServerThumbnails } from './useServerThumbnails.ts'

export interface LibraryFilters {
  day: string
  roomId: string
  childId: string
  purpose: Purpose | ''
}

const NO_FILTERS: LibraryFilters = { day: '', roomId: '', childId: '', purpose: '' }

type Listing =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; photos: LibraryPhoto[]; next: string | null; more: boolean }

export function useLibraryScreen() {
  const staff = useCurrentStaff()
  const client = useLibraryClient()
  const names = useLibraryNames()
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS)
  const [listing, setListing] = useState<Listing>({ status: 'loading' })
  const [openId, setOpenId] = useState<string | null>(null)

  const load = useCallback(
    async (before: string | null, previous: LibraryPhoto[]) => {
      const query: Partial<LibraryQuery> = { limit: LIBRARY_PAGE }
      if (filters.day !== '') query.day = filters.day
      if (filters.roomId !== '') query.roomId = filters.roomId
      if (filters.childId !== '') query.childId = filters.childId
      if (filters.purpose !== '') query.purpose = filters.purpose
      if (before !== null) query.before = before
      const answer = await client.list(query)
      if (!answer.ok) return { status: 'error' as const, message: answer.error.message }
      const photos = [...previous, ...answer.value.photos]
      return { status: 'ready' as const, photos, next: answer.value.next, more: false }
    },
    [client, filters],
  )

  useEffect(() => {
    let cancelled = false
    void load(null, []).then((next) => {
      if (!cancelled) setListing(next)
    })
    return () => {
      cancelled = true
    }
  }, [load])

  const photos = listing.status === 'ready' ? listing.photos : []
  const thumbnails = useServerThumbnails(
    client,
    photos.filter((p) => p.hasThumbnail).map((p) => p.id),
  )
  const keyChildren =
    names?.children.filter((c) => staff.role === 'manager' || c.keyworkerId === staff.id) ?? []

  return {
    names,
    filters,
    keyChildren,
    setFilter: <K extends keyof LibraryFilters>(name: K, value: LibraryFilters[K]) => {
      setListing({ status: 'loading' })
      setFilters((f) => ({ ...f, [name]: value }))
    },
    clearFilters: () => {
      setListing({ status: 'loading' })
      setFilters(NO_FILTERS)
    },
    listing,
    thumbnails,
    loadMore: async () => {
      if (listing.status !== 'ready' || listing.next === null) return
      setListing({ ...listing, more: true })
      setListing(await load(listing.next, listing.photos))
    },
    opened: photos.find((p) => p.id === openId) ?? null,
    open: setOpenId,
    close: () => {
      setOpenId(null)
    },
    client,
  }
}
