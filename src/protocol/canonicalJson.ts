/**
 * The canonical form of a JSON value (an audit event, a change a person signs): the bytes its
 * hash or signature is taken over. The device, the
 * server and anyone re-checking an export must produce exactly the same string for the same
 * event, whatever order its keys were written or stored in.
 *
 * Invariants (the JSON Canonicalization Scheme, RFC 8785, for the JSON we store):
 * - Object keys sorted by UTF-16 code units (JavaScript's default sort); no whitespace.
 * - Strings and numbers as JSON.stringify writes them (which is what RFC 8785 specifies).
 * - An object property whose value is undefined is left out, as IndexedDB's structured clone
 *   keeps it but JSON would not: the hash must not depend on that difference.
 * - Anything that is not JSON (NaN, Infinity, a function, a Date, undefined in an array) is a
 *   bug in the caller and throws, rather than hashing something the server cannot repeat.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not JSON: ${String(value)}`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => canonicalItem(item)).join(',')}]`
  }
  if (isPlainObject(value)) {
    const parts = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
    return `{${parts.join(',')}}`
  }
  throw new TypeError(`Not JSON: ${typeof value}`)
}

function canonicalItem(item: unknown): string {
  if (item === undefined) throw new TypeError('Not JSON: undefined in an array')
  return canonicalJson(item)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
