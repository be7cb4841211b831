/**
 * Whether a stored photo may be used for a purpose now (docs/RULES.md "After capture"): the same
 * consent model that decides a capture, asked again at the moment of use, because a parent may
 * have withdrawn since the shutter.
 *
 * Invariants:
 * - Deny unless every condition holds; every reason is reported, not just the first.
 * - The photo must have been taken for the purpose (a use never widens what it was taken for).
 * - Every child in it needs valid consent for the purpose *now* (`consent-missing`,
 *   `consent-refused`, `consent-withdrawn`, `consent-expired`,
 *   `consent-giver-lacks-parental-responsibility`); for a learning journey with two or more
 *   children, every child also needs `group_photo`, as at capture.
 * - `publicity` also needs, for every child, an approval of this very photo by someone with
 *   parental responsibility that still runs, and runs at least as long as the use being
 *   recorded (`publicity-needs-photo-approval`): until then the photo is held.
 * - A quarantined or erased photo is never used, whatever its consents.
 */
import { toMs } from './calendar.ts'
import { effectiveConsent } from './consentQueries.ts'
import { purposeLabel } from './purposeLabels.ts'
import type { RuleId } from './rules.ts'
import type { GivenBy, Iso, PolicyContext, Purpose } from './schema.ts'

/** Purposes a photo can be used for; `group_photo` is a consent, never a use of its own. */
export const USE_PURPOSES = [
  'learning_journey',
  'display',
  'website',
  'social_parents',
  'social_public',
  'publicity',
] as const satisfies readonly Purpose[]
export type UsePurpose = (typeof USE_PURPOSES)[number]

export interface PhotoForUse {
  id: string
  childIds: readonly string[]
  purposes: readonly Purpose[]
  quarantined: boolean
  erased: boolean
}

/** A parent's approval of one publicity photo: who, where it may appear, until when. */
export interface PhotoApproval {
  photoId: string
  childId: string
  givenBy: GivenBy
  place: string
  until: Iso
}

export type UseRefusalCode = RuleId | 'not-taken-for-purpose' | 'photo-quarantined' | 'photo-erased'

export interface UseRefusal {
  code: UseRefusalCode
  childId: string | null
  /** The consent record's time, for a withdrawal or refusal ("withdrawn since …"). */
  since: Iso | null
  message: string
}

export interface PhotoUseDecision {
  purpose: Purpose
  allowed: boolean
  reasons: UseRefusal[]
}

function refusal(code: UseRefusalCode, message: string, childId: string | null = null) {
  return { code, childId, since: null, message }
}

/**
 * The decision for one photo and purpose at `at` (default `context.now`). A caller deciding
 * many photos at one moment passes one context and `at`, so the context is compiled once.
 */
export function decidePhotoUse(
  context: PolicyContext,
  photo: PhotoForUse,
  purpose: Purpose,
  approvals: readonly PhotoApproval[],
  at: Iso = context.now,
  /** For a use being recorded: until when it runs; an approval must run at least as long. */
  useUntil: Iso | null = null,
): PhotoUseDecision {
  const what = purposeLabel(purpose)
  const reasons: UseRefusal[] = []
  if (photo.erased) reasons.push(refusal('photo-erased', 'This photo has been deleted.'))
  if (photo.quarantined) {
    const message = 'The server quarantined this photo: it is never used. Ask the manager.'
    reasons.push(refusal('photo-quarantined', message))
  }
  if (!photo.purposes.includes(purpose)) {
    const message = `This photo was not taken for ${what}, so it cannot be used for it.`
    reasons.push(refusal('not-taken-for-purpose', message))
  }
  const children = [...new Set(photo.childIds)]
  const needed: Purpose[] =
    purpose === 'learning_journey' && children.length >= 2 ? [purpose, 'group_photo'] : [purpose]
  for (const childId of children) {
    for (const p of needed) {
      const consent = effectiveConsent(context, childId, p, at)
      if (consent.valid || consent.rule === null) continue
      const since =
        consent.status === 'withdrawn' || consent.status === 'refused'
          ? (consent.record?.recordedAt ?? null)
          : null
      reasons.push({ code: consent.rule, childId, since, message: consent.reason })
    }
  }
  if (purpose === 'publicity') reasons.push(...missingApprovals(photo, approvals, at, useUntil))
  return { purpose, allowed: reasons.length === 0, reasons }
}

/** One refusal per child without a running approval of this photo by a parent. */
function missingApprovals(
  photo: PhotoForUse,
  approvals: readonly PhotoApproval[],
  at: Iso,
  useUntil: Iso | null,
): UseRefusal[] {
  const nowMs = toMs(at)
  const untilMs = useUntil === null ? nowMs : toMs(useUntil)
  return [...new Set(photo.childIds)].flatMap((childId) => {
    const running = approvals.filter(
      (a) =>
        a.photoId === photo.id &&
        a.childId === childId &&
        a.givenBy.parentalResponsibility &&
        nowMs < toMs(a.until),
    )
    if (running.some((a) => untilMs <= toMs(a.until))) return []
    const latest = running
      .map((a) => a.until)
      .sort()
      .at(-1)
    const message =
      latest === undefined
        ? 'Held for publicity: a parent has not approved this photo yet (show it to them and record where and until when).'
        : `The parent approved this photo for publicity until ${latest.slice(0, 10)} only: choose an earlier end, or ask them again.`
    return [refusal('publicity-needs-photo-approval', message, childId)]
  })
}

/** The decision for every use purpose, in USE_PURPOSES order. */
export function decidePhotoUses(
  context: PolicyContext,
  photo: PhotoForUse,
  approvals: readonly PhotoApproval[],
  at: Iso = context.now,
): PhotoUseDecision[] {
  return USE_PURPOSES.map((purpose) => decidePhotoUse(context, photo, purpose, approvals, at))
}
