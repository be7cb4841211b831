/**
 * How deeply a JSON text nests, measured before it is parsed: validators (zod) and canonical
 * JSON walk a value recursively, so a body of 2,000 nested arrays overflowed the stack and
 * answered 500. One pass over the text, strings skipped, stops as soon as the bound is passed.
 */

/** The deepest nesting any request of the API needs, with room to spare. */
export const MAX_JSON_DEPTH = 64

/** Whether `text` opens more than `max` arrays or objects inside one another. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // a backslash escapes the next character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}
