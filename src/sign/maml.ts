import {
  checkRecord,
  malformed,
  verificationClock,
  type SignatureCheck,
  type VerifyOptions,
} from './check.js';
import { SignError } from './errors.js';
import { failure, type SignatureFailure } from './failures.js';
import { assertSecretKey, type SigningSecretKey } from './keys.js';
import {
  MAX_MAML_SIGNATURES,
  normaliseMaml,
  scanSignatureSection,
  SIGNATURE_FENCE,
  SIGNATURES_HEADING,
  type SignatureSection,
} from './maml-section.js';
import { encodeToBeSigned, signMessage } from './primitives.js';
import { formatSignatureLines, parseSignatureLines, type SignatureRecord } from './signature-text.js';
import { toEpochSeconds } from './time.js';
import type { TrustStore } from './trust.js';

/**
 * Largest MAML document {@link signMaml} and {@link verifyMaml} accept, in UTF-16 code units (16 Mi).
 *
 * @example
 * ```ts
 * import { MAX_SIGNED_MAML_CHARS } from 'mamlkit/sign';
 * if (source.length > MAX_SIGNED_MAML_CHARS) throw new Error('document too large to sign');
 * ```
 */
export const MAX_SIGNED_MAML_CHARS: number = 16 * 1024 * 1024;

/** Options of {@link signMaml}. */
export interface SignMamlOptions {
  /** Signature creation time; default: now. */
  readonly created?: Date;
  /** Deterministic ML-DSA instead of hedged: only for reproducible test vectors. */
  readonly deterministic?: boolean;
}

/** Options of {@link verifyMaml}. */
export interface VerifyMamlOptions extends VerifyOptions {
  /** How many distinct trusted keys must have signed; default 1. */
  readonly threshold?: number;
}

/** The result of {@link verifyMaml}. */
export interface MamlVerification {
  /** True when at least `threshold` distinct trusted keys signed and no signature is broken. */
  readonly valid: boolean;
  /** One entry per signature block, in document order. */
  readonly signatures: readonly SignatureCheck[];
  /** Key ids of the distinct trusted keys whose signatures verified. */
  readonly signers: readonly string[];
  /** Set exactly when `valid` is false. */
  readonly reason?: SignatureFailure;
}

function checkSource(source: string): string {
  if (typeof source !== 'string') throw new SignError('ERR_INVALID_ARGUMENT', 'a MAML document is a string');
  if (source.length > MAX_SIGNED_MAML_CHARS) {
    throw new SignError(
      'ERR_LIMIT_EXCEEDED',
      `signed MAML documents are at most ${MAX_SIGNED_MAML_CHARS} characters`,
    );
  }
  return normaliseMaml(source);
}

/** The text to put before a new `## Signatures` heading so that it starts after an empty line. */
function separator(normalised: string, eol: string): string {
  if (normalised === '' || normalised.endsWith('\n\n')) return '';
  return normalised.endsWith('\n') ? eol : eol + eol;
}

/**
 * Signs a MAML document and returns it with a `maml-signature` block appended to its
 * `## Signatures` section (created at the end when missing). Every byte of the document before
 * that section is covered, with line endings normalised; co-signing a signed document appends
 * another block and leaves the existing ones valid. New text uses the document's line endings.
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` for a public key, `ERR_SIGN_MAML_SECTION` when the
 * document ends inside a code fence or its `## Signatures` section holds other content,
 * `ERR_LIMIT_EXCEEDED` above {@link MAX_SIGNED_MAML_CHARS} or past 16 signatures.
 * @example
 * ```ts
 * import { generateSigningKeyPair, signMaml } from 'mamlkit/sign';
 * const { secretKey } = generateSigningKeyPair();
 * const signed = signMaml(source, secretKey);
 * ```
 */
export function signMaml(source: string, secretKey: SigningSecretKey, options: SignMamlOptions = {}): string {
  const key = assertSecretKey(secretKey);
  const normalised = checkSource(source);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const scan = scanSignatureSection(normalised);
  let base: string;
  if (scan.section !== undefined) {
    base = /[\r\n]$/.test(source) ? source : source + eol;
  } else if (scan.unclosed !== undefined) {
    throw new SignError('ERR_SIGN_MAML_SECTION', `cannot append a signature: ${scan.unclosed}`);
  } else {
    base = source + separator(normalised, eol) + SIGNATURES_HEADING + eol;
  }
  const section = scanSignatureSection(normaliseMaml(base)).section as SignatureSection;
  if (section.blocks.length >= MAX_MAML_SIGNATURES) {
    throw new SignError('ERR_LIMIT_EXCEEDED', `a document carries at most ${MAX_MAML_SIGNATURES} signatures`);
  }
  const fields = {
    algorithm: key.algorithm,
    keyId: key.keyId,
    created: toEpochSeconds(options.created ?? new Date(), 'created'),
    comment: '',
    trustedComment: '',
  };
  const tbs = encodeToBeSigned({ ...fields, content: new TextEncoder().encode(section.content) });
  const signature = signMessage('maml', tbs, key, { deterministic: options.deterministic === true });
  const lines = [SIGNATURE_FENCE, ...formatSignatureLines('maml', { ...fields, signature }), '```'];
  return base + eol + lines.join(eol) + eol;
}

function summarise(checks: readonly SignatureCheck[], threshold: number): MamlVerification {
  const signers = [...new Set(checks.filter((c) => c.valid).map((c) => c.keyId ?? ''))];
  const broken = checks.find((c) => c.reason?.code === 'MALFORMED' || c.reason?.code === 'BAD_SIGNATURE');
  if (broken?.reason !== undefined)
    return { valid: false, signatures: checks, signers, reason: broken.reason };
  if (signers.length >= threshold) return { valid: true, signatures: checks, signers };
  const reason =
    signers.length > 0
      ? failure('NOT_ENOUGH_SIGNATURES', `${signers.length} trusted signer(s), ${threshold} required`)
      : (checks.find((c) => c.reason !== undefined)?.reason ??
        failure('UNSIGNED', 'the document carries no signature'));
  return { valid: false, signatures: checks, signers, reason };
}

/**
 * Verifies every embedded signature of a MAML document against a trust store. Never throws
 * for a bad document: `valid` is false and `reason` says why (`UNSIGNED`, `MALFORMED`,
 * `BAD_SIGNATURE`, `UNKNOWN_KEY`, `REVOKED_KEY`, `ALGORITHM_NOT_ALLOWED`, `KEY_EXPIRED`,
 * `NOT_ENOUGH_SIGNATURES`). A malformed or broken signature makes the whole document invalid;
 * a well-formed signature by an unknown key is reported but does not.
 *
 * @throws {SignError} `ERR_INVALID_ARGUMENT` for a bad trust store, `threshold` or `now`;
 * `ERR_LIMIT_EXCEEDED` above {@link MAX_SIGNED_MAML_CHARS}.
 * @example
 * ```ts
 * import { verifyMaml } from 'mamlkit/sign';
 * const result = verifyMaml(source, trust);
 * if (!result.valid) console.error(result.reason?.code, result.reason?.message);
 * ```
 */
export function verifyMaml(
  source: string,
  trust: TrustStore,
  options: VerifyMamlOptions = {},
): MamlVerification {
  const normalised = checkSource(source);
  const clock = verificationClock(options);
  const threshold = options.threshold ?? 1;
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new SignError('ERR_INVALID_ARGUMENT', 'threshold must be a whole number of at least 1');
  }
  let section: SignatureSection | undefined;
  try {
    section = scanSignatureSection(normalised).section;
  } catch (error) {
    return { ...summarise([malformed(error)], threshold), signatures: [] };
  }
  if (section === undefined || section.blocks.length === 0) {
    return {
      valid: false,
      signatures: [],
      signers: [],
      reason: failure('UNSIGNED', 'the document carries no signature'),
    };
  }
  const content = new TextEncoder().encode(section.content);
  const checks = section.blocks.map((block): SignatureCheck => {
    let record: SignatureRecord;
    try {
      record = parseSignatureLines('maml', block.lines);
    } catch (error) {
      const reason = malformed(error).reason as SignatureFailure;
      return {
        valid: false,
        reason: { ...reason, message: `signature block at line ${block.line}: ${reason.message}` },
      };
    }
    return checkRecord('maml', record, content, trust, clock);
  });
  return summarise(checks, threshold);
}
