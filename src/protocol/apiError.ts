// The error envelope every /api route answers with, shared by the server and the app's sync
// client so both sides agree on its shape. Expected failures are values with a machine code
// (for the client to branch on) and a sentence a practitioner can act on (to show as is).

export type ApiErrorCode = 'not_found' | 'internal'

export type ApiErrorBody = {
  ok: false
  error: { code: ApiErrorCode; message: string }
}

export function apiError(code: ApiErrorCode, message: string): ApiErrorBody {
  return { ok: false, error: { code, message } }
}
