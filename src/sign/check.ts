import type { SigningAlgorithm } from './algorithms.js';
import { SignError } from './errors.js';
import { failure, type SignatureFailure } from './failures.js';
import { encodeToBeSigned, verifyMessage } from './primitives.js';
import type { SignatureRecord } from './signature-text.js';
import { formatTimestamp, toEpochSeconds } from './time.js';
import { checkSigner, type TrustStore } from './trust.js';

/** The outcome of checking one signature. Signer fields are absent when the signature did not parse. */
export interface SignatureCheck {
  readonly valid: boolean;
  readonly keyId?: string;
  readonly algorithm?: SigningAlgorithm;
  /** When the signer says it signed (`2026-01-31T12:00:00Z`). */
  readonly created?: string;
  /** Set exactly when `valid` is false. */
  readonly reason?: SignatureFailure;
}

/** Options shared by the verify functions. */
export interface VerifyOptions {
  /** The time trust-store `notAfter` limits are judged at; default: now. */
  readonly now?: Date;
}

/** The verification time in epoch seconds. */
export function verificationTime(options: VerifyOptions): number {
  return toEpochSeconds(options.now ?? new Date(), 'now');
}

/** A check for a signature that could not be parsed. */
export function malformed(error: unknown): SignatureCheck {
  if (error instanceof SignError) return { valid: false, reason: failure('MALFORMED', error.message, error) };
  throw error;
}

/** Trust rules, then ML-DSA verification of the to-be-signed structure under `purpose`'s context. */
export function checkRecord(
  purpose: 'maml' | 'detached',
  record: SignatureRecord,
  content: Uint8Array,
  trust: TrustStore,
  now: number,
): SignatureCheck {
  const signer = {
    keyId: record.keyId,
    algorithm: record.algorithm,
    created: formatTimestamp(record.created),
  };
  const decision = checkSigner(trust, record, now);
  if ('failure' in decision) return { valid: false, ...signer, reason: decision.failure };
  const message = encodeToBeSigned({ ...record, content });
  if (verifyMessage(purpose, record.signature, message, decision.key)) return { valid: true, ...signer };
  return {
    valid: false,
    ...signer,
    reason: failure(
      'BAD_SIGNATURE',
      `signature by ${record.keyId} does not match: the signed content or the signature was changed`,
    ),
  };
}
