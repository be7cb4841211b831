/**
 * A child's consent as their page shows it: per purpose the effective status (from the policy
 * engine, as the camera decides) and the stored records behind it, newest first, each marked
 * as the one that counts, another current head (a concurrent edit) or replaced; and the
 * headline answer, the same one the board and the camera give (policy/photoAnswer.ts).
 *
 * Invariant: pure. The policy context drops fields it does not need (form reference,
 * conditions), so the deciding record is looked up again in the stored history by id.
 */
import {
  PURPOSES,
  childPhotoStatus,
  photoAnswer,
  type ChildPhotoStatus,
  type PhotoAnswer,
  type EffectiveConsent,
  type Purpose,
} from '../../../policy/index.ts'
import type { ChildConsentPage, StoredConsent } from '../../../db/index.ts'

export type RecordRole = 'deciding' | 'concurrent' | 'replaced'

export interface HistoryEntry {
  record: StoredConsent
  role: RecordRole
}

export interface PurposeView {
  purpose: Purpose
  effective: EffectiveConsent
  /** The stored record that decides, with its form reference and conditions. */
  deciding: StoredConsent | null
  /** Newest first. */
  history: HistoryEntry[]
}

export interface ChildView {
  status: ChildPhotoStatus
  /** The page's headline: the board's answer, for the same purposes. */
  answer: PhotoAnswer
  purposes: PurposeView[]
}

function historyOf(records: readonly StoredConsent[], decidingId: string | null): HistoryEntry[] {
  const superseded = new Set(records.flatMap((r) => (r.supersedes === null ? [] : [r.supersedes])))
  return [...records].reverse().map((record) => {
    const role: RecordRole =
      record.id === decidingId ? 'deciding' : superseded.has(record.id) ? 'replaced' : 'concurrent'
    return { record, role }
  })
}

/** `purpose`: the one the board was showing; else the setting's default purposes. */
export function buildChildView(page: ChildConsentPage, purpose?: Purpose): ChildView {
  const status = childPhotoStatus(page.context, page.child.id)
  const answer = photoAnswer(status, purpose === undefined ? page.defaultPurposes : [purpose])
  const purposes = PURPOSES.map((purpose): PurposeView => {
    const effective = status.consents[purpose]
    const records = page.history.filter((r) => r.purpose === purpose)
    const decidingId = effective.record?.id ?? null
    return {
      purpose,
      effective,
      deciding: records.find((r) => r.id === decidingId) ?? null,
      history: historyOf(records, decidingId),
    }
  })
  return { status, answer, purposes }
}

/**
 * Who to put in a withdrawal's "asked by" before anyone types: the person with parental
 * responsibility on the records that count now, as that is nearly always who asks.
 */
export function likelyGiver(view: ChildView, purposes: readonly Purpose[]) {
  const givers = view.purposes
    .filter((p) => purposes.includes(p.purpose))
    .flatMap((p) => (p.effective.givenBy === null ? [] : [p.effective.givenBy]))
  return givers.find((g) => g.parentalResponsibility) ?? givers[0] ?? null
}
