// Runs every worked case of ../shared/policy/scenarios, copied into tests/fixtures, against the
// engine exactly as SCENARIOS.md says they are checked.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateCapture, type CaptureRequest, type PolicyContext } from './index.ts'

interface Scenario {
  name: string
  context: PolicyContext
  request: CaptureRequest
  expect: {
    verdict: string
    rules: string[]
    findings?: Record<string, unknown>[]
    permittedPurposes?: string[]
  }
}

const dir = join(import.meta.dirname, '../../tests/fixtures/policy-scenarios')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()

describe('shared policy scenarios', () => {
  it('has the scenario files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15)
  })

  it.each(files)('%s', (file) => {
    const scenario = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Scenario
    const decision = evaluateCapture(scenario.request, scenario.context)
    expect(decision.verdict).toBe(scenario.expect.verdict)
    expect([...new Set(decision.findings.map((f) => f.rule))].sort()).toEqual(
      [...scenario.expect.rules].sort(),
    )
    for (const wanted of scenario.expect.findings ?? []) {
      expect(decision.findings).toContainEqual(expect.objectContaining(wanted))
    }
    if (scenario.expect.permittedPurposes !== undefined) {
      expect([...decision.permittedPurposes].sort()).toEqual(
        [...scenario.expect.permittedPurposes].sort(),
      )
    }
    for (const finding of decision.findings) expect(finding.message.length).toBeGreaterThan(10)
  })
})
