// "Photos on this tablet": recent photos with their thumbnails, where and whom, whether each
// has been sent (only once the server confirmed the image), and what the server or a
// withdrawal says about it; deleting one needs a reason, which the audit keeps.
import { useLiveQuery } from 'dexie-react-hooks'
import { purposeList } from '../../../policy/index.ts'
import { useCallback, useState } from 'react'
import {
  DEMO_DEVICE_ID,
  deletePhoto,
  listChildren,
  listLocations,
  recentPhotos,
  type PhotoMeta,
} from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'
import { useThumbnails } from '../../data/useThumbnails.ts'

export type PhotoRow = {
  photo: PhotoMeta
  place: string
  who: string
  /** One line per withdrawal that concerns the photo: whose, for what. */
  removals: string[]
  /** Taken in the local demo, never enrolled: sample data that stays here (decision 0015). */
  sample: boolean
}

export function usePhotosScreen() {
  const db = useDb()
  const staff = useCurrentStaff()
  const rows = useLiveQuery(async () => {
    const [photos, locations, children] = await Promise.all([
      recentPhotos(db),
      listLocations(db, true),
      listChildren(db),
    ])
    const places = new Map(locations.map((l) => [l.id, l.name]))
    const names = new Map(children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]))
    return photos.map((photo): PhotoRow => {
      const who = photo.childIds.map((id) => names.get(id) ?? 'a child not on this tablet')
      return {
        photo,
        place: places.get(photo.locationId) ?? 'an unknown place',
        who: who.length === 0 ? 'No children' : who.join(', '),
        sample: photo.deviceId === DEMO_DEVICE_ID && photo.syncState !== 'sent',
        removals: photo.flaggedForRemoval.map(
          (flag) =>
            `Consent withdrawn for ${names.get(flag.childId) ?? 'a child'} (${purposeList(flag.purposes)}): remove this photo wherever it was used.`,
        ),
      }
    })
  }, [db])
  const thumbnails = useThumbnails(rows?.map((r) => r.photo.id) ?? [])
  const [deleting, setDeleting] = useState<{ photoId: string; error: string | null } | null>(null)

  const startDelete = useCallback((photoId: string) => {
    setDeleting({ photoId, error: null })
  }, [])
  const cancelDelete = useCallback(() => {
    setDeleting(null)
  }, [])
  const confirmDelete = useCallback(
    async (reason: string) => {
      if (deleting === null) return
      const result = await deletePhoto(db, { photoId: deleting.photoId, reason }, staff, nowIso())
      setDeleting(result.ok ? null : { photoId: deleting.photoId, error: result.error.message })
    },
    [db, deleting, staff],
  )

  return { rows, thumbnails, deleting, startDelete, cancelDelete, confirmDelete }
}
