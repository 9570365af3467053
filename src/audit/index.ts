/**
 * `mamlkit/audit`: hash-chained, ML-DSA-signed, append-only audit log tied to MAML History.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { AuditError, type AuditErrorCode } from './errors.js';
