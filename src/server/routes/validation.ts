/**
 * Validation at the HTTP edge: every body, query and path parameter goes through its protocol
 * schema; a failure is answered 400 with what is wrong, field by field, and never reaches the
 * storage.
 */
import type { FastifyReply } from 'fastify'
import type { z } from 'zod'
import { apiError } from '../../protocol/index.ts'

export type Parsed<T> = { ok: true; value: T } | { ok: false }

/** Parses `input`; on failure sends the 400 and returns `{ ok: false }`. */
export function parseOr400<T>(
  reply: FastifyReply,
  schema: z.ZodType<T>,
  input: unknown,
  what: string,
): Parsed<T> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  const problems = result.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`)
    .join('; ')
  void reply.code(400).send(apiError('bad_request', `The ${what} is not valid. ${problems}`))
  return { ok: false }
}
