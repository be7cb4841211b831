/**
 * Each admin answer in two forms: lines for a person, and a JSON object for a script (the
 * same facts, with the same names as the functions return).
 */
import type { DeviceSummary } from '../../protocol/index.ts'
import type { BackupDone } from '../backup/backupDataDir.ts'
import type { RestoreDone } from '../backup/restoreDataDir.ts'
import type { CreatedSetting, PinReset, SettingSummary } from './settingAdmin.ts'

export interface Described {
  lines: string[]
  json: Record<string, unknown>
}

const PIN_ADVICE =
  'Give it to them in person. They sign in with it on an enrolled tablet, then choose their own PIN.'

export const describe = {
  created: (c: CreatedSetting): Described => ({
    lines: [
      `Created the setting "${c.settingName}".`,
      `  Setting id: ${c.settingId}`,
      `  Manager:    ${c.managerName} (staff id ${c.managerId})`,
      `  One-time PIN for ${c.managerName}: ${c.oneTimePin}`,
      PIN_ADVICE,
      `Next: make a code to enrol the first tablet: enrolment-code --setting ${c.settingId}`,
    ],
    json: { ...c },
  }),
  room: (r: { settingId: string; roomId: string; name: string; ageRange: string }): Described => ({
    lines: [
      `Added the room “${r.name}”${r.ageRange === '' ? '' : ` (${r.ageRange})`}, id ${r.roomId}.`,
      'Tablets receive it at their next sync; the roster import can then put children in it.',
    ],
    json: { ...r },
  }),
  code: (c: { settingId: string; code: string; expiresAt: string }): Described => ({
    lines: [
      `Enrolment code: ${c.code}`,
      `Valid once, until ${c.expiresAt}. On the tablet: This tablet → Setting’s server → type the code.`,
    ],
    json: { ...c },
  }),
  pinReset: (r: PinReset): Described => ({
    lines: [
      `New one-time PIN for ${r.staffName} (staff id ${r.staffId}): ${r.oneTimePin}`,
      `Tablets receive it at their next sync; until then the old PIN still opens them.`,
      PIN_ADVICE,
    ],
    json: { ...r },
  }),
  devices: (d: { settingId: string; devices: DeviceSummary[] }): Described => ({
    lines:
      d.devices.length === 0
        ? ['No tablets are enrolled in this setting yet. Make a code with enrolment-code.']
        : d.devices.map(
            (t) =>
              `${t.id}  ${t.name || '(no name)'}  ${t.revokedAt === null ? 'active' : `revoked ${t.revokedAt}`}  last seen ${t.lastSeenAt ?? 'never'}  unsent photos ${t.unsentPhotos}`,
          ),
    json: { ...d },
  }),
  revoked: (r: {
    deviceId: string
    name: string
    settingId: string
    alreadyRevoked: boolean
  }): Described => ({
    lines: [
      r.alreadyRevoked
        ? `The tablet "${r.name}" (${r.deviceId}) was already revoked.`
        : `Revoked the tablet "${r.name}" (${r.deviceId}).`,
      'The server refuses it from now on; at its next contact it deletes its photos and records.',
      'Photos it had not sent are lost. Reset the PINs of staff who used it (reset-pin --staff <id>).',
    ],
    json: { ...r },
  }),
  settings: (list: SettingSummary[]): Described => ({
    lines:
      list.length === 0
        ? ['No settings yet. Create yours with create-setting --name <name> --manager <full name>.']
        : list.flatMap((s) => [
            `${s.id}  ${s.name}${s.isDemo ? '  (demo: sample data only)' : ''}  ${s.activeDevices} tablet(s)`,
            ...s.staff.map((p) => `    ${p.id}  ${p.name}  ${p.role}${p.active ? '' : ' (left)'}`),
          ]),
    json: { settings: list },
  }),
  backup: (b: BackupDone): Described => ({
    lines: [
      `Backed up to ${b.to}: ${b.database === 'sqlite' ? 'the database, ' : ''}${b.photos} photo(s), ${b.bytes} bytes, with SHA-256 checksums in manifest.json.`,
      ...(b.database === 'postgres'
        ? ['The database is in PostgreSQL: back it up with pg_dump as well (see the README).']
        : []),
    ],
    json: { ...b },
  }),
  restore: (r: RestoreDone): Described => ({
    lines: [
      `Restored into ${r.dataDir}: ${r.database === 'sqlite' ? 'the database and ' : ''}${r.photos} photo(s); every checksum matched.`,
      ...(r.database === 'postgres'
        ? ['The database is in PostgreSQL: restore it with pg_restore (see the README).']
        : []),
      'Start the server with this DATA_DIR.',
    ],
    json: { ...r },
  }),
}
