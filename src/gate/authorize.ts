import {
  safeParseMaml,
  validateMaml,
  type MamlDocument,
  type MamlPermissionDecision,
} from '../maml/index.js';
import { executionAuditEntry, type AuditEntry, type AuditHead, type AuditJson } from '../audit/index.js';
import { assertTrustStore, isClockSkew } from '../sign/internal.js';
import {
  verifyMaml,
  type MamlVerification,
  type SignatureCheck,
  type SigningSecretKey,
  type TrustStore,
} from '../sign/index.js';
import { decidePermission } from '../maml/internal.js';
import { GateError } from './errors.js';
import { SIGNATURE_REASONS, type GateReason } from './reasons.js';

/**
 * Whether the gate demands a signature. `'required'` (the default): a valid signature by a
 * trusted key, always. `'optional'`: the caller's explicit opt-out; a document without a
 * signature may then run, unless it sets `quantum_security_flag: true`, which only ever raises
 * the requirement back to `'required'`.
 */
export type SignaturePolicy = 'required' | 'optional';

const SIGNATURE_POLICIES: readonly string[] = ['required', 'optional'] satisfies SignaturePolicy[];

/** Options of {@link authorizeExecution}. */
export interface AuthorizeExecutionOptions {
  /** The keys whose signatures count. */
  readonly trust: TrustStore;
  /** Who asks to execute, as a URI (`gateway://prod-eu`, `agent://alice`); matched against `permissions.execute`. */
  readonly principal: string;
  /** The time of the decision (signature age, key `notAfter`, creation times); default: now. */
  readonly now?: Date;
  /**
   * `'required'` (default): a valid trusted signature is needed. `'optional'` opts out for
   * documents without `quantum_security_flag: true`; a signature that does not match is refused
   * in either mode.
   */
  readonly signatures?: SignaturePolicy;
  /** How far a signature's `created` may be ahead of `now`; default 5 minutes (`DEFAULT_CLOCK_SKEW_MS`). */
  readonly clockSkewMs?: number;
  /** Refuse when every valid signature is older than this many days. Default: no age limit. */
  readonly maxAgeDays?: number;
  /** Distinct trusted signers required when a signature is required. Default 1. */
  readonly threshold?: number;
  /** Record an allowed run: the decision then carries the `EXECUTE` entry to append to the audit log. */
  readonly audit?: GateAuditOptions;
}

/** The audit log an allowed run is recorded in (see `executionAuditEntry` in `mamlkit/audit`). */
export interface GateAuditOptions {
  /** The log's current head (`auditHead(entries)`), `null` for a new log. */
  readonly head: AuditHead | null;
  /** The key the server signs audit entries with. */
  readonly secretKey: SigningSecretKey;
  /** Optional JSON stored in the entry. */
  readonly details?: AuditJson;
}

/** The gate's decision: `allowed` is true exactly when `reasons` is empty. */
export interface ExecutionDecision {
  readonly allowed: boolean;
  readonly reasons: readonly GateReason[];
  /** The parsed document, `undefined` when it does not parse. */
  readonly document: MamlDocument | undefined;
  /** One entry per embedded signature, in document order. */
  readonly signatures: readonly SignatureCheck[];
  /** Whether a valid signature was required: true unless `signatures: 'optional'` and the flag is not `true`. */
  readonly signatureRequired: boolean;
  /** The permission check, absent when the document does not parse. */
  readonly permission?: MamlPermissionDecision;
  /**
   * With `options.audit`, when allowed: the signed `EXECUTE` entry (actor = `principal`, at =
   * `now`) that follows `options.audit.head`. Append it before running the document.
   */
  readonly auditEntry?: AuditEntry;
}

const DAY_MS = 86_400_000;

function checkOptions(source: unknown, options: AuthorizeExecutionOptions): Date {
  const fail = (message: string): never => {
    throw new GateError('ERR_GATE_OPTIONS', message);
  };
  if (typeof source !== 'string' && !(source instanceof Uint8Array))
    fail('the document must be a string or bytes');
  if (typeof options !== 'object' || (options as unknown) === null) fail('options are required');
  const { trust, principal, now = new Date(), maxAgeDays, threshold, signatures, clockSkewMs } = options;
  try {
    assertTrustStore(trust);
  } catch (cause) {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    throw new GateError(
      'ERR_GATE_OPTIONS',
      `options.trust must be a trust store from createTrustStore${detail}`,
      {
        cause,
      },
    );
  }
  if (typeof principal !== 'string') fail('options.principal must be a URI string');
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) fail('options.now must be a valid Date');
  if (maxAgeDays !== undefined && !(maxAgeDays > 0 && Number.isFinite(maxAgeDays))) {
    fail('options.maxAgeDays must be a positive number of days');
  }
  if (threshold !== undefined && !(Number.isSafeInteger(threshold) && threshold >= 1)) {
    fail('options.threshold must be a whole number of at least 1');
  }
  if (signatures !== undefined && !SIGNATURE_POLICIES.includes(signatures)) {
    fail(`options.signatures must be 'required' or 'optional'`);
  }
  if (clockSkewMs !== undefined && !isClockSkew(clockSkewMs)) {
    fail('options.clockSkewMs must be a number of milliseconds from 0 to a year');
  }
  return now;
}

function signatureReasons(
  verification: MamlVerification,
  required: boolean,
  now: Date,
  maxAgeDays: number | undefined,
): GateReason[] {
  const failed = verification.reason;
  if (failed !== undefined) {
    const code = SIGNATURE_REASONS[failed.code];
    // A broken signature is refused even when none is required: the document was changed after signing.
    return required || code === 'GATE_TAMPERED' ? [{ code, message: failed.message }] : [];
  }
  if (!required || maxAgeDays === undefined) return [];
  const fresh = verification.signatures.some(
    (s) => s.valid && s.created !== undefined && now.getTime() - Date.parse(s.created) <= maxAgeDays * DAY_MS,
  );
  return fresh
    ? []
    : [{ code: 'GATE_SIGNATURE_EXPIRED', message: `every valid signature is older than ${maxAgeDays} days` }];
}

/** Whether a signature is required: always, unless the caller opted out and the document does not raise it. */
function signatureRequired(document: MamlDocument, policy: SignaturePolicy | undefined): boolean {
  return policy !== 'optional' || document.frontMatter?.data?.['quantum_security_flag'] === true;
}

/**
 * Decides whether a MAML document may run: it must parse and pass strict validation; it must
 * carry a valid signature from a trusted, unrevoked key (created no later than `now` plus
 * `clockSkewMs`, no older than `maxAgeDays`), unless the caller passes `signatures: 'optional'`
 * and the document does not set `quantum_security_flag: true`; a signature that does not match
 * is refused in any case; and `principal` must hold `execute`. Every failed check adds a
 * reason. Never throws for a bad document. With `audit`, an allowed decision also carries the
 * `EXECUTE` audit entry to append (`auditEntry`).
 *
 * @throws {GateError} `ERR_GATE_OPTIONS` for bad options, a trust store that lists a key under
 * another key's id included (the `SignError` on `cause`). With `audit`, when the run is
 * allowed but cannot be recorded (a bad head or key, an `id` or `principal` the audit format
 * refuses, such as a non-NFC string): the `AuditError` or `SignError` of `executionAuditEntry`.
 * @example
 * ```ts
 * import { authorizeExecution } from 'mamlkit/gate';
 * const decision = authorizeExecution(source, { trust, principal: 'gateway://prod-eu' });
 * if (!decision.allowed) {
 *   return new Response(JSON.stringify(decision.reasons), { status: 403 });
 * }
 * ```
 */
export function authorizeExecution(
  source: string | Uint8Array,
  options: AuthorizeExecutionOptions,
): ExecutionDecision {
  const now = checkOptions(source, options);
  const parsed = safeParseMaml(source);
  if (!parsed.ok) {
    const reason: GateReason = {
      code: 'GATE_INVALID_DOCUMENT',
      message: `the document does not parse: ${parsed.error.message}`,
      diagnostics: parsed.diagnostics,
    };
    return {
      allowed: false,
      reasons: [reason],
      document: undefined,
      signatures: [],
      signatureRequired: options.signatures !== 'optional',
    };
  }
  const document = parsed.document;
  const reasons: GateReason[] = [];
  const errors = validateMaml(document, { level: 'strict' }).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    reasons.push({
      code: 'GATE_INVALID_DOCUMENT',
      message: `strict validation found ${errors.length} error(s)${first === undefined ? '' : `, first: ${first.code} at line ${first.range.start.line}: ${first.message}`}`,
      diagnostics: errors,
    });
  }
  const required = signatureRequired(document, options.signatures);
  const verification = verifyMaml(document, options.trust, {
    now,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.clockSkewMs === undefined ? {} : { clockSkewMs: options.clockSkewMs }),
  });
  reasons.push(...signatureReasons(verification, required, now, options.maxAgeDays));
  const permission = decidePermission(document, 'execute', options.principal, errors);
  if (!permission.allowed) reasons.push({ code: 'GATE_PERMISSION_DENIED', message: permission.reason });
  const allowed = reasons.length === 0;
  const { audit } = options;
  return {
    allowed,
    reasons,
    document,
    signatures: verification.signatures,
    signatureRequired: required,
    permission,
    ...(allowed && audit !== undefined
      ? {
          auditEntry: executionAuditEntry(
            audit.head,
            { document, principal: options.principal, at: now, details: audit.details },
            audit.secretKey,
          ),
        }
      : {}),
  };
}
