// Every rule id of docs/RULES.md is cited by at least one test title ("[rule-id] ..."), so a rule
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

// docs/RULES.md is the specification the code cites: its rule ids and the engine's are one list.
it('every rule id of docs/RULES.md is the engine’s, and every engine rule is in docs/RULES.md', () => {
  const spec = readFileSync(join(import.meta.dirname, '../../docs/RULES.md'), 'utf8')
  const cited = new Set([...spec.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]))
  expect([...RULE_IDS].filter((id) => !cited.has(id))).toEqual([])
  const ids: ReadonlySet<string> = new Set(RULE_IDS)
  const unknown = [...cited].filter((id) => id !== undefined && !ids.has(id))
  expect(unknown).toEqual([])
})
