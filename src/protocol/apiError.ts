// The error envelope every /api route answers with, shared by the server and the app's sync
// client so both sides agree on its shape. Expected failures are values with a machine code
// (for the client to branch on) and a sentence a practitioner can act on (to show as is).
import { z } from 'zod'

export const API_ERROR_CODES = [
  'not_found',
  'internal',
  'bad_request',
  'unauthorised',
  'device_revoked',
  'wrong_setting',
  'forbidden',
  'locked',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'offset_mismatch',
  'checksum_mismatch',
  'photo_unknown',
  'conflict',
  // The server's stores: retryable, the device keeps everything and tries again later.
  'storage_full',
  'storage_failing',
  'upload_limit',
  'database_unavailable',
  // The photo library.
  'use_refused',
  'gone',
  'photo_erased',
] as const

export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export type ApiErrorBody = {
  ok: false
  error: { code: ApiErrorCode; message: string }
}

export const ApiErrorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }),
})

export function apiError(code: ApiErrorCode, message: string): ApiErrorBody {
  return { ok: false, error: { code, message } }
}
