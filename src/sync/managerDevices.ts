/**
 * The setting's tablets, for the manager on this tablet (the Tablets screen): the list as the
 * server knows it, a new enrolment code, rename, revoke. Each call goes to the manager routes
 * (POST /api/manager/…) of the server this tablet is enrolled with, with its device credential
 * and the manager's staff id and PIN in the body (decision 0006); the server checks the PIN
 * each time and records every change in its audit.
 *
 * Invariants: nothing here is stored; a refusal keeps the server's words (wrong PIN, locked
 * out); no answer at all becomes `offline` in words.
 */
import type { z } from 'zod'
import type { ConsentLensDb } from '../db/index.ts'
import {
  CreateCodeResponseSchema,
  DeviceListResponseSchema,
  RenameResponseSchema,
  RevokeResponseSchema,
  type DeviceSummary,
} from '../protocol/index.ts'
import { refusalOf, type ApiResult, type Fetch } from './syncApi.ts'
import { getEnrolment, openSyncState } from './syncStateDb.ts'

export interface ManagerProof {
  staffId: string
  pin: string
}

const NOT_ENROLLED =
  'This tablet is not enrolled with the setting’s server. Enrol it on “This tablet” first.'
const OFFLINE =
  'The server cannot be reached. The setting’s tablets are managed on the server: try again when this tablet is online.'

async function managerPost<T>(
  db: ConsentLensDb,
  path: string,
  body: Record<string, unknown>,
  schema: z.ZodType<T>,
  fetchFn: Fetch,
): Promise<ApiResult<T>> {
  const state = openSyncState(db.name)
  const enrolment = await getEnrolment(state).finally(() => {
    state.close()
  })
  if (enrolment === null) {
    return { ok: false, error: { code: 'not_enrolled', message: NOT_ENROLLED, status: null } }
  }
  let response: Response
  let answer: unknown = null
  try {
    response = await fetchFn(`${enrolment.serverUrl.replace(/\/+$/, '')}/api/manager${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${enrolment.credential}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
      cache: 'no-store',
    })
    const text = await response.text()
    answer = text === '' ? null : (JSON.parse(text) as unknown)
  } catch {
    return { ok: false, error: { code: 'offline', message: OFFLINE, status: null } }
  }
  if (response.ok) {
    const parsed = schema.safeParse(answer)
    if (parsed.success) return { ok: true, value: parsed.data }
  }
  return { ok: false, error: refusalOf(response.status, answer) }
}

export interface ManagerDevicesApi {
  list(proof: ManagerProof): Promise<ApiResult<DeviceSummary[]>>
  createCode(proof: ManagerProof): Promise<ApiResult<{ code: string; expiresAt: string }>>
  rename(proof: ManagerProof, deviceId: string, name: string): Promise<ApiResult<DeviceSummary>>
  revoke(proof: ManagerProof, deviceId: string): Promise<ApiResult<DeviceSummary>>
}

export function managerDevices(
  db: ConsentLensDb,
  fetchFn: Fetch = (input, init) => globalThis.fetch(input, init),
): ManagerDevicesApi {
  const id = (deviceId: string) => encodeURIComponent(deviceId)
  return {
    list: async (proof) => {
      const r = await managerPost(db, '/devices', { ...proof }, DeviceListResponseSchema, fetchFn)
      return r.ok ? { ok: true, value: r.value.devices } : r
    },
    createCode: async (proof) => {
      const r = await managerPost(
        db,
        '/enrolment-codes',
        { ...proof },
        CreateCodeResponseSchema,
        fetchFn,
      )
      return r.ok ? { ok: true, value: { code: r.value.code, expiresAt: r.value.expiresAt } } : r
    },
    rename: async (proof, deviceId, name) => {
      const path = `/devices/${id(deviceId)}/rename`
      const r = await managerPost(db, path, { ...proof, name }, RenameResponseSchema, fetchFn)
      return r.ok ? { ok: true, value: r.value.device } : r
    },
    revoke: async (proof, deviceId) => {
      const path = `/devices/${id(deviceId)}/revoke`
      const r = await managerPost(db, path, { ...proof }, RevokeResponseSchema, fetchFn)
      return r.ok ? { ok: true, value: r.value.device } : r
    },
  }
}
