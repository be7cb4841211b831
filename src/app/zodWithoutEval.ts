// The server's Content-Security-Policy forbids eval (src/server/app.ts). zod compiles its
// parsers with `new Function` unless told not to, and its probe for that is itself reported
// as a CSP violation. Imported first by main.tsx, before any schema parses anything.
//
// zod keeps its settings on `globalThis.__zod_globalConfig` and adopts an object already there
// when it loads (zod/v4/core/core.js), so the switch is set without importing zod: zod is not
// needed to show sign-in, and loads later with the first module that validates.
// Changed in place: zod holds on to the object it found (or made) when it loaded.
const zodGlobal = globalThis as { __zod_globalConfig?: Record<string, unknown> }
zodGlobal.__zod_globalConfig ??= {}
zodGlobal.__zod_globalConfig.jitless = true
