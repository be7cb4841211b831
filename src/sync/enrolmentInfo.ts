/**
 * What the app may show about this device's enrolment: the server's address and the ids, and
 * whether it holds a credential at all. The credential itself never leaves src/sync.
 */
import type { ConsentLensDb } from '../db/index.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'

export interface EnrolmentInfo {
  serverUrl: string
  deviceId: string
  settingId: string
}

/** This device's enrolment, or null when it holds no server credential (the local demo). */
export async function readEnrolment(db: ConsentLensDb): Promise<EnrolmentInfo | null> {
  const state = openSyncState(db.name)
  try {
    const enrolment = await getEnrolment(state)
    if (enrolment === null) return null
    const { serverUrl, deviceId, settingId } = enrolment
    return { serverUrl, deviceId, settingId }
  } finally {
    state.close()
  }
}
