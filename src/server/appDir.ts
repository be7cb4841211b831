/**
 * Where the built app (Vite's dist/) is, for the source server (src/server/start.ts, run by
 * tsx in development) and the compiled one (dist-server/start.js, `npm run serve`) alike: the
 * `dist` folder beside the nearest package.json above the running module. A production
 * install is that package.json with dist/ and dist-server/ beside it (see the Dockerfile).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function appDirFor(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist')
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(moduleUrl)}.`)
    dir = parent
  }
}
