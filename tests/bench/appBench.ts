/**
 * `app`: what a tablet must download and parse before the sign-in screen, read from the built
 * app (`npm run build` first): the entry script of dist/index.html, the chunks it preloads and
 * every chunk those import statically, gzipped. Chunks loaded on demand (`import()`) do not
 * count: they wait for the screen that needs them, or for sign-in to be on screen.
 * `app.initialJsGzipKb`, goal ≤ 150. And `app.coldStartRatio` (appColdStart.ts), goal ≤ 2.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchColdStart } from './appColdStart.ts'

const DIST = 'dist'

/** Static imports of a built chunk, as paths relative to dist/. */
function staticImports(file: string, source: string): string[] {
  const found: string[] = []
  for (const match of source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
    found.push(join(dirname(file), match[1]!))
  return found
}

export async function benchApp(): Promise<Record<string, number>> {
  const initialJsGzipKb = initialJs()
  return { 'app.initialJsGzipKb': initialJsGzipKb, ...(await benchColdStart(resolve(DIST))) }
}

function initialJs(): number {
  const indexFile = join(DIST, 'index.html')
  if (!existsSync(indexFile))
    throw new Error('The app is not built: run `npm run build` first (the app figures read dist/).')
  const html = readFileSync(indexFile, 'utf8')
  const entries = [
    ...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g),
  ].map((m) => m[1]!)
  const seen = new Set<string>()
  const queue = [...entries]
  let gzipBytes = 0
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const source = readFileSync(resolve(DIST, file))
    gzipBytes += gzipSync(source).byteLength
    queue.push(...staticImports(file, source.toString('utf8')))
  }
  console.log(`first load: ${[...seen].join(', ')}`)
  return Math.round(gzipBytes / 102.4) / 10
}
