import type { MamlDiagnostic } from '../maml/index.js';
import type { SignatureFailureCode } from '../sign/index.js';

/** Why the gate refused a document. Stable strings; one reason per failed check. */
export type GateReasonCode =
  /** The document does not parse or has strict-validation errors (see `diagnostics`). */
  | 'GATE_INVALID_DOCUMENT'
  /** A signature is required (the default) and the document carries none. */
  | 'GATE_UNSIGNED'
  /** A signature is required and no signing key is in the trust store. */
  | 'GATE_UNKNOWN_KEY'
  /** The signing key is revoked. */
  | 'GATE_REVOKED_KEY'
  /** The signature's algorithm is not accepted by the trust store. */
  | 'GATE_ALGORITHM_NOT_ALLOWED'
  /** A signature does not match the document, or the signature section is malformed: refused even when no signature is required. */
  | 'GATE_TAMPERED'
  /** The signing key's `notAfter` has passed. */
  | 'GATE_KEY_EXPIRED'
  /** A signature claims a creation time later than `now` plus `clockSkewMs`. */
  | 'GATE_CREATED_IN_FUTURE'
  /** Every valid signature is older than `maxAgeDays`. */
  | 'GATE_SIGNATURE_EXPIRED'
  /** Fewer distinct trusted signers than `threshold`. */
  | 'GATE_NOT_ENOUGH_SIGNATURES'
  /** The principal holds no `execute` permission in the document. */
  | 'GATE_PERMISSION_DENIED';

/** One refusal reason. `diagnostics` lists the errors behind `GATE_INVALID_DOCUMENT`. */
export interface GateReason {
  readonly code: GateReasonCode;
  readonly message: string;
  readonly diagnostics?: readonly MamlDiagnostic[];
}

/** The gate code for each signature failure. */
export const SIGNATURE_REASONS: Readonly<Record<SignatureFailureCode, GateReasonCode>> = {
  UNSIGNED: 'GATE_UNSIGNED',
  MALFORMED: 'GATE_TAMPERED',
  BAD_SIGNATURE: 'GATE_TAMPERED',
  UNKNOWN_KEY: 'GATE_UNKNOWN_KEY',
  REVOKED_KEY: 'GATE_REVOKED_KEY',
  ALGORITHM_NOT_ALLOWED: 'GATE_ALGORITHM_NOT_ALLOWED',
  KEY_EXPIRED: 'GATE_KEY_EXPIRED',
  CREATED_IN_FUTURE: 'GATE_CREATED_IN_FUTURE',
  NOT_ENOUGH_SIGNATURES: 'GATE_NOT_ENOUGH_SIGNATURES',
};
