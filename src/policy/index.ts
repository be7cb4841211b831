/**
 * The photo policy: consent model, every rule of docs/RULES.md, the decision. Pure: used by the
 * app and re-run by the server on every upload. No DOM, storage, Node, clock or randomness.
 */
export { evaluateCapture } from './evaluateCapture.ts'
export type { Decision, Finding } from './decision.ts'
export {
  childPhotoStatus,
  effectiveConsent,
  purposeRestrictions,
  roomExclusions,
  type ChildPhotoStatus,
  type ExclusionCode,
  type ExclusionReason,
} from './consentQueries.ts'
export { photoAnswer, type PhotoAnswer } from './photoAnswer.ts'
export type { EffectiveConsent, EffectiveStatus } from './effectiveConsent.ts'
export { reviewDueMs } from './effectiveConsent.ts'
export { addCalendarMonthsMs, dayWords } from './calendar.ts'
export { compileContext } from './compileContext.ts'
export { PolicyInputError, type InputIssue } from './PolicyInputError.ts'
export { RULES, RULE_IDS, type RuleId, type RuleInfo } from './rules.ts'
export {
  decidePhotoUse,
  decidePhotoUses,
  USE_PURPOSES,
  type PhotoApproval,
  type PhotoForUse,
  type PhotoUseDecision,
  type UsePurpose,
  type UseRefusal,
  type UseRefusalCode,
} from './photoUse.ts'
export { PURPOSE_LABELS, purposeLabel, purposeList } from './purposeLabels.ts'
export * from './schema.ts'
export * from './roles.ts'
export {
  afterRightPin,
  afterWrongPin,
  FIRST_LOCKOUT_MINUTES,
  FRESH_LOCKOUT_STATE,
  lockedUntil,
  lockoutEndsAt,
  lockoutMinutes,
  MAX_LOCKOUT_MINUTES,
  MAX_WRONG_PINS,
  type LockoutState,
} from './pinLockout.ts'
