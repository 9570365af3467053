import type { SigningAlgorithm } from './algorithms.js';
import { SignError } from './errors.js';
import { failure, type SignatureFailure } from './failures.js';
import { encodeToBeSigned, verifyMessage } from './primitives.js';
import type { SignatureRecord } from './signature-text.js';
import { formatTimestamp, toEpochSeconds } from './time.js';
import { checkSigner, checkSigningTime, type TrustStore } from './trust.js';

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

/**
 * How far a signature's creation time may be ahead of the verification time by default: five
 * minutes (300 000 ms), for clocks that are not quite in step.
 *
 * @example
 * ```ts
 * import { DEFAULT_CLOCK_SKEW_MS, verifyMaml } from 'mamlkit/sign';
 * verifyMaml(source, trust, { clockSkewMs: 2 * DEFAULT_CLOCK_SKEW_MS });
 * ```
 */
export const DEFAULT_CLOCK_SKEW_MS: number = 300_000;

/** Options shared by the verify functions. */
export interface VerifyOptions {
  /** The time trust-store `notAfter` limits and creation times are judged at; default: now. */
  readonly now?: Date;
  /**
   * How far a signature's creation time may be later than `now`, in milliseconds; default
   * {@link DEFAULT_CLOCK_SKEW_MS}. A signature created later than that is refused (`CREATED_IN_FUTURE`).
   */
  readonly clockSkewMs?: number;
}

/** The verification time and the latest creation time a signature may claim, in epoch seconds. */
export interface VerificationClock {
  readonly now: number;
  readonly latestCreated: number;
}

/** True for a usable clock-skew allowance: a non-negative number of milliseconds, at most a year. */
export function isClockSkew(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 366 * 86_400_000;
}

/**
 * The verification clock of a set of verify options.
 *
 * @throws {SignError} `ERR_INVALID_ARGUMENT` for an invalid `now` or `clockSkewMs`.
 */
export function verificationClock(options: VerifyOptions): VerificationClock {
  const now = toEpochSeconds(options.now ?? new Date(), 'now');
  const skew = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (!isClockSkew(skew)) {
    throw new SignError(
      'ERR_INVALID_ARGUMENT',
      'clockSkewMs must be a number of milliseconds from 0 to a year',
    );
  }
  return { now, latestCreated: now + Math.floor(skew / 1000) };
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
  clock: VerificationClock,
): SignatureCheck {
  const signer = {
    keyId: record.keyId,
    algorithm: record.algorithm,
    created: formatTimestamp(record.created),
  };
  const decision = checkSigner(trust, record);
  if ('failure' in decision) return { valid: false, ...signer, reason: decision.failure };
  const message = encodeToBeSigned({ ...record, content });
  if (!verifyMessage(purpose, record.signature, message, decision.entry.key)) {
    return {
      valid: false,
      ...signer,
      reason: failure(
        'BAD_SIGNATURE',
        `signature by ${record.keyId} does not match: the signed content or the signature was changed`,
      ),
    };
  }
  const late = checkSigningTime(decision.entry, record, clock);
  return late === undefined ? { valid: true, ...signer } : { valid: false, ...signer, reason: late };
}
