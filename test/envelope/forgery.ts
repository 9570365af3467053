/**
 * The insider forgery against multi-recipient envelopes, built from the spec's own steps
 * (docs/spec/envelope.md): a recipient who holds one keyring recovers the data key, which every
 * stanza shares, and writes a new message under it for the other recipients.
 */
import { nobleCipher } from '../../src/envelope/backend-noble.js';
import { concat } from '../../src/envelope/bytes.js';
import { encodeParams, parseHeader } from '../../src/envelope/header.js';
import { deriveMessageKeys } from '../../src/envelope/kdf.js';
import type { Keyring } from '../../src/envelope/keyring.js';
import { finishHeader } from '../../src/envelope/message.js';
import { sealedPayloadLength, sealPayloadSync } from '../../src/envelope/payload.js';
import { footerLength } from '../../src/envelope/signer.js';
import { newDigest } from '../../src/envelope/signature.js';
import { runSync } from '../../src/envelope/steps.js';
import { stanzaMatches, unwrapStanza } from '../../src/envelope/wrap.js';
import type { SigningSecretKey } from '../../src/sign/keys.js';
import { signMessage } from '../../src/sign/primitives.js';

/** What the forger does with the footer of a signed envelope. */
export type FooterStrategy =
  /** Keeps the sender's signature as it was. */
  | { readonly kind: 'keep' }
  /** Signs the forged digest with a key of its own (the signer block still names the sender). */
  | { readonly kind: 'resign'; readonly key: SigningSecretKey };

/** What the forger knows and wants. */
export interface Forgery {
  /** The forger's own keyring: one of the envelope's recipients. */
  readonly insider: Keyring;
  /** The payload the other recipients are to open. */
  readonly plaintext: Uint8Array;
  /** The associated data the envelope was sealed with (the forger, a recipient, knows it). */
  readonly aad?: Uint8Array;
  /** Signed envelopes only; default `keep`. */
  readonly footer?: FooterStrategy;
}

/**
 * Forges an envelope from `envelope`: the insider unwraps the data key with its own stanza,
 * encrypts `plaintext` under the same data key and nonce, drops its own stanza, keeps every
 * other recipient's stanza as it is, and recomputes the key commitment (unchanged: same data
 * key) and the header MAC over the new header.
 */
export function forge(envelope: Uint8Array, forgery: Forgery): Uint8Array {
  const aad = forgery.aad ?? new Uint8Array(0);
  const header = parseHeader(envelope);
  const params = encodeParams(header);
  const own = header.stanzas.find((stanza) => stanzaMatches(stanza, forgery.insider));
  if (own === undefined) throw new Error('the forger is not a recipient');
  const dek = runSync(unwrapStanza(own, forgery.insider, params, { maxWorkFactor: 20 }));
  const keys = deriveMessageKeys(dek, header.nonce);
  const others = header.stanzas.filter((stanza) => stanza !== own);
  const head = finishHeader(params, others, keys, aad);
  const body = new Uint8Array(sealedPayloadLength(forgery.plaintext.length, header.chunkSize));
  sealPayloadSync(nobleCipher(keys.payloadKey), forgery.plaintext, header.chunkSize, body, 0);
  const signatureBytes = footerLength(header.signer);
  if (signatureBytes === 0) return concat([head, body]);
  const strategy = forgery.footer ?? { kind: 'keep' };
  const footer =
    strategy.kind === 'keep'
      ? envelope.subarray(envelope.length - signatureBytes)
      : signMessage('envelope', newDigest().update(head).update(body).digest(), strategy.key);
  return concat([head, body, footer]);
}
