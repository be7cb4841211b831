/**
 * The current state of a child's consents, read through the policy's own `effectiveConsent`,
 * so that what a repository supersedes is exactly what the screens show as current.
 *
 * Choice of `supersedes` when there are several heads (concurrent edits from two devices):
 * a record has one `supersedes`, so a new record names the DECIDING head, the one the policy
 * reports as current (the most restrictive, then the latest). That is the record the person
 * saw on screen and is answering. The other heads stay heads; because the deciding head is the
 * most restrictive, leaving them can only keep a restriction in force, never let a stale grant
 * through. Recording again supersedes the next one, so k concurrent heads resolve after at
 * most k recordings; `recordConsent` reports the purposes that still have several heads.
 */
import {
  effectiveConsent,
  type EffectiveConsent,
  type Iso,
  type PolicyContext,
  type Purpose,
} from '../policy/index.ts'
import type { StoredConsent } from '../model/records.ts'

/** A context with nothing but consents: enough for the consent queries of the policy. */
export function consentOnlyContext(consents: readonly StoredConsent[], now: Iso): PolicyContext {
  return {
    now,
    consentDataSyncedAt: now,
    staff: [],
    devices: [],
    locations: [],
    children: [],
    consents: [...consents],
  }
}

/** Effective consent of each purpose asked, for one child, at `now`. */
export function currentConsents(
  consents: readonly StoredConsent[],
  childId: string,
  purposes: readonly Purpose[],
  now: Iso,
): Map<Purpose, EffectiveConsent> {
  const context = consentOnlyContext(consents, now)
  return new Map(purposes.map((p) => [p, effectiveConsent(context, childId, p)]))
}
