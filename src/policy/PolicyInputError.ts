/**
 * Malformed input to the engine. It is never evaluated: a request or context that is not of
 * the contract's shape is refused with every offending field named.
 */
import type { z } from 'zod'

export interface InputIssue {
  /** Dotted path of the field, e.g. "request.purposes[1]". */
  field: string
  message: string
}

export class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError'
  readonly issues: readonly InputIssue[]

  constructor(what: string, issues: readonly InputIssue[]) {
    const list = issues.map((i) => `${i.field}: ${i.message}`).join('; ')
    super(`Invalid ${what}: ${list}`)
    this.issues = issues
  }
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`
  return out
}

export function toInputIssues(root: string, error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    field: formatPath(root, issue.path),
    message: issue.message,
  }))
}

/** Parse with a schema, or throw a PolicyInputError naming every bad field under `root`. */
export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  root: string,
  what: string,
): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new PolicyInputError(what, toInputIssues(root, result.error))
  return result.data
}
