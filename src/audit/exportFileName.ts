/**
 * The name of an exported audit file: it carries the setting and the day, so a folder of
 * exports sorts by setting then date and nobody has to open one to know what it is.
 * e.g. "consentlens-audit-little-acorns-2026-11-23.pdf".
 */

export type ExportFormat = 'csv' | 'pdf'

export function exportFileName(settingName: string, day: string, format: ExportFormat): string {
  return `consentlens-audit-${slug(settingName)}-${day}.${format}`
}

/** Lowercase ASCII letters, digits and single hyphens; accents dropped, at most 40 long. */
export function slug(text: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  return plain === '' ? 'setting' : plain
}
