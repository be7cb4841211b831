/**
 * The readable summary of a subject access ZIP (`index.html`): plain HTML, no script, no
 * remote resource, printable, opened from the unzipped folder (images are relative links).
 *
 * Invariant: it names only the child of the request; another child is "another child" or
 * counted ("and 2 other children").
 */
import { purposeLabel } from '../../policy/index.ts'
import type { ChildWire, ConsentWire } from '../../protocol/index.ts'

/** One audit line about the child, from the server's audit or a tablet's. */
export interface AuditLine {
  at: string
  source: 'server' | 'tablet'
  deviceId: string | null
  staffId: string | null
  type: string
  details: unknown
}

export interface SummaryPhoto {
  id: string
  fileName: string
  takenAt: string
  takenBy: string
  otherChildren: number
  purposes: string
  caption: string
  erased: { at: string; reason: string; cause: string | null } | null
  quarantined: boolean
  /** Its path in the ZIP; null: the server holds no image (erased, or not received). */
  image: string | null
}

interface SummaryInput {
  child: ChildWire
  consents: ConsentWire[]
  photos: SummaryPhoto[]
  uses: {
    photo_id: string
    purpose: string
    action: string
    place: string
    until_at: string | null
    staff_id: string
    used_at: string
  }[]
  approvals: {
    photo_id: string
    given_by: string
    place: string
    until_at: string
    recorded_at: string
  }[]
  audit: AuditLine[]
  staff: ReadonlyMap<string, string>
  now: string
}

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const day = (iso: string | null) => (iso === null ? '—' : esc(iso.slice(0, 10)))
const when = (iso: string) => esc(iso.slice(0, 16).replace('T', ' '))

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p>None.</p>'
  const head = headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

function others(n: number): string {
  if (n === 0) return 'alone'
  return n === 1 ? 'and 1 other child' : `and ${n} other children`
}

export function subjectAccessHtml(input: SummaryInput): string {
  const { child, staff } = input
  const name = esc(`${child.firstName} ${child.lastName}`)
  const who = (id: string) => esc(staff.get(id) ?? id)
  const consentRows = input.consents.map((c) => [
    esc(purposeLabel(c.purpose)),
    esc(c.status),
    esc(`${c.givenBy.name} (${c.givenBy.relationship})`),
    when(c.recordedAt),
    who(c.recordedBy),
    day(c.reviewDue),
    c.supersedes === null ? 'first record' : 'replaces an earlier record',
  ])
  const photoRows = input.photos.map((p) => [
    p.image === null
      ? 'no image held'
      : `<a href="${esc(p.image)}"><img src="${esc(p.image)}" alt="Photo of ${day(p.takenAt)}" width="160"></a>`,
    when(p.takenAt),
    esc(`${child.firstName} ${others(p.otherChildren)}`),
    esc(p.purposes),
    esc(p.caption),
    esc(p.takenBy),
    p.erased === null
      ? p.quarantined
        ? 'held back (quarantined)'
        : 'kept'
      : `erased ${day(p.erased.at)}: ${esc(p.erased.reason)}`,
  ])
  const fileOf = new Map(input.photos.map((p) => [p.id, p.fileName]))
  const useRows = input.uses.map((u) => [
    esc(fileOf.get(u.photo_id) ?? u.photo_id),
    esc(u.purpose),
    esc(u.action),
    esc(u.place),
    day(u.until_at),
    who(u.staff_id),
    when(u.used_at),
  ])
  const approvalRows = input.approvals.map((a) => [
    esc(fileOf.get(a.photo_id) ?? a.photo_id),
    esc((JSON.parse(a.given_by) as { name?: string }).name ?? ''),
    esc(a.place),
    day(a.until_at),
    when(a.recorded_at),
  ])
  const auditRows = input.audit.map((l) => [
    when(l.at),
    esc(l.source),
    esc(l.type),
    l.staffId === null ? '—' : who(l.staffId),
    `<code>${esc(JSON.stringify(l.details))}</code>`,
  ])
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Everything the setting holds about ${name}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #111; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
code { font-size: 12px; word-break: break-all; }
h2 { margin-top: 2rem; break-after: avoid; }
@media print { a { color: inherit; text-decoration: none; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>Everything the setting holds about ${name}</h1>
<p>Made on ${when(input.now)} (UTC) at the request of a parent. Born ${day(child.dateOfBirth)}; ${
    child.leavingDate === null ? 'still attends' : `left on ${day(child.leavingDate)}`
  }.</p>
<p>This folder holds: this summary, every photo of ${esc(child.firstName)} the server still holds (in <code>photos/</code>), and the same facts as data (<code>consent-records.json</code>, <code>photos.json</code>, <code>uses.json</code>, <code>audit.json</code>). Other children in a group photo are not named.</p>
<h2>Consent records (${input.consents.length}), oldest first</h2>
${table(['Purpose', 'Answer', 'Given by', 'Recorded', 'Recorded by', 'Review due', 'History'], consentRows)}
<h2>Photos (${input.photos.length})</h2>
${table(['Image', 'Taken', 'Who is in it', 'Taken for', 'Caption', 'Taken by', 'Now'], photoRows)}
<h2>Uses of these photos (${input.uses.length})</h2>
${table(['Photo', 'Purpose', 'How', 'Where', 'Until', 'By', 'When'], useRows)}
<h2>Approvals given for publicity (${input.approvals.length})</h2>
${table(['Photo', 'Approved by', 'Where', 'Until', 'Recorded'], approvalRows)}
<h2>Audit lines about ${esc(child.firstName)} or these photos (${input.audit.length})</h2>
${table(['When', 'From', 'What', 'Who', 'Details'], auditRows)}
</body>
</html>
`
}
