/**
 * No import cycles in src/: a cycle means two modules cannot be understood,
 * tested or moved apart; a circle of folders means a layer of STYLE.md leans on an outer one.
 * On failure the message prints each circle, file by file (or folder by folder).
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeCycles, findCycles, folderGraph, importGraph } from '../support/importCycles.ts'

const root = resolve(import.meta.dirname, '../..')

describe('import cycles', () => {
  it('finds a circle and names its files in order', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts']],
      ['/r/b.ts', ['/r/c.ts']],
      ['/r/c.ts', ['/r/a.ts', '/r/d.ts']],
      ['/r/d.ts', []],
    ])
    const cycles = findCycles(graph)
    expect(describeCycles(cycles, '/r')).toBe('cycle 1: a.ts → b.ts → c.ts → a.ts')
  })

  it('names every file of a knot, beyond the circle it prints', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts', '/r/c.ts']],
      ['/r/b.ts', ['/r/a.ts']],
      ['/r/c.ts', ['/r/a.ts']],
      ['/r/self.ts', ['/r/self.ts']],
    ])
    expect(describeCycles(findCycles(graph), '/r').split('\n').sort()).toEqual([
      'cycle 1: a.ts → b.ts → a.ts (also tied in: c.ts)',
      'cycle 2: self.ts → self.ts',
    ])
  })

  it('finds none in a tree', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts', '/r/c.ts']],
      ['/r/b.ts', ['/r/c.ts']],
      ['/r/c.ts', []],
    ])
    expect(findCycles(graph)).toEqual([])
  })

  // One graph for both checks: reading src/ with the compiler takes seconds on a busy machine.
  const src = resolve(root, 'src')
  const graph = importGraph(src, resolve(root, 'tsconfig.json'))

  it('src/ has none between files', () => {
    const report = describeCycles(findCycles(graph), root)
    if (report !== '') console.error(`Import cycles in src/:\n${report}`)
    expect(report, 'Import cycles in src/ (break each circle shown)').toBe('')
  })

  it('src/ has none between folders (tests aside)', () => {
    const report = describeCycles(findCycles(folderGraph(graph, src)), root)
    if (report !== '') console.error(`Import cycles between folders of src/:\n${report}`)
    expect(report, 'Folders of src/ that import each other (break each circle shown)').toBe('')
  })
})
