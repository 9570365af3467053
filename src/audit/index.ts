/**
 * `mamlkit/audit`: hash-chained, ML-DSA-signed, append-only audit log tied to MAML History.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { AuditConflictError, AuditError, type AuditErrorCode, type AuditErrorOptions } from './errors.js';
export type { AuditJson, AuditJsonObject } from './canonical-json.js';
export {
  MAX_AUDIT_DETAILS_BYTES,
  MAX_AUDIT_DETAILS_DEPTH,
  MAX_AUDIT_ENTRIES,
  MAX_AUDIT_LINE_CHARS,
  MAX_AUDIT_TEXT_CHARS,
} from './limits.js';
export {
  AUDIT_GENESIS_HASH,
  AUDIT_GENESIS_HEAD,
  type AuditAction,
  type AuditEntry,
  type AuditHead,
  type AuditSubject,
} from './types.js';
export {
  auditSubject,
  auditSubjectHasher,
  createAuditEntry,
  type AuditEntryInput,
  type AuditSubjectHasher,
  type CreateAuditEntryOptions,
} from './create.js';
export { auditHead } from './head.js';
export type { AuditFailure, AuditFailureReason } from './failures.js';
export {
  DEFAULT_AUDIT_TIME_TOLERANCE_MS,
  verifyAudit,
  verifyAuditLog,
  type AuditVerification,
  type VerifyAuditLogOptions,
} from './verify.js';
export { formatAuditLine, parseAuditLine, parseAuditLog, serializeAuditLog } from './jsonl.js';
export {
  appendAudit,
  DEFAULT_AUDIT_APPEND_ATTEMPTS,
  type AppendAuditOptions,
  type AuditStore,
} from './store.js';
export {
  createRedisAuditStore,
  DEFAULT_AUDIT_PAGE_SIZE,
  type RedisAuditStoreOptions,
} from './redis-store.js';
export type { RedisEval } from '../redis/eval.js';
export { checkHistoryAgainstLog, mamlSubject, recordInHistory, type HistoryLogComparison } from './maml.js';
export { executionAuditEntry, type ExecutionAuditInput } from './execution.js';
