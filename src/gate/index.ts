/**
 * `mamlkit/gate`: the execution decision an MCP server makes before running a MAML file.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { GateError, type GateErrorCode } from './errors.js';
export {
  authorizeExecution,
  type AuthorizeExecutionOptions,
  type ExecutionDecision,
  type GateAuditOptions,
  type SignaturePolicy,
} from './authorize.js';
export type { GateReason, GateReasonCode } from './reasons.js';
