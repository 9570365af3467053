import { armor, dearmor } from './armor.js';
import { EnvelopeError } from './errors.js';
import { inspect } from './inspect.js';
import { passphraseLayer } from './layers/passphrase.js';
import type { HeaderOpenOptions } from './message.js';
import { openSync } from './open.js';
import type { RandomSource } from './random.js';
import { sealSync } from './seal.js';

/**
 * Content type of a protected key file: an envelope whose payload is keyring text.
 *
 * @example
 * ```ts
 * import { inspect, PROTECTED_KEYRING_TYPE } from 'mamlkit/envelope';
 * const isKeyFile = inspect(envelope).contentType === PROTECTED_KEYRING_TYPE;
 * ```
 */
export const PROTECTED_KEYRING_TYPE = 'application/vnd.mamlkit.keyring';

/**
 * Protects secret keyring text with a passphrase: an armored envelope of one passphrase layer
 * whose payload is the text and whose content type says it is a keyring.
 *
 * @example
 * ```ts
 * import { exportKeyring, generateKeyring, protectKeyring } from 'mamlkit/envelope';
 * const file = protectKeyring(exportKeyring(generateKeyring()), 'correct horse battery staple');
 * ```
 */
export function protectKeyring(
  text: string,
  passphrase: string,
  options: { readonly workFactor?: number; readonly random?: RandomSource } = {},
): string {
  if (typeof text !== 'string')
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'keyring text must be a string');
  const layer = passphraseLayer(
    passphrase,
    options.workFactor === undefined ? {} : { workFactor: options.workFactor },
  );
  return armor(
    sealSync(
      text,
      { layers: [layer] },
      {
        contentType: PROTECTED_KEYRING_TYPE,
        ...(options.random === undefined ? {} : { random: options.random }),
      },
    ),
  );
}

/**
 * Whether key-file text is a protected key file (armored) rather than keyring lines.
 *
 * @example
 * ```ts
 * import { importKeyring, isProtectedKeyring, unprotectKeyring } from 'mamlkit/envelope';
 * const keyring = importKeyring(isProtectedKeyring(text) ? unprotectKeyring(text, passphrase) : text);
 * ```
 */
export function isProtectedKeyring(text: string): boolean {
  return text.trimStart().startsWith('-----BEGIN MAMLKIT ENVELOPE-----');
}

/**
 * Reads back the keyring text of {@link protectKeyring}. A wrong passphrase is
 * `ERR_ENVELOPE_AUTH`; an envelope that is not a protected keyring is `ERR_ENVELOPE_FORMAT`.
 *
 * @example
 * ```ts
 * import { importKeyring, unprotectKeyring } from 'mamlkit/envelope';
 * const keyring = importKeyring(unprotectKeyring(file, 'correct horse battery staple'));
 * ```
 */
export function unprotectKeyring(
  armored: string,
  passphrase: string,
  options: Pick<HeaderOpenOptions, 'maxWorkFactor'> = {},
): string {
  const envelope = dearmor(armored);
  if (inspect(envelope).contentType !== PROTECTED_KEYRING_TYPE) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_FORMAT',
      `a protected keyring has content type ${PROTECTED_KEYRING_TYPE}`,
    );
  }
  const bytes = openSync(envelope, { layers: [passphraseLayer(passphrase)] }, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new EnvelopeError('ERR_ENVELOPE_FORMAT', 'a protected keyring holds UTF-8 text', { cause: error });
  }
}
