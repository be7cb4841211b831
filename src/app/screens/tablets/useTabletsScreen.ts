// The Tablets screen's state (manager only): every tablet of the setting as the server knows
// it, and the manager's operations on them, each through the manager routes with the
// manager's PIN (decision 0006), which the server checks and audits every time.
//
// The PIN is typed once when the screen opens and kept in this hook's state while the screen is
// open (never stored), so adding, renaming and revoking do not ask again; a refusal (wrong PIN,
// locked out) forgets it and asks again.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState } from 'react'
import type { DeviceSummary } from '../../../protocol/index.ts'
import { managerDevices, readEnrolment, type ManagerProof } from '../../../sync/index.ts'
import { useDb } from '../../data/DbContext.tsx'
import { usePermission } from '../../session/usePermission.ts'
import { useCurrentStaff } from '../../session/WorkspaceContext.tsx'
import { enrolLink } from '../../sync/enrolLink.ts'

export type Outcome = { ok: boolean; message: string }
export type NewCode = { code: string; expiresAt: string; link: string }

export function useTabletsScreen() {
  const db = useDb()
  const me = useCurrentStaff()
  const allowed = usePermission('enrol-device')
  const enrolment = useLiveQuery(() => readEnrolment(db), [db])
  const api = useMemo(() => managerDevices(db), [db])
  const [pin, setPinState] = useState('')
  const [proof, setProof] = useState<ManagerProof | null>(null)
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [newCode, setNewCode] = useState<NewCode | null>(null)
  const [confirming, setConfirming] = useState<DeviceSummary | null>(null)

  /** Runs one server call; a refusal of the PIN forgets it. Returns whether it worked. */
  async function attempt<T>(
    call: (
      p: ManagerProof,
    ) => Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
    p: ManagerProof,
    then: (value: T) => Outcome | null,
  ): Promise<boolean> {
    if (busy) return false
    setBusy(true)
    setOutcome(null)
    try {
      const result = await call(p)
      if (!result.ok) {
        if (result.error.code === 'forbidden' || result.error.code === 'locked') setProof(null)
        setOutcome({ ok: false, message: result.error.message })
        return false
      }
      setOutcome(then(result.value))
      return true
    } finally {
      setBusy(false)
    }
  }

  function replace(device: DeviceSummary): void {
    setDevices((list) => list?.map((d) => (d.id === device.id ? device : d)) ?? null)
  }

  async function load(p: ManagerProof, message: Outcome | null = null): Promise<boolean> {
    return attempt(
      (proof) => api.list(proof),
      p,
      (list) => {
        setDevices(list)
        setProof(p)
        return message
      },
    )
  }

  return {
    allowed,
    /** Undefined while reading; false when this tablet is not enrolled with a server. */
    enrolled: enrolment === undefined ? undefined : enrolment !== null,
    thisDeviceId: enrolment?.deviceId ?? null,
    unlocked: proof !== null,
    pin,
    setPin: (value: string) => {
      setPinState(value.replace(/\D/g, '').slice(0, 6))
    },
    devices,
    busy,
    outcome,
    newCode,
    confirming,
    unlock: async () => {
      if (!/^\d{4,6}$/.test(pin)) {
        setOutcome({ ok: false, message: 'Enter your PIN (4 to 6 digits) first.' })
        return
      }
      const p = { staffId: me.id, pin }
      setPinState('')
      await load(p)
    },
    refresh: () => (proof === null ? Promise.resolve(false) : load(proof)),
    addTablet: async () => {
      if (proof === null || enrolment == null) return
      const server = enrolment.serverUrl
      await attempt(
        (p) => api.createCode(p),
        proof,
        (code) => {
          setNewCode({ ...code, link: enrolLink(server, code.code) })
          return null
        },
      )
    },
    closeCode: () => {
      setNewCode(null)
      if (proof !== null) void load(proof)
    },
    rename: async (device: DeviceSummary, name: string): Promise<boolean> => {
      if (proof === null) return false
      const done = await attempt(
        (p) => api.rename(p, device.id, name),
        proof,
        (renamed) => {
          replace(renamed)
          return { ok: true, message: `Renamed “${device.name}” to “${renamed.name}”.` }
        },
      )
      return done
    },
    askRevoke: (device: DeviceSummary) => {
      setConfirming(device)
      setOutcome(null)
    },
    cancelRevoke: () => {
      setConfirming(null)
    },
    revoke: async () => {
      if (proof === null || confirming === null) return
      const device = confirming
      const done = await attempt(
        (p) => api.revoke(p, device.id),
        proof,
        (revoked) => {
          replace(revoked)
          return {
            ok: true,
            message: `“${device.name}” is revoked. It deletes its photos and records at its next contact. Reset the PINs of staff who used it.`,
          }
        },
      )
      if (done) setConfirming(null)
    },
  }
}

export type TabletsScreenState = ReturnType<typeof useTabletsScreen>
