// What the capture screen reads from the tablet, live: the policy's context (so the decision
// follows a consent change made while a photo is held), the setting's default purposes, this
// device, the locations, the children and the parents' conditions on their consents. Read
// only; the save goes through src/db.
import { useLiveQuery } from 'dexie-react-hooks'
import {
  consentConditions,
  getDevice,
  getSetting,
  listChildren,
  listLocations,
  loadPolicyContext,
  type Child,
  type Device,
  type Location,
} from '../../../db/index.ts'
import type { PolicyContext, Purpose } from '../../../policy/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'

export type CaptureData = {
  context: PolicyContext
  device: Device | null
  defaultPurposes: Purpose[]
  locations: Location[]
  children: Child[]
  /** The parents' conditions, by consent record id (the policy context drops them). */
  conditions: Map<string, string>
}

export function useCaptureData(): CaptureData | undefined {
  const db = useDb()
  return useLiveQuery(async () => {
    const [device, setting, locations, children, conditions] = await Promise.all([
      getDevice(db),
      getSetting(db),
      listLocations(db),
      listChildren(db),
      consentConditions(db),
    ])
    const context = await loadPolicyContext(db, { now: nowIso(), deviceId: device?.id ?? '' })
    return {
      context,
      device: device ?? null,
      defaultPurposes: setting?.defaultPurposes ?? [],
      locations,
      children,
      conditions,
    }
  }, [db])
}
