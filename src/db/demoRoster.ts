/**
 * The demo setting's people and places. The data lives in src/demo (pure), so the server seeds
 * the same children with the same fixed ids; this module keeps the data layer's old import path.
 */
export * from '../demo/demoRoster.ts'
