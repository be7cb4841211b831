/**
 * Every sync route is for an enrolled device: `Authorization: Bearer <credential>`. The
 * credential names the device; its secret is hashed and compared in constant time with the
 * stored hash. A revoked device is told so (403 `device_revoked`), which is the signal for it
 * to wipe itself; any other failure is 401 without saying which part was wrong.
 *
 * Invariant: the setting a request acts in is the authenticated device's, never one the
 * request names; a request naming another setting is refused (403 `wrong_setting`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { apiError } from '../../protocol/index.ts'
import { isoNow, readDbOf, type SyncServices } from '../services.ts'
import { sameHash, sha256Hex, splitCredential } from './secrets.ts'

export interface AuthenticatedDevice {
  id: string
  settingId: string
  name: string
}

const devices = new WeakMap<FastifyRequest, AuthenticatedDevice>()
const SEEN_EVERY_MS = 60_000

/** The device a request was authenticated as. Calling it on an unauthenticated route is a bug. */
export function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  const device = devices.get(request)
  if (device === undefined) throw new Error('deviceOf called on a route without device auth')
  return device
}

export function deviceAuthHook(services: SyncServices) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization ?? ''
    const parts = /^Bearer ([A-Za-z0-9._~+/=-]{20,400})$/.exec(header)
    const credential = parts?.[1] === undefined ? null : splitCredential(parts[1])
    const row =
      credential === null
        ? undefined
        : // Who is asking hands out nothing: it does not wait for the disk (services.ts).
          await readDbOf(services)
            .selectFrom('devices')
            .selectAll()
            .where('id', '=', credential.deviceId)
            .executeTakeFirst()
    if (credential === null || row === undefined) return refuse(reply)
    if (!sameHash(sha256Hex(credential.secret), row.credential_hash)) return refuse(reply)
    if (row.revoked_at !== null) {
      return reply
        .code(403)
        .send(
          apiError(
            'device_revoked',
            'This iPad has been switched off by the manager. Its photos and records are being removed from it.',
          ),
        )
    }
    devices.set(request, { id: row.id, settingId: row.setting_id, name: row.name })
    const now = services.now()
    if (row.last_seen_at === null || now.getTime() - Date.parse(row.last_seen_at) > SEEN_EVERY_MS) {
      // Not awaited: the request does not wait behind a push's transaction for a
      // once-a-minute note (a lost one is written on the next request after a minute).
      void services.db
        .updateTable('devices')
        .set({ last_seen_at: isoNow(services) })
        .where('id', '=', row.id)
        .execute()
        .catch((error: unknown) => {
          request.log.warn({ error }, 'could not note when the device was last seen')
        })
    }
    return undefined
  }
}

function refuse(reply: FastifyReply) {
  return reply
    .code(401)
    .send(
      apiError(
        'unauthorised',
        'This iPad is not enrolled with this server. Ask the manager for an enrolment code.',
      ),
    )
}

/** Refuses a request that names a setting other than its device's; true if refused. */
export function refuseOtherSetting(
  reply: FastifyReply,
  device: AuthenticatedDevice,
  settingId: string,
): boolean {
  if (settingId === device.settingId) return false
  void reply
    .code(403)
    .send(
      apiError('wrong_setting', 'This iPad belongs to another setting and cannot see this one.'),
    )
  return true
}
