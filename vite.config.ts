/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin, type Rolldown } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { classicEntry } from './build/classicEntry.ts'

const EARLY_SIGN_IN = fileURLToPath(new URL('./src/earlySignIn.ts', import.meta.url))

/**
 * The early read of sign-in's rows (src/earlySignIn.ts) is an entry of its own, its script put
 * before the app's in index.html: the browser runs it as soon as the page is parsed, while the
 * app's chunk is still arriving, so opening IndexedDB overlaps loading React and Dexie. It
 * shares no module with the app (main.tsx reads its promise from globalThis), so it imports
 * nothing and waits for nothing. The service worker precaches it with every other script.
 */
function earlySignInFirst(): Plugin {
  return {
    name: 'consentlens:early-sign-in-first',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const built = Object.values(ctx.bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.facadeModuleId === EARLY_SIGN_IN,
        )
        if (ctx.bundle !== undefined && built === undefined)
          throw new Error('The build has no chunk for src/earlySignIn.ts')
        const src = built === undefined ? '/src/earlySignIn.ts' : `/${built.fileName}`
        return [{ tag: 'script', attrs: { type: 'module', src }, injectTo: 'head-prepend' }]
      },
    },
  }
}

const DATA_LAYER = fileURLToPath(new URL('./src/app/data/dataLayer.ts', import.meta.url))
const dataLayerModules = new WeakMap<Rolldown.ChunkingContext, Set<string>>()

/**
 * The database's chunk (decision 0037): dataLayer.ts and every module it imports statically
 * that the first chunk does not hold already (Dexie, the schema, the reads the first render
 * makes), in one file, so the service worker answers one request for it, not a dozen. What
 * the screens load on demand stays with them.
 */
function databaseChunk(id: string, ctx: Rolldown.ChunkingContext): string | null {
  let modules = dataLayerModules.get(ctx)
  if (modules === undefined) {
    modules = new Set<string>()
    const queue = [DATA_LAYER]
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (modules.has(next)) continue
      modules.add(next)
      queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []))
    }
    dataLayerModules.set(ctx, modules)
  }
  return modules.has(id) ? 'database' : null
}

const SIDE_EFFECT_FREE =
  /[\\/]src[\\/](db|sync|capture|protocol|policy|audit|demo|model)[\\/](?:(?!\.worker\.)[^?])*\.ts$/

// The app shell is precached by a Workbox service worker. We register it ourselves with
// workbox-window (src/app/pwa) so that an update is only applied when a person says so:
// skipWaiting stays off, and clientsClaim is on so the very first visit is controlled.
export default defineConfig({
  plugins: [
    earlySignInFirst(),
    // The first chunk runs as a classic script: Chromium keeps compiled code for those only.
    classicEntry('index'),
    react(),
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'ConsentLens',
        short_name: 'ConsentLens',
        lang: 'en-GB',
        dir: 'ltr',
        description:
          "Take children's photos only with their parents' consent and the setting's policy.",
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f7f5ef',
        theme_color: '#1f5f5b',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        earlySignIn: EARLY_SIGN_IN,
      },
      // The data layers (db, sync, capture) and the pure folders run nothing at import: each
      // module only declares. Saying so lets the bundler place a module by who uses it rather
      // than by who imports its folder's index, so a barrel import from the sign-in screen does
      // not drag the roster's CSV parser or the sync engine into the first chunk.
      treeshake: { moduleSideEffects: (id) => !SIDE_EFFECT_FREE.test(id) },
      output: {
        codeSplitting: {
          groups: [
            // zod in one chunk of its own, loaded with the first module that validates (the
            // switch that keeps it from probing for eval, src/app/zodWithoutEval.ts, is set on
            // globalThis by main.tsx before any chunk with zod loads).
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // Everything sign-in needs in one file: through the service worker each file is a
            // round trip to its thread, and the first load was two dozen small shared chunks.
            // main.tsx has no top-level await: chunks loaded on demand import this one, and would
            // wait for it to finish while it waited for them.
            // Not the early read's entry (earlySignInFirst): it must import nothing.
            {
              name: 'first',
              tags: ['$initial'],
              test: (id: string) =>
                id !== EARLY_SIGN_IN &&
                !/[\\/]src[\\/]db[\\/](earlySignInRows|latestVersion)\.ts$/.test(id),
            },
            // What the first chunk does not hold of the database's chunk (the first group
            // above has taken the rest).
            { name: databaseChunk },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.{ts,tsx}',
            'tests/integration/**/*.test.{ts,tsx}',
            'tests/support/**/*.test.ts',
            'tests/architecture/**/*.test.ts',
            'build/**/*.test.ts',
          ],
          environment: 'node',
          setupFiles: ['tests/setup/unit.ts'],
          // Budgets for a shared, busy 2-core machine: PBKDF2, PDF pages and spawned servers
          // are slow by nature there. A test waits for states, never for times, so a generous
          // budget hides no bug; it only stops a loaded CI run failing on 5 s.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Speed on 2 cores (npm test's goal is under 150 s): vitest's default is one worker
          // fewer than the cores, i.e. one here, so half the machine sat idle. And a fresh
          // module graph per file (isolation) cost more than the tests themselves: each file
          // imported React, Dexie, Fastify and zod again. Files share a worker's modules
          // instead, so no test may rely on module state another file left: each test opens
          // its own Dexie database, restores fake timers and stubbed globals in afterEach, and
          // tests/setup/unit.ts unmounts what it rendered and resets the app's global stores.
          maxWorkers: 2,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Two files at a time, each with its own server, port and data folder (and a fresh
          // browser context, i.e. a fresh tablet, per test or per file). Without per-file
          // isolation a worker keeps its modules and its Chromium (support/chromium.ts
          // sharedChromium) from file to file instead of importing and launching them again.
          fileParallelism: true,
          maxWorkers: 2,
          isolate: false,
        },
      },
      {
        // The core flows in WebKit (npm run test:webkit; .ci/webkit.sh in CI). One browser at a
        // time: MiniBrowser and WebKit's processes are heavy on a 2-core machine.
        extends: true,
        test: {
          name: 'webkit',
          include: ['tests/webkit/**/*.webkit.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
