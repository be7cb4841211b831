/**
 * `npm run bench`: runs each benchmark, prints each figure on a line, and merges them into
 * bench-results.json (figure name → number) so runs can be compared. Figures are ratios to a
 * baseline measured in the same run where a baseline exists; nothing here asserts a time.
 * `npm run bench -- load` (or any names) runs only those benchmarks.
 */
// Dexie takes IndexedDB when it is first imported: the fake one must be in place before any
// bench's imports bring Dexie in.
import 'fake-indexeddb/auto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { benchApp } from './appBench.ts'
import { benchAudit } from './auditBench.ts'
import { benchCapture } from './captureBench.ts'
import { benchLibrary } from './libraryBench.ts'
import { benchLoad } from './loadBench.ts'
import { benchPolicy } from './policyBench.ts'
import { benchSync } from './syncBench.ts'

type Bench = () => Promise<Record<string, number>> | Record<string, number>

const benches: [string, Bench][] = [
  ['policy', benchPolicy],
  ['capture', benchCapture],
  ['sync', benchSync],
  ['audit', benchAudit],
  ['library', benchLibrary],
  ['load', benchLoad],
  ['app', benchApp],
]
const only = process.argv.slice(2)

const file = 'bench-results.json'
const results: Record<string, number> = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>)
  : {}

for (const [name, bench] of benches) {
  if (only.length > 0 && !only.includes(name)) continue
  const figures = await bench()
  for (const [figure, value] of Object.entries(figures)) {
    console.log(`${figure} ${value}`)
    results[figure] = value
  }
}
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
console.log(`wrote ${file}`)
