/**
 * The admin command line (`npm run admin -- <command>`, `consentlens-admin <command>` in a
 * production install): parses the arguments, opens the same storage as the server (DATA_DIR,
 * DATABASE_URL), runs one command and prints its answer, in words or, with --json, as one
 * JSON object for scripts. Returns the exit code: 0 done, 1 refused (the words say why and
 * what to do), 2 the command line itself is wrong.
 *
 * Invariants:
 * - A one-time PIN is printed here, once, to this command's stdout; never to a log.
 * - Errors go to stderr in words (or, with --json, to stdout as `{ ok: false, error }`).
 */
import { parseArgs } from 'node:util'
import { readServerConfig, type ServerConfig } from '../config.ts'
import { openStorage } from '../openStorage.ts'
import { backupDataDir } from '../backup/backupDataDir.ts'
import { runRetention } from '../retention/runRetention.ts'
import { restoreDataDir } from '../backup/restoreDataDir.ts'
import { adminDevices, adminEnrolmentCode, adminRevoke, NO_SETTING } from './deviceAdmin.ts'
import { describe, type Described } from './describe.ts'
import { ADMIN_HELP, COMMANDS, type CommandName } from './adminHelp.ts'
import {
  addRoom,
  createSetting,
  fail,
  listSettings,
  settingExists,
  resetPin,
  type AdminContext,
  type AdminError,
  type AdminResult,
} from './settingAdmin.ts'

export interface AdminIo {
  out: (text: string) => void
  err: (text: string) => void
}

export interface AdminOptions {
  env: Record<string, string | undefined>
  io: AdminIo
  now?: () => Date
  pinIterations?: number
}

type Flags = Partial<
  Record<'name' | 'manager' | 'setting' | 'staff' | 'device' | 'to' | 'from' | 'ages', string>
>

export async function runAdmin(argv: string[], options: AdminOptions): Promise<number> {
  const { io } = options
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    return usage(
      io,
      argv.includes('--json'),
      error instanceof Error ? error.message : String(error),
    )
  }
  const { command, flags, json } = parsed
  if (command === undefined || command === 'help' || parsed.help) {
    io.out(ADMIN_HELP)
    return command === undefined && !parsed.help ? 2 : 0
  }
  if (!isCommand(command)) {
    return usage(io, json, `There is no command "${command}".`)
  }
  const missing = COMMANDS[command].required.filter((f) => flags[f] === undefined)
  if (missing.length > 0) {
    const list = missing.map((f) => `--${f}`).join(' and ')
    return usage(io, json, `${command} needs ${list}. Usage: ${COMMANDS[command].usage}`)
  }
  const config = readServerConfig(options.env)
  if (!config.ok)
    return report(io, json, { ok: false, error: { code: 'invalid', message: config.error } })
  const result = await run(command, flags, config.value, options)
  return report(io, json, result)
}

async function run(
  command: CommandName,
  flags: Flags,
  config: ServerConfig,
  options: AdminOptions,
): Promise<AdminResult<Described>> {
  const now = options.now ?? (() => new Date())
  const need = (flag: keyof Flags): string => flags[flag] ?? ''
  if (command === 'restore') {
    const done = await restoreDataDir({
      from: need('from'),
      dataDir: config.dataDir,
      database: config.database,
    })
    return done.ok ? { ok: true, value: describe.restore(done.value) } : done
  }
  const storage = await openStorage({ ...config, thumbnailRetentionHours: null, now })
  const ctx: AdminContext = {
    db: storage.services.db,
    now,
    ...(options.pinIterations === undefined ? {} : { pinIterations: options.pinIterations }),
  }
  try {
    switch (command) {
      case 'create-setting':
        return map(
          await createSetting(ctx, { name: need('name'), manager: need('manager') }),
          describe.created,
        )
      case 'add-room':
        return map(
          await addRoom(ctx, { settingId: need('setting'), name: need('name'), ages: flags.ages }),
          describe.room,
        )
      case 'enrolment-code':
        return map(await adminEnrolmentCode(ctx, need('setting')), describe.code)
      case 'reset-pin':
        return map(
          await resetPin(ctx, { staffId: need('staff'), settingId: flags.setting }),
          describe.pinReset,
        )
      case 'devices':
        return map(await adminDevices(ctx, need('setting')), describe.devices)
      case 'revoke':
        return map(await adminRevoke(ctx, need('device')), describe.revoked)
      case 'settings':
        return { ok: true, value: describe.settings(await listSettings(ctx)) }
      case 'retention-run':
        if (flags.setting !== undefined && !(await settingExists(ctx, flags.setting))) {
          return fail('not_found', NO_SETTING(flags.setting))
        }
        return {
          ok: true,
          value: describe.retention(await runRetention(storage.services, flags.setting)),
        }
      case 'backup': {
        // The database stays open meanwhile: a backup is made while the server runs anyway.
        const done = await backupDataDir({
          database: config.database,
          photoDir: config.photoDir,
          to: need('to'),
          now: now(),
        })
        return map(done, describe.backup)
      }
    }
  } finally {
    await storage.close()
  }
}

function map<T>(result: AdminResult<T>, as: (value: T) => Described): AdminResult<Described> {
  return result.ok ? { ok: true, value: as(result.value) } : result
}

function report(io: AdminIo, json: boolean, result: AdminResult<Described>): number {
  if (json) {
    io.out(
      JSON.stringify(
        result.ok ? { ok: true, ...result.value.json } : { ok: false, error: result.error },
        null,
        2,
      ),
    )
  } else if (result.ok) {
    io.out(result.value.lines.join('\n'))
  } else {
    io.err(`Error: ${result.error.message}`)
  }
  return result.ok ? 0 : 1
}

function usage(io: AdminIo, json: boolean, message: string): number {
  const error: AdminError & { code: string } = { code: 'invalid', message }
  if (json) io.out(JSON.stringify({ ok: false, error: { ...error, code: 'usage' } }, null, 2))
  else io.err(`Error: ${message}\nRun "help" to see every command.`)
  return 2
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name)
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      manager: { type: 'string' },
      setting: { type: 'string' },
      staff: { type: 'string' },
      device: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      ages: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (positionals.length > 1) {
    throw new Error(
      `Give one command at a time; got "${positionals.join(' ')}". Quote names with spaces.`,
    )
  }
  const { json, help, ...rest } = values
  const flags: Flags = rest
  return { command: positionals[0], flags, json, help }
}
