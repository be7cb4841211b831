/**
 * The demo's consent history and injuries. The data lives in src/demo (pure), so the server
 * seeds the same records with the same fixed ids; this module keeps the data layer's old path.
 */
export * from '../demo/demoConsents.ts'
