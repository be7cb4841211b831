/**
 * The audit log's pure core and the daily photo audit: the canonical form and hash chain that
 * seal every event (used by src/db when it writes one, and by the server when it verifies a
 * device's chain), the daily audit model, and its CSV and PDF exports.
 *
 * Invariants, across the folder: no DOM, Node, IndexedDB, clock or random (src/audit's
 * tsconfig has no platform types); times, ids and time zones come in as arguments.
 */
export { canonicalJson, type JsonValue } from '../protocol/canonicalJson.ts'
export {
  GENESIS_HASH,
  eventHash,
  sealEvent,
  sha256Hex,
  type ChainSeal,
  type SealedEvent,
  type UnsealedEvent,
} from './hashChain.ts'
export {
  verifyChain,
  type ChainProblem,
  type ChainProblemCode,
  type ChainVerdict,
  type VerifyOptions,
} from './verifyChain.ts'
export { auditDirectory, type AuditDirectory } from './auditDirectory.ts'
export {
  clockTime,
  dayTimeWords,
  dayWords,
  ruleWords,
  syncWords,
  verdictWords,
} from './auditWords.ts'
export { toPhotoRow, type AuditPhoto, type PhotoRow, type Quarantine } from './photoRows.ts'
export { type BlockedRow, type DeletionRow, type TagRemovalRow } from './eventRows.ts'
export {
  buildDailyAudit,
  chainWords,
  type DailyAudit,
  type DailyAuditInput,
  type DailyTotals,
} from './dailyAudit.ts'
export { photoBalance, type Balance, type BalanceWindows, type ChildTally } from './photoBalance.ts'
export { photoUseRows, type AuditApproval, type AuditUse, type UseRow } from './photoUseRows.ts'
export { csvField, toCsv } from './csv.ts'
export { AUDIT_CSV_HEADER, auditCsvRows, dailyAuditCsv } from './dailyAuditCsv.ts'
export { dailyAuditPdf, type PdfFacts } from './dailyAuditPdf.ts'
export { exportFileName, slug, type ExportFormat } from './exportFileName.ts'
export { managerAlerts, type AlertId, type AlertInput, type ManagerAlert } from './managerAlerts.ts'
export { refusalLine, refusedWhat, type RefusalFact } from './refusalWords.ts'
