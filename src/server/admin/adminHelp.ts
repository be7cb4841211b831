/** The admin command's commands, their required flags and the help text. */
export const COMMANDS = {
  'create-setting': {
    required: ['name', 'manager'],
    usage: 'create-setting --name "<setting>" --manager "<manager’s full name>"',
  },
  'add-room': {
    required: ['setting', 'name'],
    usage: 'add-room --setting <setting id> --name "<room>" [--ages "<age range>"]',
  },
  'enrolment-code': { required: ['setting'], usage: 'enrolment-code --setting <setting id>' },
  'reset-pin': { required: ['staff'], usage: 'reset-pin --staff <staff id> [--setting <id>]' },
  devices: { required: ['setting'], usage: 'devices --setting <setting id>' },
  revoke: { required: ['device'], usage: 'revoke --device <tablet id>' },
  backup: { required: ['to'], usage: 'backup --to <new or empty folder>' },
  restore: { required: ['from'], usage: 'restore --from <backup folder>' },
  settings: { required: [], usage: 'settings' },
} as const satisfies Record<string, { required: readonly string[]; usage: string }>

export type CommandName = keyof typeof COMMANDS

export const ADMIN_HELP = `ConsentLens admin: set up and look after a setting's server.

Usage: consentlens-admin <command> [options] [--json]
       (in a checkout: npm run admin -- <command> [options])

It uses the server's own settings: DATA_DIR (default ./data) and DATABASE_URL.

Commands:
  settings                                   List the settings, their staff and ids.
  create-setting --name <name> --manager <full name>
                                             Create your setting and its manager. Prints the
                                             manager's one-time PIN (once): they choose their
                                             own at first sign-in.
  add-room --setting <id> --name <room> [--ages <age range>]
                                             Add a room (tablets receive it at their next
                                             sync; the roster import names children's rooms).
  enrolment-code --setting <id>              A one-time code to enrol a tablet (15 minutes).
  reset-pin --staff <id> [--setting <id>]    A new one-time PIN for someone who forgot theirs.
  devices --setting <id>                     The setting's tablets: last seen, unsent photos.
  revoke --device <id>                       Revoke a lost tablet: it deletes its photos and
                                             records at its next contact.
  backup --to <dir>                          Copy the database (SQLite) and the photos, with
                                             SHA-256 checksums, while the server runs.
  restore --from <dir>                       Restore a backup into an empty DATA_DIR, after
                                             checking every checksum.
  help                                       This text.

Options:
  --json   Answer with one JSON object (for scripts), errors included.

Exit codes: 0 done, 1 refused (the message says why), 2 wrong command line.`
