// The admin command's entry point: `npm run admin -- <command>` (through tsx) and
// `consentlens-admin <command>` (compiled to dist-server/admin.js, the package's bin).
// See admin/runAdmin.ts and `help`.
import { runAdmin } from './admin/runAdmin.ts'

process.exitCode = await runAdmin(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (text) => {
      process.stdout.write(`${text}\n`)
    },
    err: (text) => {
      process.stderr.write(`${text}\n`)
    },
  },
})
