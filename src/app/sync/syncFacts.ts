// What the sync status bar and the "This tablet" screen need from the tablet's own storage:
// its enrolment (without the credential), its setting, and the photos still to send. Counted
// from the database, not from the engine, so a photo saved offline shows at once.
import type { ConsentLensDb } from '../../db/index.ts'
import type { Iso } from '../../policy/index.ts'
import { readEnrolment, type EnrolmentInfo } from '../../sync/enrolmentInfo.ts'

export interface SyncFacts {
  /** Null: this tablet holds no server credential (the local demo, or never enrolled). */
  enrolment: EnrolmentInfo | null
  settingName: string | null
  isDemo: boolean
  enrolledAt: Iso | null
  /** When the last pull completed (the policy's staleness clock); kept across reloads. */
  syncedAt: Iso | null
  revoked: boolean
  waitingPhotos: number
}

export async function readSyncFacts(db: ConsentLensDb): Promise<SyncFacts> {
  const [devices, settings, waitingPhotos, enrolment] = await Promise.all([
    db.device.toArray(),
    db.setting.toArray(),
    db.photos.where('syncState').anyOf('waiting', 'uploading').count(),
    readEnrolment(db),
  ])
  const device = devices[0]
  const setting = settings.find((s) => s.id === device?.settingId) ?? settings[0]
  return {
    enrolment,
    settingName: setting?.name ?? null,
    isDemo: setting?.isDemo ?? false,
    enrolledAt: enrolment === null ? null : (device?.enrolledAt ?? null),
    syncedAt: enrolment === null ? null : (device?.consentDataSyncedAt ?? null),
    revoked: device?.revoked ?? false,
    waitingPhotos,
  }
}
