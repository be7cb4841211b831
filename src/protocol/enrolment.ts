/**
 * Enrolment and the manager's device operations.
 *
 * A manager makes a one-time code (valid 15 minutes); a device exchanges it for a random
 * device credential, which it sends as `Authorization: Bearer <credential>` from then on.
 * The server keeps only hashes of codes and credentials.
 *
 * Manager operations carry the acting manager's staff id and PIN, on top of the device's
 * credential: the server checks both against its own data (docs/decisions/0006-manager-operations-on-the-server.md).
 */
import { z } from 'zod'
import { IdSchema, IsoSchema } from './common.ts'

export {
  CODE_ALPHABET,
  CODE_LENGTH,
  ENROLMENT_CODE_MINUTES,
  normaliseCode,
} from './enrolmentCode.ts'

export const EnrolRequestSchema = z.object({
  code: z.string().min(1).max(40),
  deviceName: z.string().max(100).optional(),
})

export const EnrolResponseSchema = z.object({
  ok: z.literal(true),
  deviceId: IdSchema,
  settingId: IdSchema,
  settingName: z.string(),
  credential: z.string().min(20),
})

export const ManagerAuthSchema = z.object({
  staffId: IdSchema,
  pin: z.string().regex(/^[0-9]{4,6}$/, 'a PIN of 4 to 6 digits'),
})

export const CreateCodeResponseSchema = z.object({
  ok: z.literal(true),
  code: z.string(),
  expiresAt: IsoSchema,
})

export const DeviceSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  enrolledAt: IsoSchema,
  lastSeenAt: IsoSchema.nullable(),
  revokedAt: IsoSchema.nullable(),
  /** Photos whose record reached the server but whose image has not (yet). */
  unsentPhotos: z.number().int().min(0),
})

/** A tablet's new name, as the manager types it on the Tablets screen. */
export const DEVICE_NAME_MAX = 100
export const RenameDeviceRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'a name for the tablet')
    .max(DEVICE_NAME_MAX, `a name of at most ${DEVICE_NAME_MAX} characters`),
})

export const DeviceListResponseSchema = z.object({
  ok: z.literal(true),
  devices: z.array(DeviceSummarySchema),
})

export const RevokeResponseSchema = z.object({ ok: z.literal(true), device: DeviceSummarySchema })
export const RenameResponseSchema = RevokeResponseSchema

export const QuarantineListResponseSchema = z.object({
  ok: z.literal(true),
  photos: z.array(
    z.object({
      id: IdSchema,
      takenAt: IsoSchema,
      deviceId: IdSchema,
      staffId: IdSchema,
      childIds: z.array(IdSchema),
      rules: z.array(z.string()),
      message: z.string(),
    }),
  ),
})

export type EnrolRequest = z.infer<typeof EnrolRequestSchema>
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>
export type ManagerAuth = z.infer<typeof ManagerAuthSchema>
export type CreateCodeResponse = z.infer<typeof CreateCodeResponseSchema>
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>
export type DeviceListResponse = z.infer<typeof DeviceListResponseSchema>
export type QuarantineListResponse = z.infer<typeof QuarantineListResponseSchema>
