/**
 * The setting's daily audit for a manager at a desk, from the server's data:
 *   GET /api/audit/export?day=YYYY-MM-DD&format=csv|pdf
 *   Authorization: Bearer <a tablet's device credential>
 *   X-ConsentLens-Staff: <the manager's staff id>    X-ConsentLens-Pin: <their PIN>
 *
 * Invariants:
 * - Manager-only, proven as every manager operation is (docs/decisions/0006): the device
 *   credential AND the manager's staff id and PIN, checked against the server's own data. A
 *   GET has no body, so the PIN travels in a header, never in the URL (access logs keep URLs).
 * - The export is recorded in the server's audit before the file is sent: none goes unrecorded.
 * - The files are src/audit's own CSV and PDF, so a server export reads like a tablet's; the
 *   file name carries the setting and the day.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  auditCsvRows,
  dailyAuditCsv,
  dailyAuditPdf,
  exportFileName,
  type DailyAudit,
  type ExportFormat,
} from '../../audit/index.ts'
import { apiError, DateSchema, ManagerAuthSchema } from '../../protocol/index.ts'
import { serverAuditDay, localDayBounds } from '../audit/serverAuditDay.ts'
import { deviceAuthHook, deviceOf, type AuthenticatedDevice } from '../auth/deviceAuth.ts'
import { checkManager } from '../auth/managerAuth.ts'
import { appendServerAudit } from '../serverAudit.ts'
import { isoNow, type SyncServices } from '../services.ts'
import { getEntity } from '../storage/entities.ts'
import { parseOr400 } from './validation.ts'

export const STAFF_HEADER = 'x-consentlens-staff'
export const PIN_HEADER = 'x-consentlens-pin'

const ExportQuerySchema = z.object({ day: DateSchema, format: z.enum(['csv', 'pdf']) })
const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' } as const

export function auditRoutes(services: SyncServices): FastifyPluginCallback {
  return (api, _options, done) => {
    api.addHook('preHandler', deviceAuthHook(services))

    api.get('/export', async (request, reply) => {
      const device = deviceOf(request)
      const query = parseOr400(reply, ExportQuerySchema, request.query, 'export request')
      if (!query.ok) return reply
      const bounds = localDayBounds(query.value.day)
      if (bounds === null) {
        return reply.code(400).send(apiError('bad_request', 'There is no such day.'))
      }
      const staffId = await managerFromHeaders(services, device, request, reply)
      if (staffId === null) return reply
      const { day, format } = query.value
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
      const audit = await serverAuditDay(services.db, device.settingId, day, bounds, timeZone)
      const settingName = await settingNameOf(services, device.settingId)
      const fileName = exportFileName(settingName, day, format)
      const exportedAt = isoNow(services)
      await appendServerAudit(services.db, {
        settingId: device.settingId,
        at: exportedAt,
        deviceId: device.id,
        staffId,
        type: 'audit-exported',
        details: { day, format, fileName, rows: auditCsvRows(audit).length },
      })
      const exportedBy = await staffName(services, device.settingId, staffId)
      const facts = { settingName, deviceId: device.id, exportedAt, exportedBy }
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(await exportBody(audit, format, facts))
    })
    done()
  }
}

/** The manager's staff id once headers and PIN check out; null once the refusal is sent. */
async function managerFromHeaders(
  services: SyncServices,
  device: AuthenticatedDevice,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | null> {
  const headers = { staffId: request.headers[STAFF_HEADER], pin: request.headers[PIN_HEADER] }
  const auth = parseOr400(reply, ManagerAuthSchema, headers, 'manager sign-in (headers)')
  if (!auth.ok) return null
  const check = await checkManager(services, device, auth.value)
  if (check.ok) return check.staffId
  const status = check.error.code === 'locked' ? 429 : 403
  void reply.code(status).send(apiError(check.error.code, check.error.message))
  return null
}

async function exportBody(
  audit: DailyAudit,
  format: ExportFormat,
  facts: { settingName: string; deviceId: string; exportedAt: string; exportedBy: string },
): Promise<string | Buffer> {
  if (format === 'csv') return dailyAuditCsv(audit)
  const pdf = await dailyAuditPdf(audit, {
    ...facts,
    source: 'Server copy, every tablet',
    freshness: 'As every tablet had sent it to the server by then',
  })
  return Buffer.from(pdf)
}

async function settingNameOf(services: SyncServices, settingId: string): Promise<string> {
  const row = await services.db
    .selectFrom('settings')
    .select('name')
    .where('id', '=', settingId)
    .executeTakeFirstOrThrow()
  return row.name
}

async function staffName(services: SyncServices, settingId: string, staffId: string) {
  const staff = z
    .object({ name: z.string() })
    .safeParse(await getEntity(services.db, settingId, 'staff', staffId))
  return staff.success ? staff.data.name : staffId
}
