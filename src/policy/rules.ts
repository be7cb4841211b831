/**
 * Every rule of docs/RULES.md, by its stable id. The ids are the product's
 * vocabulary: findings, the audit log, the UI's explanations and the tests all use them.
 * Order here is the order findings are reported in.
 */
import type { Severity } from './schema.ts'

export const RULE_IDS = [
  'staff-not-authorised',
  'device-not-enrolled',
  'prohibited-location',
  'no-purpose',
  'children-not-identified',
  'consent-missing',
  'consent-refused',
  'consent-withdrawn',
  'consent-expired',
  'consent-giver-lacks-parental-responsibility',
  'injury-recorded',
  'not-fully-dressed',
  'visible-injury',
  'child-unwilling',
  'caption-names-child',
  'one-to-one-with-adult',
  'publicity-needs-photo-approval',
  'consent-data-stale',
] as const

export type RuleId = (typeof RULE_IDS)[number]

export interface RuleInfo {
  /** The severity the rule usually has; consent-data-stale is warn, then block. */
  severity: Severity
  /** The rule in a practitioner's words, for help screens and the audit export. */
  summary: string
}

export const RULES: Record<RuleId, RuleInfo> = {
  'staff-not-authorised': {
    severity: 'block',
    summary: 'Only staff the manager has authorised may take photos.',
  },
  'device-not-enrolled': {
    severity: 'block',
    summary: "Photos may only be taken on the setting's own enrolled devices.",
  },
  'prohibited-location': {
    severity: 'block',
    summary: 'Never in toilets or nappy-changing areas, under any circumstances.',
  },
  'no-purpose': {
    severity: 'block',
    summary: 'Every photo needs a stated purpose.',
  },
  'children-not-identified': {
    severity: 'block',
    summary: 'Tag every child in the photo, or confirm that no child is in it.',
  },
  'consent-missing': {
    severity: 'block',
    summary: 'No consent is on record for this child and purpose.',
  },
  'consent-refused': {
    severity: 'block',
    summary: 'A parent refused consent for this purpose.',
  },
  'consent-withdrawn': {
    severity: 'block',
    summary: 'A parent withdrew consent for this purpose.',
  },
  'consent-expired': {
    severity: 'block',
    summary: 'The consent is past its review date and must be renewed.',
  },
  'consent-giver-lacks-parental-responsibility': {
    severity: 'block',
    summary: 'Consent must come from someone with parental responsibility.',
  },
  'injury-recorded': {
    severity: 'block',
    summary: 'A child with an injury recorded is not photographed until it is cleared.',
  },
  'not-fully-dressed': {
    severity: 'block',
    summary: 'Everyone in the photo must be fully dressed.',
  },
  'visible-injury': {
    severity: 'block',
    summary: 'No one in the photo may have a visible injury.',
  },
  'child-unwilling': {
    severity: 'block',
    summary: "A child's wish not to be photographed is respected.",
  },
  'caption-names-child': {
    severity: 'block',
    summary: "Captions never name children, except in a child's own learning journey.",
  },
  'one-to-one-with-adult': {
    severity: 'reason',
    summary: 'One child alone with an adult needs an agreed, specific reason.',
  },
  'publicity-needs-photo-approval': {
    severity: 'warn',
    summary: 'Publicity photos are held until each parent approves this photo.',
  },
  'consent-data-stale': {
    severity: 'warn',
    summary: 'Consent data on this device is out of date: a withdrawal may not have arrived.',
  },
}
