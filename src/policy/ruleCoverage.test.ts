// Every rule id of RULES.md is cited by at least one test title ("[rule-id] ..."), so a rule
// cannot be added to the catalogue without a test that pins it down.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { RULE_IDS } from './index.ts'

it('every rule id is cited by a test', () => {
  const dir = import.meta.dirname
  const text = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== 'ruleCoverage.test.ts')
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n')
  const uncited = RULE_IDS.filter((id) => !text.includes(`[${id}]`))
  expect(uncited).toEqual([])
})
