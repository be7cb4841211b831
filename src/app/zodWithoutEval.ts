// The server's Content-Security-Policy forbids eval (src/server/app.ts). zod compiles its
// parsers with `new Function` unless told not to, and its probe for that is itself reported
// as a CSP violation. Imported first by main.tsx, before any schema parses anything.
import { z } from 'zod'

z.config({ jitless: true })
