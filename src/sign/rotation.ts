import { SignError } from './errors.js';
import type { SigningPublicKey, SigningSecretKey } from './keys.js';
import { parseTimestamp, toEpochSeconds } from './time.js';

/** Where a key stands in its rotation schedule. */
export type KeyRotationStatus = 'ok' | 'due' | 'overdue';

/** Options of {@link keyRotationStatus}. */
export interface KeyRotationOptions {
  /** The time to judge at. */
  readonly now: Date;
  /** Maximum key age; default 90 days (what the MAML guides ask for). */
  readonly maxAgeDays?: number;
  /** How long before `maxAgeDays` the key becomes `'due'`; default 14 days. */
  readonly dueDays?: number;
}

const DAY_SECONDS = 86_400;

/**
 * Reports whether a key should be rotated: `'overdue'` once it is `maxAgeDays` old, `'due'`
 * from `dueDays` before that, `'ok'` otherwise (also for a creation time in the future).
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` when the key has no `created` time;
 * `ERR_INVALID_ARGUMENT` for a bad `now` or non-positive day counts.
 * @example
 * ```ts
 * import { generateSigningKeyPair, keyRotationStatus } from 'mamlkit/sign';
 * const { publicKey } = generateSigningKeyPair({ created: new Date('2026-01-01T00:00:00Z') });
 * keyRotationStatus(publicKey, { now: new Date('2026-03-20T00:00:00Z') }); // 'due' (78 days)
 * ```
 */
export function keyRotationStatus(
  key: SigningPublicKey | SigningSecretKey,
  options: KeyRotationOptions,
): KeyRotationStatus {
  const maxAgeDays = options.maxAgeDays ?? 90;
  const dueDays = options.dueDays ?? 14;
  if (!(maxAgeDays > 0 && Number.isFinite(maxAgeDays) && dueDays >= 0 && Number.isFinite(dueDays))) {
    throw new SignError(
      'ERR_INVALID_ARGUMENT',
      'maxAgeDays must be a positive number of days and dueDays not negative',
    );
  }
  if (key.created === undefined) {
    throw new SignError(
      'ERR_SIGN_KEY_INVALID',
      `key ${key.keyId} has no creation time; import it with "created"`,
    );
  }
  const ageDays =
    (toEpochSeconds(options.now, 'now') - parseTimestamp(key.created, 'key created')) / DAY_SECONDS;
  if (ageDays >= maxAgeDays) return 'overdue';
  return ageDays >= maxAgeDays - dueDays ? 'due' : 'ok';
}
