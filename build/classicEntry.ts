/**
 * The app's first chunk as a classic script, so that Chromium keeps its compiled code.
 *
 * Chromium (156, measured in traces: docs/decisions/0033) consumes V8's code cache for classic
 * scripts, from a service worker's CacheStorage as from the HTTP cache, but for no module script
 * at all: every cold start compiled the first chunk's functions again on the main thread. A
 * classic script that Workbox puts in its precache during the install event even gets its full
 * code cache made there, before the first offline start. Since sign-in is drawn before IndexedDB
 * answers (0035, 0037), that evaluation is what a cold start waits for: 37 ms less per start in
 * the bench’s own paired runs (docs/decisions/0042).
 *
 * So after Rolldown has written the entry chunk (`index`), this plugin:
 * - emits its code as `assets/first-<hash>.js`, a classic script: the same code in a strict
 *   function (a module's code is strict, and its top-level names must not become globals), with
 *   `import.meta` read from the script's own address, and its exports put on
 *   `globalThis[FIRST_EXPORTS]` where the module's export statement was;
 * - puts that script in index.html where the module script was (`defer`: it runs after the page
 *   is parsed and in document order with the early read's module script, as the module did);
 * - leaves at the entry chunk's address a module that re-exports those values, for the chunks
 *   loaded on demand, which import the first chunk by that address. They load after the first
 *   chunk has run (a classic script runs to its end in one go, and `import()` is asynchronous).
 *
 * Invariants (checked at build time, the build fails otherwise): the entry chunk has no static
 * import, only one export list and no other export; its exported bindings are never written after
 * their declaration (eslint-scope's analysis), so a copy of their values taken at the end of the
 * script is what a live binding would read; the classic script parses as a script. Source maps keep their positions: `import.meta`
 * is replaced by a name of the same length and the wrapper's first line has no mappings.
 */
import { createHash } from 'node:crypto'
import { Script } from 'node:vm'
import { analyze } from 'eslint-scope'
import { parseSync, type Plugin, type Rollup } from 'vite'

/** Where the classic first chunk leaves its exports for the chunks loaded on demand. */
export const FIRST_EXPORTS = '__consentlensFirst'
/** Stands for `import.meta` in the classic script: the same length, so no column moves. */
const META = '__clImpMeta'

type Node = { type: string; start: number; end: number; [key: string]: unknown }

export function classicEntry(entryName: string): Plugin {
  return {
    name: 'consentlens:classic-entry',
    apply: 'build',
    enforce: 'post',
    // After Vite's own generateBundle work (it fills in the preload lists of `import()` calls).
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find(
          (file): file is Rollup.OutputChunk =>
            file.type === 'chunk' && file.isEntry && file.name === entryName,
        )
        const html = bundle['index.html']
        if (entry === undefined || html?.type !== 'asset')
          throw new Error(`classicEntry: the build has no entry chunk "${entryName}" or index.html`)
        const classic = classicScriptOf(entry)
        const fileName = `assets/first-${hashOf(classic.code)}.js`
        this.emitFile({
          type: 'asset',
          fileName,
          source: `${classic.code}\n//# sourceMappingURL=${baseName(fileName)}.map\n`,
        })
        if (entry.map !== null) {
          const map = { ...entry.map, file: baseName(fileName), mappings: `;${entry.map.mappings}` }
          this.emitFile({ type: 'asset', fileName: `${fileName}.map`, source: JSON.stringify(map) })
        }
        entry.code = reExportModule(classic.exported)
        entry.map = null
        html.source = withClassicScript(String(html.source), entry.fileName, fileName)
      },
    },
  }
}

function baseName(fileName: string): string {
  return fileName.slice(fileName.lastIndexOf('/') + 1)
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('base64url').slice(0, 8)
}

export function classicScriptOf(chunk: Pick<Rollup.OutputChunk, 'code' | 'fileName'>): {
  code: string
  exported: string[]
} {
  const code = chunk.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
  const parsed = parseSync(chunk.fileName, code, { sourceType: 'module', lang: 'js' })
  const [error] = parsed.errors
  if (error !== undefined)
    throw new Error(`classicEntry: ${chunk.fileName} does not parse: ${error.message}`)
  const program = parsed.program as unknown as { body: Node[] }
  const exportList = exportListOf(program.body, chunk.fileName)
  const reassigned = reassignedTopLevelNames(program)
  const pairs = (exportList.specifiers as Node[]).map((specifier) => {
    const local = (specifier.local as { name: string }).name
    const exported = (specifier.exported as { name: string }).name
    if (reassigned.has(local))
      throw new Error(
        `classicEntry: ${chunk.fileName} exports "${local}", which is assigned after its declaration: a copy of it could go stale`,
      )
    if (!/^[A-Za-z_$][\w$]*$/.test(exported))
      throw new Error(`classicEntry: ${chunk.fileName} exports "${exported}", not a plain name`)
    return { local, exported }
  })
  let body = code
  for (const meta of metaProperties(program).sort((a, b) => b.start - a.start)) {
    if (body.slice(meta.start, meta.end) !== 'import.meta')
      throw new Error(`classicEntry: ${chunk.fileName}: the parser's offsets do not match the code`)
    body = body.slice(0, meta.start) + META + body.slice(meta.end)
  }
  if (!body.startsWith('export', exportList.start))
    throw new Error(`classicEntry: ${chunk.fileName}: the parser's offsets do not match the code`)
  const exportsObject = pairs.map(({ local, exported }) => `${exported}:${local}`).join(',')
  body =
    body.slice(0, exportList.start) +
    `globalThis.${FIRST_EXPORTS}=Object.freeze({${exportsObject}});` +
    body.slice(exportList.end)
  const classic = `(function(${META}){"use strict";\n${body}})({url:document.currentScript.src});`
  new Script(classic, { filename: chunk.fileName }) // throws if it is not a classic script
  return { code: classic, exported: pairs.map(({ exported }) => exported) }
}

function exportListOf(body: Node[], fileName: string): Node {
  const lists: Node[] = []
  for (const statement of body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.source == null) {
      if (statement.declaration != null)
        throw new Error(`classicEntry: ${fileName} exports a declaration; expected one list`)
      lists.push(statement)
    } else if (/^(Import|Export)/.test(statement.type))
      throw new Error(`classicEntry: ${fileName} has a ${statement.type}; expected none`)
  }
  const [list, ...more] = lists
  if (list === undefined || more.length > 0)
    throw new Error(`classicEntry: ${fileName} has ${String(lists.length)} export lists`)
  return list
}

/** Top-level names written anywhere but in their declaration's initialiser. */
function reassignedTopLevelNames(program: unknown): Set<string> {
  withRanges(program)
  const manager = analyze(program, { ecmaVersion: 2024, sourceType: 'module' })
  const moduleScope = manager.globalScope.childScopes[0]
  const names = new Set<string>()
  for (const variable of moduleScope?.variables ?? [])
    if (variable.references.some((reference) => reference.isWrite() && !reference.init))
      names.add(variable.name)
  return names
}

/** eslint-scope reads `range`; the parser gives `start` and `end`. */
function withRanges(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) withRanges(item)
    return
  }
  if (value === null || typeof value !== 'object') return
  const node = value as Node & { range?: [number, number] }
  if (typeof node.type === 'string' && typeof node.start === 'number')
    node.range = [node.start, node.end]
  for (const [key, child] of Object.entries(node)) if (key !== 'range') withRanges(child)
}

function metaProperties(root: unknown): Node[] {
  const found: Node[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (value === null || typeof value !== 'object') return
    const node = value as Node
    if (node.type === 'MetaProperty' && (node.meta as { name: string }).name === 'import') {
      found.push(node)
      return
    }
    for (const child of Object.values(node)) visit(child)
  }
  visit(root)
  return found
}

/** The module left at the entry chunk's address: the classic script's exports, by name. */
export function reExportModule(exported: string[]): string {
  return (
    `const first=globalThis.${FIRST_EXPORTS};` +
    `if(first===undefined)throw new Error("ConsentLens did not start: reload the page.");` +
    `export const{${exported.join(',')}}=first;\n`
  )
}

function withClassicScript(html: string, moduleFile: string, classicFile: string): string {
  const tag = new RegExp(`<script type="module" crossorigin src="/${escape(moduleFile)}"></script>`)
  if (!tag.test(html))
    throw new Error(`classicEntry: index.html has no module script for ${moduleFile}`)
  return html.replace(tag, `<script defer src="/${classicFile}"></script>`)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
