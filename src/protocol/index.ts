/**
 * The sync protocol shared by the app's sync client and the server: every message as a zod
 * schema with its derived type. Pure: no DOM, no Node, nothing of ours.
 */
export * from './apiError.ts'
export * from './common.ts'
export * from './records.ts'
export * from './recordVersion.ts'
export * from './push.ts'
export * from './pull.ts'
export * from './live.ts'
export * from './photoUpload.ts'
export * from './photoBatch.ts'
export * from './enrolment.ts'
export * from './auditPush.ts'
export * from './settingFacts.ts'
export * from './canonicalJson.ts'
export * from './staffAuthority.ts'
export * from './signedRequest.ts'
export * from './library.ts'
export * from './removal.ts'
export * from './retention.ts'
export * from './pinVerifier.ts'
