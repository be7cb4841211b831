/**
 * Audit push: a device sends its own hash-chained audit events (src/audit/hashChain.ts), in
 * seq order, starting after the last one the server acknowledged, in batches.
 *
 *   POST /api/sync/audit   { settingId, events }   behind the device credential
 *
 * Invariants:
 * - The server verifies each batch on arrival, continuing from the head it holds for that
 *   device. Whatever arrives is kept, even when it does not verify: a gap, an edit, a reorder
 *   or another device's event is recorded as a chain problem for the manager, never dropped.
 * - The answer always says how far the server holds the chain (`acknowledged`); the device
 *   sends on from there. A batch sent again (the answer was lost) changes nothing.
 * - `problem` is not an error of the request: the device keeps working and sends on.
 */
import { z } from 'zod'
import { IdSchema, IsoSchema, Sha256Schema } from './common.ts'

export const MAX_AUDIT_EVENTS = 200
/** Seqs are stored as 32-bit integers on PostgreSQL. */
const SeqSchema = z.number().int().min(1).max(2_000_000_000)

export const AuditEventWireSchema = z.object({
  id: IdSchema,
  deviceId: IdSchema,
  seq: SeqSchema,
  at: IsoSchema,
  staffId: IdSchema.nullable(),
  type: z.string().min(1).max(100),
  details: z.record(z.string().max(200), z.json()),
  prevHash: Sha256Schema,
  hash: Sha256Schema,
})

export const AuditPushRequestSchema = z.object({
  settingId: IdSchema,
  events: z.array(AuditEventWireSchema).min(1).max(MAX_AUDIT_EVENTS),
})

export const ChainHeadSchema = z.object({ seq: SeqSchema, hash: Sha256Schema })

export const AUDIT_PUSH_STATUSES = ['accepted', 'duplicate', 'problem'] as const

export const AuditPushResponseSchema = z.object({
  ok: z.literal(true),
  status: z.enum(AUDIT_PUSH_STATUSES),
  /** The last event of this device the server holds; null before the first. */
  acknowledged: ChainHeadSchema.nullable(),
  /** With status 'problem': what the server found, in words, and that the manager is told. */
  problem: z.object({ code: z.string(), seq: z.number().int(), message: z.string() }).optional(),
})

export type AuditEventWire = z.infer<typeof AuditEventWireSchema>
export type AuditPushRequest = z.infer<typeof AuditPushRequestSchema>
export type AuditPushResponse = z.infer<typeof AuditPushResponseSchema>
export type ChainHead = z.infer<typeof ChainHeadSchema>
