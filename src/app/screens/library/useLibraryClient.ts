// The library's client for the person of this workspace: each request is signed with their
// signing seed (held only in memory while they are signed in; null once locked, and then the
// requests are refused until they sign in again) and carries this tablet's credential.
import { useMemo } from 'react'
import {
  libraryClient,
  readEnrolment,
  signedRequestHeaders,
  type LibraryClient,
} from '../../../sync/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'

export function useLibraryClient(): LibraryClient {
  const db = useDb()
  const { id: staffId, signingSeed } = useCurrentStaff()
  return useMemo(
    () =>
      libraryClient(db, async ({ method, path, body }) => {
        const enrolment = await readEnrolment(db)
        if (signingSeed === null || enrolment === null) return {}
        const { settingId, deviceId } = enrolment
        return signedRequestHeaders({
          settingId,
          deviceId,
          staffId,
          signingSeed,
          method,
          path,
          body,
          now: nowIso(),
        })
      }),
    [db, staffId, signingSeed],
  )
}
