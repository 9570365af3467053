import { EnvelopeError } from './errors.js';
import { encodeParams } from './header.js';
import type { Keyring } from './keyring.js';
import {
  bytesArgument,
  finishHeader,
  openHeader,
  openLimits,
  recipientList,
  type HeaderOpenOptions,
  type HeaderOptions,
} from './message.js';
import { systemRandom } from './random.js';
import { runSync } from './steps.js';
import { requireSynchronous, stanzaMatches, wrapStanza } from './wrap.js';

/** Options of {@link rewrap}. */
export interface RewrapOptions extends HeaderOptions, Pick<HeaderOpenOptions, 'maxWorkFactor'> {
  /** A keyring that opens the envelope now (it recovers the data key). */
  readonly open: Keyring;
  /** Keyrings to add a stanza for (skipped when the header already has one for them). */
  readonly add?: readonly Keyring[];
  /** Keyrings whose stanzas are removed (matched by layer kinds and key ids; public halves suffice). */
  readonly remove?: readonly Keyring[];
}

/**
 * Changes who may open this copy: adds and removes stanzas without touching the payload. It
 * is not key rotation: the data key and payload stay, so a removed keyring that kept an old
 * copy (or the data key) still reads this one; {@link reencrypt} rotates. Works on a whole
 * envelope or on its header bytes alone (then the result is the new header, to put in front of
 * the unchanged payload). The header MAC and key commitment are checked first; the payload is
 * not read. Removing a keyring that has no stanza is `ERR_ENVELOPE_NO_MATCHING_STANZA`; a
 * signed envelope is refused (`ERR_ENVELOPE_SIGNED`: its signature covers the header).
 *
 * @example
 * ```ts
 * import { generateKeyring, rewrap } from 'mamlkit/envelope';
 * const next = generateKeyring();
 * const handedOver = rewrap(envelope, { open: current, add: [next], remove: [current] });
 * ```
 */
export function rewrap(envelope: Uint8Array, options: RewrapOptions): Uint8Array {
  const aad = bytesArgument(options.aad ?? new Uint8Array(0), 'aad');
  const remove =
    options.remove === undefined || options.remove.length === 0 ? [] : recipientList(options.remove);
  const add = options.add === undefined || options.add.length === 0 ? [] : recipientList(options.add);
  requireSynchronous([options.open, ...add]);
  const { header, dek, keys } = runSync(
    openHeader(bytesArgument(envelope, 'envelope'), options.open, aad, openLimits(options)),
  );
  if (header.signer !== undefined) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_SIGNED',
      `the envelope is signed by ${header.signer.keyId} and its signature covers the header: use reencrypt (with a signer) to change its recipients`,
    );
  }
  remove.forEach((keyring, i) => {
    if (!header.stanzas.some((stanza) => stanzaMatches(stanza, keyring)))
      throw new EnvelopeError(
        'ERR_ENVELOPE_NO_MATCHING_STANZA',
        `keyring ${i + 1} to remove has no stanza in this envelope: nothing was changed`,
      );
  });
  const kept = header.stanzas.filter((stanza) => !remove.some((keyring) => stanzaMatches(stanza, keyring)));
  const params = encodeParams(header);
  const random = options.random ?? systemRandom;
  const stanzas = [...kept];
  for (const keyring of add) {
    if (!stanzas.some((stanza) => stanzaMatches(stanza, keyring)))
      stanzas.push(runSync(wrapStanza(dek, keyring, params, random)));
  }
  if (stanzas.length === 0)
    throw new EnvelopeError(
      'ERR_INVALID_ARGUMENT',
      'rewrap would leave no stanza: nobody could open the envelope',
    );
  const next = finishHeader(params, stanzas, keys, aad);
  const out = new Uint8Array(next.length + envelope.length - header.length);
  out.set(next);
  out.set(envelope.subarray(header.length), next.length);
  return out;
}
