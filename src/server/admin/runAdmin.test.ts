// The admin command's answers, as a person and a script read them: every command in words and
// in --json, and the errors (wrong command line: exit 2; a refusal: exit 1 with what to do).
// A real SQLite data folder in a temporary directory; PIN verifiers with few iterations.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runAdmin } from './runAdmin.ts'

let dataDir: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'consentlens-admin-'))
})
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runAdmin(argv, {
    env: { DATA_DIR: dataDir },
    io: { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) },
    pinIterations: 100_000,
  })
  return { code, out, err }
}

async function adminJson(
  ...argv: string[]
): Promise<{ code: number; body: Record<string, unknown> }> {
  const { code, out, err } = await admin(...argv, '--json')
  expect(err).toBe('')
  return { code, body: JSON.parse(out) as Record<string, unknown> }
}

describe('admin command', () => {
  it('help lists every command; no command at all is a usage error (exit 2)', async () => {
    const help = await admin('help')
    expect(help.code).toBe(0)
    for (const command of [
      'create-setting',
      'enrolment-code',
      'reset-pin',
      'devices',
      'revoke',
      'backup',
      'restore',
      'settings',
    ]) {
      expect(help.out).toContain(command)
    }
    expect((await admin()).code).toBe(2)
    expect((await admin('--help')).code).toBe(0)
  })

  it('create-setting prints the ids and a one-time PIN once, in words and as JSON', async () => {
    const words = await admin(
      'create-setting',
      '--name',
      'Acorns Nursery',
      '--manager',
      'Ada Lovelace',
    )
    expect(words.code).toBe(0)
    expect(words.err).toBe('')
    expect(words.out).toMatch(/Created the setting "Acorns Nursery"/)
    expect(words.out).toMatch(/Setting id: [0-9a-f-]{36}/)
    expect(words.out).toMatch(/Ada Lovelace \(staff id [0-9a-f-]{36}\)/)
    expect(words.out).toMatch(/One-time PIN for Ada Lovelace: \d{6}\n/)

    const json = await adminJson('create-setting', '--name', 'Birch House', '--manager', 'Bo Li')
    expect(json.code).toBe(0)
    expect(json.body).toMatchObject({
      ok: true,
      settingName: 'Birch House',
      managerName: 'Bo Li',
      settingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      managerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      oneTimePin: expect.stringMatching(/^\d{6}$/),
    })

    const list = await adminJson('settings')
    const settings = list.body.settings as {
      name: string
      isDemo: boolean
      staff: { name: string; role: string }[]
    }[]
    expect(settings.map((s) => s.name)).toEqual(['Acorns Nursery', 'Birch House'])
    expect(settings.every((s) => !s.isDemo)).toBe(true)
    expect(settings[1]?.staff).toEqual([
      expect.objectContaining({ name: 'Bo Li', role: 'manager' }),
    ])
    const words2 = await admin('settings')
    expect(words2.out).toContain('Birch House')
    expect(words2.out).toContain('Bo Li  manager')
    expect(words2.out).not.toMatch(/PIN/)
  })

  it('enrolment-code, devices, reset-pin and revoke answer in words and JSON', async () => {
    const created = (await adminJson('create-setting', '--name', 'Acorns', '--manager', 'Ada')).body
    const settingId = created.settingId as string
    const code = await adminJson('enrolment-code', '--setting', settingId)
    expect(code.body).toMatchObject({
      ok: true,
      settingId,
      code: expect.stringMatching(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/),
    })
    expect((await admin('enrolment-code', '--setting', settingId)).out).toMatch(
      /Enrolment code: \S{5}-\S{5}\nValid once, until/,
    )

    expect((await admin('devices', '--setting', settingId)).out).toContain(
      'No tablets are enrolled',
    )
    expect((await adminJson('devices', '--setting', settingId)).body).toEqual({
      ok: true,
      settingId,
      devices: [],
    })

    const reset = await adminJson('reset-pin', '--staff', created.managerId as string)
    expect(reset.body).toMatchObject({
      ok: true,
      settingId,
      staffName: 'Ada',
      oneTimePin: expect.stringMatching(/^\d{6}$/),
    })
    expect((await admin('reset-pin', '--staff', created.managerId as string)).out).toMatch(
      /New one-time PIN for Ada .*: \d{6}/,
    )

    const revoke = await admin('revoke', '--device', 'no-such-tablet')
    expect(revoke.code).toBe(1)
    expect(revoke.err).toMatch(
      /^Error: There is no tablet with the id no-such-tablet\. .*devices --setting/,
    )
  })

  it('add-room adds a room once, in words and JSON', async () => {
    const created = (await adminJson('create-setting', '--name', 'Acorns', '--manager', 'Ada')).body
    const settingId = created.settingId as string
    const words = await admin(
      'add-room',
      '--setting',
      settingId,
      '--name',
      'Caterpillars',
      '--ages',
      '2–3 years',
    )
    expect(words.code).toBe(0)
    expect(words.out).toMatch(/^Added the room “Caterpillars” \(2–3 years\), id [0-9a-f-]{36}\./)
    const json = await adminJson('add-room', '--setting', settingId, '--name', 'Ladybirds')
    expect(json.body).toMatchObject({ ok: true, settingId, name: 'Ladybirds', ageRange: '' })
    const again = await admin('add-room', '--setting', settingId, '--name', 'caterpillars')
    expect(again.code).toBe(1)
    expect(again.err).toContain('already has a room called “caterpillars”')
    expect((await admin('add-room', '--setting', settingId)).code).toBe(2)
  })

  it('refuses what it cannot do, saying what to do next (exit 1), and --json says it as an object', async () => {
    const unknown = await admin('devices', '--setting', 'nope')
    expect(unknown.code).toBe(1)
    expect(unknown.out).toBe('')
    expect(unknown.err).toContain(
      'There is no setting with the id nope. The command “settings” lists them.',
    )
    const json = await adminJson('reset-pin', '--staff', 'nobody')
    expect(json.code).toBe(1)
    expect(json.body).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: expect.stringContaining('No member of staff has the id nobody'),
      },
    })
    const blank = await admin('create-setting', '--name', ' ', '--manager', 'Ada')
    expect(blank.code).toBe(1)
    expect(blank.err).toContain('Give the setting a name')
  })

  it('a wrong command line is exit 2 with the usage, in words or JSON', async () => {
    const missing = await admin('create-setting', '--name', 'Acorns')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('create-setting needs --manager. Usage: create-setting --name')
    const unknown = await admin('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('There is no command "frobnicate".')
    const flag = await adminJson('settings', '--colour', 'red')
    expect(flag.code).toBe(2)
    expect(flag.body).toMatchObject({ ok: false, error: { code: 'usage' } })
    const two = await admin('create-setting', 'Acorns', 'Nursery')
    expect(two.code).toBe(2)
    expect(two.err).toContain('Give one command at a time')
  })

  it('a bad environment is said in words before anything is opened', async () => {
    let err = ''
    const code = await runAdmin(['settings'], {
      env: { DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' },
      io: { out: () => undefined, err: (t) => (err += t) },
    })
    expect(code).toBe(1)
    expect(err).toContain('DATABASE_URL must be a PostgreSQL URL')
  })
})
