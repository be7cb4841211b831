/**
 * Reading an audit event's details, which are JSON of any shape (written by other versions of
 * the app, or arriving from another device): a field of the wrong type reads as absent rather
 * than failing the whole audit.
 */
import type { JsonValue } from '../protocol/canonicalJson.ts'

type Details = { [key: string]: JsonValue }

export function detailString(details: Details, key: string): string | null {
  const value = details[key]
  return typeof value === 'string' ? value : null
}

export function detailStrings(details: Details, key: string): string[] {
  const value = details[key]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
