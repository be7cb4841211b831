/**
 * The manager's operations, behind the device credential AND the manager's staff id and PIN,
 * checked against the server's own staff data (auth/managerAuth.ts):
 *   POST /api/manager/enrolment-codes          a one-time code for a new device
 *   POST /api/manager/devices                  the setting's devices
 *   POST /api/manager/devices/:deviceId/revoke a lost iPad: refused from now on, wiped on contact
 *   POST /api/manager/devices/:deviceId/rename give a tablet a name people recognise
 *   POST /api/manager/quarantine               photos the server quarantined, and why
 * POST throughout, so the PIN travels in a body, never in a URL or a log line.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  apiError,
  IdSchema,
  ManagerAuthSchema,
  RenameDeviceRequestSchema,
  type CreateCodeResponse,
  type DeviceListResponse,
  type QuarantineListResponse,
} from '../../protocol/index.ts'
import { deviceAuthHook, deviceOf, type AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { checkManager } from '../auth/managerAuth.ts'
import { deviceById, listDevices, renameDevice } from '../devices/deviceOverview.ts'
import { createEnrolmentCode, revokeDevice } from '../devices/enrolment.ts'
import { appendServerAudit } from '../serverAudit.ts'
import type { SyncServices } from '../services.ts'
import { metaOf } from '../ingest/photoRows.ts'
import { parseOr400 } from './validation.ts'

export function managerRoutes(services: SyncServices): FastifyPluginCallback {
  /** The device and the signed-in manager's id, or null once the refusal is sent. */
  async function asManager(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ device: AuthenticatedDevice; staffId: string } | null> {
    const device = deviceOf(request)
    const auth = parseOr400(reply, ManagerAuthSchema, request.body, 'manager sign-in')
    if (!auth.ok) return null
    const check = await checkManager(services, device, auth.value)
    if (!check.ok) {
      void reply
        .code(check.error.code === 'locked' ? 429 : 403)
        .send(apiError(check.error.code, check.error.message))
      return null
    }
    return { device, staffId: check.staffId }
  }

  return (api, _options, done) => {
    api.addHook('preHandler', deviceAuthHook(services))

    api.post('/enrolment-codes', async (request, reply) => {
      const manager = await asManager(request, reply)
      if (manager === null) return reply
      const code = await createEnrolmentCode(
        services.db,
        manager.device.settingId,
        manager.staffId,
        services.now(),
      )
      await appendServerAudit(services.db, {
        settingId: manager.device.settingId,
        at: services.now().toISOString(),
        deviceId: manager.device.id,
        staffId: manager.staffId,
        type: 'enrolment-code-created',
        details: { expiresAt: code.expiresAt },
      })
      return { ok: true, ...code } satisfies CreateCodeResponse
    })

    api.post('/devices', async (request, reply) => {
      const manager = await asManager(request, reply)
      if (manager === null) return reply
      const devices = await listDevices(services.db, manager.device.settingId)
      return { ok: true, devices } satisfies DeviceListResponse
    })

    api.post('/devices/:deviceId/revoke', async (request, reply) => {
      const params = parseOr400(
        reply,
        z.object({ deviceId: IdSchema }),
        request.params,
        'device id',
      )
      if (!params.ok) return reply
      const manager = await asManager(request, reply)
      if (manager === null) return reply
      const { settingId } = manager.device
      const found = await revokeDevice(
        services.db,
        settingId,
        params.value.deviceId,
        manager.staffId,
        services.now(),
      )
      if (!found)
        return reply.code(404).send(apiError('not_found', 'This setting has no such device.'))
      const device = await deviceById(services.db, settingId, params.value.deviceId)
      return { ok: true, device }
    })

    api.post('/devices/:deviceId/rename', async (request, reply) => {
      const params = parseOr400(
        reply,
        z.object({ deviceId: IdSchema }),
        request.params,
        'device id',
      )
      if (!params.ok) return reply
      const body = parseOr400(reply, RenameDeviceRequestSchema, request.body, 'tablet name')
      if (!body.ok) return reply
      const manager = await asManager(request, reply)
      if (manager === null) return reply
      const { settingId } = manager.device
      const { deviceId } = params.value
      const found = await renameDevice(
        services.db,
        settingId,
        deviceId,
        body.value.name,
        manager.staffId,
        services.now(),
      )
      if (!found)
        return reply.code(404).send(apiError('not_found', 'This setting has no such device.'))
      return { ok: true, device: await deviceById(services.db, settingId, deviceId) }
    })

    api.post('/quarantine', async (request, reply) => {
      const manager = await asManager(request, reply)
      if (manager === null) return reply
      const rows = await services.db
        .selectFrom('photos')
        .selectAll()
        .where('setting_id', '=', manager.device.settingId)
        .where('quarantined_at', 'is not', null)
        .orderBy('taken_at')
        .execute()
      const photos = rows.map((row) => ({
        id: row.id,
        takenAt: row.taken_at,
        deviceId: row.device_id,
        staffId: row.staff_id,
        childIds: metaOf(row).childIds,
        rules: JSON.parse(row.quarantine_rules ?? '[]') as string[],
        message: row.quarantine_message ?? '',
      }))
      return { ok: true, photos } satisfies QuarantineListResponse
    })
    done()
  }
}
