/**
 * A parent's subject access request: for one child, one ZIP with every consent record
 * of that child (the whole history: each version is a record), every photo of that child (the
 * image, while the server holds it), every recorded use and approval of those photos, the audit
 * lines about the child or their photos, and `index.html`, a plain printable summary.
 *
 * Invariants:
 * - Nothing names another child: a group photo is included (the parent has a right to photos
 *   of their child) but says "and 2 other children"; every text in the ZIP has other children's
 *   ids and names replaced by "another child" (captions and audit lines included); other
 *   children's consents and approvals are left out.
 * - File names carry no child's name (a file travels wherever it goes).
 */
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { Kysely } from 'kysely'
import { purposeList } from '../../policy/index.ts'
import {
  ChildWireSchema,
  ConsentWireSchema,
  StaffWireSchema,
  type ChildWire,
  type ConsentWire,
} from '../../protocol/index.ts'
import { metaOf, photosOfChild, type PhotoRow } from '../ingest/photoRows.ts'
import type { SyncServices } from '../services.ts'
import { listEntities } from '../storage/entities.ts'
import type { Database } from '../storage/schema.ts'
import { subjectAccessHtml, type AuditLine, type SummaryPhoto } from './subjectAccessHtml.ts'

export type { AuditLine } from './subjectAccessHtml.ts'

export interface SubjectAccessExport {
  zip: Uint8Array
  fileName: string
  counts: { consents: number; photos: number; images: number; uses: number; auditLines: number }
}

function parsed<T>(
  items: unknown[],
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
) {
  return items.flatMap((item) => {
    const one = schema.safeParse(item)
    return one.success && one.data !== undefined ? [one.data] : []
  })
}

/** Replaces other children's ids and names in a text by "another child". */
export function redactorFor(child: ChildWire, others: ChildWire[]): (text: string) => string {
  const own = new Set([child.firstName, child.lastName].map((n) => n.toLowerCase()))
  const ids = others.map((c) => c.id).sort((a, b) => b.length - a.length)
  const names = others
    .flatMap((c) => [`${c.firstName} ${c.lastName}`, c.firstName, c.lastName])
    .filter((n) => n.trim().length > 1 && !own.has(n.toLowerCase()))
    .sort((a, b) => b.length - a.length)
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const idPattern = ids.length === 0 ? null : new RegExp(ids.map(escape).join('|'), 'g')
  const namePattern =
    names.length === 0 ? null : new RegExp(`\\b(?:${names.map(escape).join('|')})\\b`, 'gi')
  // The child's own id is set aside first, so another id that is part of it stays whole.
  const token = '\u0000own\u0000'
  return (text) => {
    let out = text.split(child.id).join(token)
    if (idPattern !== null) out = out.replace(idPattern, 'another child')
    if (namePattern !== null) out = out.replace(namePattern, 'another child')
    return out.split(token).join(child.id)
  }
}

export async function subjectAccessExport(
  services: SyncServices,
  settingId: string,
  childId: string,
  now: string,
): Promise<SubjectAccessExport | null> {
  const { db } = services
  const children = parsed(await listEntities(db, settingId, 'child'), ChildWireSchema)
  const child = children.find((c) => c.id === childId)
  if (child === undefined) return null
  const redact = redactorFor(
    child,
    children.filter((c) => c.id !== childId),
  )
  const consents = parsed<ConsentWire>(
    await listEntities(db, settingId, 'consent'),
    ConsentWireSchema,
  )
    .filter((c) => c.childId === childId)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
  const staff = new Map(
    parsed(await listEntities(db, settingId, 'staff'), StaffWireSchema).map((s) => [s.id, s.name]),
  )
  const rows = (await photosOfChild(db, settingId, childId)).sort((a, b) =>
    a.taken_at.localeCompare(b.taken_at),
  )
  const photoIds = rows.map((r) => r.id)
  const uses = await usesOfPhotos(db, settingId, photoIds)
  const approvals = (await approvalsOfPhotos(db, settingId, photoIds)).filter(
    (a) => a.child_id === childId,
  )
  const audit = await auditAbout(db, settingId, [childId, ...photoIds])
  const files: Zippable = {}
  const photos: SummaryPhoto[] = []
  for (const row of rows) {
    const summary = summaryOf(row, childId, staff, redact)
    const bytes =
      row.erased_at === null && row.stored_at !== null
        ? await services.photos.read(row.checksum)
        : null
    if (bytes !== null) {
      files[`photos/${summary.fileName}`] = [bytes, { level: 0 }]
      summary.image = `photos/${summary.fileName}`
    }
    photos.push(summary)
  }
  const json = (value: unknown) => strToU8(redact(JSON.stringify(value, null, 2)))
  files['consent-records.json'] = json(consents)
  files['photos.json'] = json(photos)
  files['uses.json'] = json({ uses, approvals })
  files['audit.json'] = json(audit)
  const html = subjectAccessHtml({ child, consents, photos, uses, approvals, audit, staff, now })
  files['index.html'] = strToU8(redact(html))
  const day = now.slice(0, 10)
  return {
    zip: zipSync(files),
    fileName: `subject-access-${day}-${childId.slice(0, 8)}.zip`,
    counts: {
      consents: consents.length,
      photos: photos.length,
      images: photos.filter((p) => p.image !== null).length,
      uses: uses.length,
      auditLines: audit.length,
    },
  }
}

function summaryOf(
  row: PhotoRow,
  childId: string,
  staff: ReadonlyMap<string, string>,
  redact: (text: string) => string,
): SummaryPhoto {
  const meta = metaOf(row)
  return {
    id: row.id,
    fileName: `photo-${row.taken_at.slice(0, 10)}-${row.id.slice(0, 8)}.jpg`,
    takenAt: row.taken_at,
    takenBy: staff.get(row.staff_id) ?? row.staff_id,
    otherChildren: meta.childIds.filter((id) => id !== childId).length,
    purposes: purposeList(meta.purposes),
    caption: redact(meta.caption),
    erased:
      row.erased_at === null
        ? null
        : { at: row.erased_at, reason: redact(row.erased_reason ?? ''), cause: row.erased_cause },
    quarantined: row.quarantined_at !== null,
    image: null,
  }
}

async function usesOfPhotos(db: Kysely<Database>, settingId: string, photoIds: string[]) {
  if (photoIds.length === 0) return []
  return db
    .selectFrom('photo_uses')
    .select(['id', 'photo_id', 'purpose', 'action', 'place', 'until_at', 'staff_id', 'used_at'])
    .where('setting_id', '=', settingId)
    .where('photo_id', 'in', photoIds)
    .orderBy('used_at')
    .execute()
}

async function approvalsOfPhotos(db: Kysely<Database>, settingId: string, photoIds: string[]) {
  if (photoIds.length === 0) return []
  return db
    .selectFrom('photo_approvals')
    .select(['id', 'photo_id', 'child_id', 'given_by', 'place', 'until_at', 'recorded_at'])
    .where('setting_id', '=', settingId)
    .where('photo_id', 'in', photoIds)
    .orderBy('recorded_at')
    .execute()
}

/** Every audit line (the server's and the tablets') whose details name one of `ids`. */
async function auditAbout(
  db: Kysely<Database>,
  settingId: string,
  ids: string[],
): Promise<AuditLine[]> {
  const mentions = (details: string) => ids.some((id) => details.includes(id))
  const server = await db
    .selectFrom('server_audit')
    .selectAll()
    .where('setting_id', '=', settingId)
    .execute()
  const tablets = await db
    .selectFrom('device_audit')
    .select(['at', 'device_id', 'staff_id', 'type', 'details'])
    .where('setting_id', '=', settingId)
    .execute()
  const lines: AuditLine[] = [
    ...server
      .filter((r) => mentions(r.details))
      .map((r) => ({
        at: r.at,
        source: 'server' as const,
        deviceId: r.device_id,
        staffId: r.staff_id,
        type: r.type,
        details: JSON.parse(r.details) as unknown,
      })),
    ...tablets
      .filter((r) => mentions(r.details))
      .map((r) => ({
        at: r.at,
        source: 'tablet' as const,
        deviceId: r.device_id,
        staffId: r.staff_id,
        type: r.type,
        details: JSON.parse(r.details) as unknown,
      })),
  ]
  return lines.sort((a, b) => a.at.localeCompare(b.at))
}
