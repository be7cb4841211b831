/**
 * Finds import cycles among the modules of src/, with the TypeScript compiler's own resolution
 * (so path rules are the ones tsc and Vite use). Every import counts, `import type` included: a
 * type-only circle still ties two modules' designs together, and it is how a cycle starts.
 *
 * Invariant: a cycle is reported as the list of files walked, first file repeated at the end,
 * relative to the repository root, so the printout names exactly the imports to break.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'

export type ImportGraph = ReadonlyMap<string, readonly string[]>

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Module → the modules of `srcDir` it imports (or re-exports), as absolute paths. */
export function importGraph(srcDir: string, tsconfigPath: string): ImportGraph {
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (config === undefined) throw new Error(`Cannot read ${tsconfigPath}`)
  const root = resolve(srcDir)
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = new Set<string>()
    for (const ref of info.importedFiles) {
      const resolved = ts.resolveModuleName(ref.fileName, file, config.options, ts.sys)
        .resolvedModule?.resolvedFileName
      if (resolved !== undefined && resolved.startsWith(root) && !resolved.endsWith('.d.ts')) {
        targets.add(resolve(resolved))
      }
    }
    graph.set(file, [...targets].sort())
  }
  return graph
}

/**
 * Every strongly connected group of more than one module (or a module importing itself), each
 * shown as one concrete circle through it (Tarjan's algorithm, then a walk inside the group)
 * and the group's other members.
 */
export interface Cycle {
  /** One concrete circle, its first module repeated at the end. */
  circle: string[]
  /** The other modules of the same knot (tied into circles through these), so none is missed. */
  alsoTied: string[]
}

export function findCycles(graph: ImportGraph): Cycle[] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []

  function connect(node: string): void {
    index.set(node, counter)
    low.set(node, counter)
    counter += 1
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!))
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = []
      let member: string | undefined
      do {
        member = stack.pop()!
        onStack.delete(member)
        group.push(member)
      } while (member !== node)
      const selfLoop = (graph.get(node) ?? []).includes(node)
      if (group.length > 1 || selfLoop) groups.push(group)
    }
  }
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node)
  return groups.map((group) => {
    const circle = circleWithin(graph, new Set(group))
    return { circle, alsoTied: group.filter((file) => !circle.includes(file)).sort() }
  })
}

/** A shortest circle from the group's first module (by name) back to itself. */
function circleWithin(graph: ImportGraph, group: ReadonlySet<string>): string[] {
  const start = [...group].sort()[0]!
  const cameFrom = new Map<string, string>()
  const queue = [start]
  while (queue.length > 0) {
    const node = queue.shift()!
    for (const next of graph.get(node) ?? []) {
      if (!group.has(next)) continue
      if (next === start) {
        const path = [node]
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!)
        return [...path, start]
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node)
        queue.push(next)
      }
    }
  }
  return [start, start]
}

/**
 * The folders of `srcDir` (its top level: policy, db, app …) and which import which, from the
 * code only: a test may wire folders together, so `*.test.ts(x)` files are left out.
 */
export function folderGraph(graph: ImportGraph, srcDir: string): ImportGraph {
  const root = resolve(srcDir)
  const folderOf = (file: string): string => join(root, relative(root, file).split(/[\\/]/)[0]!)
  const folders = new Map<string, Set<string>>()
  for (const [file, targets] of graph) {
    if (/\.test\.tsx?$/.test(file)) continue
    const from = folderOf(file)
    const edges = folders.get(from) ?? new Set<string>()
    folders.set(from, edges)
    for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target))
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges].sort()]))
}

export function describeCycles(cycles: readonly Cycle[], rootDir: string): string {
  const name = (file: string): string => relative(rootDir, file)
  return cycles
    .map(({ circle, alsoTied }, i) => {
      const also = alsoTied.length === 0 ? '' : ` (also tied in: ${alsoTied.map(name).join(', ')})`
      return `cycle ${i + 1}: ${circle.map(name).join(' → ')}${also}`
    })
    .join('\n')
}
