/**
 * The one-time enrolment code's alphabet and reading, apart from enrolment's schemas
 * (enrolment.ts) so the tablet can read a code from its address at start without loading zod.
 */
export const ENROLMENT_CODE_MINUTES = 15
/** Codes are read off a screen and typed: no 0/O or 1/I/L to confuse. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 10

/** Upper-cases and drops spaces and dashes, so "abcd-efgh-jk" is read as "ABCDEFGHJK". */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}
