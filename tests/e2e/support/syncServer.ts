// The real ConsentLens server in-process for e2e: its own SQLite and photo folder in a temp
// DATA_DIR, the demo setting seeded as `npm start` seeds it, serving the build under test
// (E2E_DIST_DIR) and the sync API on one random local port, as a setting's server does.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_SETTING_ID } from '../../../src/demo/index.ts'
import { buildServer } from '../../../src/server/app.ts'
import { createEnrolmentCode } from '../../../src/server/devices/enrolment.ts'
import { openStorage } from '../../../src/server/openStorage.ts'
import { seedDemoSetting } from '../../../src/server/seedDemoSetting.ts'
import type { SyncServices } from '../../../src/server/services.ts'
import { DIST_DIR, listenLocally } from './appServer.ts'
import { demoPinVerifier } from '../../support/testSigners.ts'

export interface SyncServer {
  url: string
  services: SyncServices
  /** Its DATA_DIR, for the admin command. */
  dataDir: string
  /** A fresh one-time code for the demo setting, as `npm start` prints one. */
  enrolmentCode: () => Promise<string>
  close: () => Promise<void>
}

export async function startSyncServer(distDir: string = DIST_DIR): Promise<SyncServer> {
  if (!existsSync(join(distDir, 'sw.js'))) throw new Error(`No production build in ${distDir}`)
  const dataDir = mkdtempSync(join(tmpdir(), 'consentlens-e2e-data-'))
  const storage = await openStorage({
    database: { kind: 'sqlite', file: join(dataDir, 'consentlens.sqlite') },
    photoDir: join(dataDir, 'photos'),
    thumbnailRetentionHours: null,
    now: () => new Date(),
  })
  const { services } = storage
  await seedDemoSetting(services.db, services.now(), demoPinVerifier)
  const app = buildServer({ distDir, sync: services })
  app.addHook('onClose', () => storage.close())
  return {
    url: await listenLocally(app),
    services,
    dataDir,
    enrolmentCode: async () =>
      (await createEnrolmentCode(services.db, DEMO_SETTING_ID, 'e2e', services.now())).code,
    close: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
