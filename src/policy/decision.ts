/**
 * What the engine answers: its findings and its verdict. Apart from `evaluateCapture` so that
 * the words for a finding (findingMessage.ts) and the decision share the shape without a circle.
 */
import type { RuleId } from './rules.ts'
import type { Purpose, Severity, Verdict } from './schema.ts'

export interface Finding {
  rule: RuleId
  severity: Severity
  childId?: string
  purpose?: Purpose
  message: string
}

export interface Decision {
  verdict: Verdict
  findings: Finding[]
  permittedPurposes: Purpose[]
}
