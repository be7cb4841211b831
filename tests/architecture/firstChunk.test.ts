/**
 * The first load (index.html's scripts and every chunk they import statically) holds React, the
 * app shell and sign-in's drawing, but not Dexie nor the data layer: sign-in is drawn from its
 * snapshot (decision 0035) while the database's chunk arrives behind it (decision 0037). One
 * value import of the database from a module of the first render drags Dexie back in; this
 * builds the app as `npm run build` does and says which module did.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build, type Rolldown } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const outDir = mkdtempSync(join(tmpdir(), 'consentlens-first-chunk-'))

type Chunk = Rolldown.OutputChunk
let chunks: Map<string, Chunk>
let firstLoad: Chunk[]

/** The chunks index.html loads, and every chunk they import statically. */
function staticallyLoaded(entries: readonly Chunk[]): Chunk[] {
  const seen = new Map<string, Chunk>()
  const queue = [...entries]
  for (let chunk = queue.pop(); chunk !== undefined; chunk = queue.pop()) {
    if (seen.has(chunk.fileName)) continue
    seen.set(chunk.fileName, chunk)
    for (const file of chunk.imports) {
      const imported = chunks.get(file)
      if (imported !== undefined) queue.push(imported)
    }
  }
  return [...seen.values()]
}

/** As `npm run build` builds it: vitest's NODE_ENV ('test') would make a development build. */
async function buildForProduction(): Promise<Awaited<ReturnType<typeof build>>> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    return await build({
      root,
      configFile: resolve(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}

beforeAll(async () => {
  const output = await buildForProduction()
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[]
  chunks = new Map(
    outputs
      .flatMap((o) => o.output)
      .filter((file): file is Chunk => file.type === 'chunk')
      .map((chunk) => [chunk.fileName, chunk]),
  )
  firstLoad = staticallyLoaded([...chunks.values()].filter((chunk) => chunk.isEntry))
}, 180_000)

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true })
})

function modulesOf(loaded: readonly Chunk[], pattern: RegExp): string[] {
  return loaded.flatMap((chunk) => chunk.moduleIds.filter((id) => pattern.test(id)))
}

describe('the first load', () => {
  it('holds React and sign-in', () => {
    expect(modulesOf(firstLoad, /[\\/]react-dom[\\/]cjs[\\/].*production/)).not.toEqual([])
    expect(modulesOf(firstLoad, /[\\/]src[\\/]app[\\/]screens[\\/]sign-in[\\/]/)).not.toEqual([])
  })

  it('holds neither Dexie nor the database layer (they arrive after the first render)', () => {
    // Of src/db, only what the first render reads without Dexie: the snapshot, the version it
    // is tagged with, and the probe (with its words) of whether this browser keeps photos.
    const database =
      /[\\/]node_modules[\\/]dexie(-react-hooks)?[\\/]|[\\/]src[\\/]db[\\/](?!(signInSnapshot|latestVersion|earlySignInRows|blobStorage|storageFailure)\.ts$)/
    expect(modulesOf(firstLoad, database)).toEqual([])
    const code = firstLoad.map((chunk) => chunk.code).join('\n')
    expect(code).not.toMatch(/\bDexie\b/)
  })

  it('leaves the database chunk to be loaded, and precached, as a chunk of its own', () => {
    const dexie = [...chunks.values()].filter(
      (chunk) => modulesOf([chunk], /[\\/]node_modules[\\/]dexie[\\/]/).length > 0,
    )
    expect(dexie).toHaveLength(1)
    const [database] = dexie
    expect(firstLoad).not.toContain(database)
    // An offline start finds it: the service worker precaches it with every other chunk.
    expect(readFileSync(join(outDir, 'sw.js'), 'utf8')).toContain(database?.fileName)
    // One file: the data layer and what it imports, not the folders' other modules (an index
    // imported in there would bring them: see vite.config.ts, databaseChunk).
    const layer = [...chunks.values()].filter((chunk) =>
      chunk.moduleIds.some((id) => id.endsWith('/src/app/data/dataLayer.ts')),
    )
    expect(layer).toEqual([database])
    expect(database?.imports.filter((file) => !firstLoad.some((c) => c.fileName === file))).toEqual(
      [],
    )
    expect(
      modulesOf([database!], /[\\/](papaparse|pdf-lib|@noble[\\/]curves|zod)[\\/]|syncEngine/),
    ).toEqual([])
  })
})
