/**
 * The demo setting as pure data: synthetic people, places, consent history and injuries with
 * fixed ids, seeded both on a device (src/db/seedDemo.ts) and on the server
 * (src/server/seedDemoSetting.ts). Imports only policy and protocol.
 */
export * from './demoRoster.ts'
export * from './demoConsents.ts'
