import { hexToBytes } from '@noble/ciphers/utils.js';
import { toHex } from '../encoding/base64.js';
import { concat } from './bytes.js';
import { EnvelopeError } from './errors.js';
import { encodeStanzaLayers, type Stanza, type StanzaLayer } from './header.js';
import { deriveKemLayerKey, LABELS } from './kdf.js';
import { kemDecapsulate, kemEncapsulate, KIND_IDS, type LayerKey } from './keys.js';
import type { Keyring } from './keyring.js';
import type { RandomSource } from './random.js';
import { aesSiv, type Siv } from './siv.js';

/**
 * AES-SIV under one layer key with a single associated-data component:
 * label ‖ params ‖ stanza layers ‖ layer index (every part is self-delimiting).
 */
function siv(key: Uint8Array, context: Uint8Array, index: number): Siv {
  return aesSiv(key, concat([context, Uint8Array.of(index)]));
}

/** The associated data every wrap of a stanza shares, before the layer index. */
function wrapContext(params: Uint8Array, layers: readonly StanzaLayer[]): Uint8Array {
  return concat([LABELS.layerWrap, params, encodeStanzaLayers(layers)]);
}

/**
 * Wraps the data key through every layer of `keyring`, layer 1 first. KEM layers encapsulate
 * (drawing their randomness from `random`, in layer order) and derive their AES-SIV key.
 */
export function wrapStanza(
  dek: Uint8Array,
  keyring: Keyring,
  params: Uint8Array,
  random: RandomSource,
): Stanza {
  const keys: Uint8Array[] = [];
  const layers: StanzaLayer[] = keyring.layers.map((layer) => {
    const kid = hexToBytes(layer.kid);
    if (layer.kind === 'aes-siv') {
      keys.push(layer.key);
      return { kind: layer.kind, kid, encapsulation: new Uint8Array(0) };
    }
    const { cipherText, sharedSecret } = kemEncapsulate(layer.kind, layer.publicKey, random);
    keys.push(deriveKemLayerKey(sharedSecret, KIND_IDS[layer.kind], kid));
    return { kind: layer.kind, kid, encapsulation: cipherText };
  });
  const context = wrapContext(params, layers);
  let wrapped = dek;
  keys.forEach((key, i) => {
    wrapped = siv(key, context, i + 1).encrypt(wrapped);
  });
  return { layers, wrapped };
}

/** True when the stanza was made for exactly these layers (kinds and key ids, in order). */
export function stanzaMatches(stanza: Stanza, keyring: Keyring): boolean {
  return (
    stanza.layers.length === keyring.layers.length &&
    stanza.layers.every((layer, i) => {
      const mine = keyring.layers[i];
      return mine !== undefined && layer.kind === mine.kind && toHex(layer.kid) === mine.kid;
    })
  );
}

function unwrapKey(layer: LayerKey, written: StanzaLayer, index: number): Uint8Array {
  if (layer.kind === 'aes-siv') return layer.key;
  if (!('secretKey' in layer)) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_KEY_INVALID',
      `keyring layer ${index + 1} holds only a public key; opening needs the key pair`,
    );
  }
  const sharedSecret = kemDecapsulate(layer.kind, written.encapsulation, layer.secretKey);
  return deriveKemLayerKey(sharedSecret, KIND_IDS[layer.kind], written.kid);
}

/**
 * Unwraps the data key of a matching stanza, outermost layer first. Any failed AES-SIV check
 * is `ERR_ENVELOPE_AUTH`, without saying which layer failed.
 */
export function unwrapStanza(stanza: Stanza, keyring: Keyring, params: Uint8Array): Uint8Array {
  const context = wrapContext(params, stanza.layers);
  let wrapped = stanza.wrapped;
  for (let i = keyring.layers.length - 1; i >= 0; i--) {
    const layer = keyring.layers[i];
    const written = stanza.layers[i];
    if (layer === undefined || written === undefined) break;
    const key = unwrapKey(layer, written, i);
    try {
      wrapped = siv(key, context, i + 1).decrypt(wrapped);
    } catch (error) {
      throw new EnvelopeError(
        'ERR_ENVELOPE_AUTH',
        'the keyring does not unwrap this envelope (wrong key or modified header)',
        { cause: error },
      );
    }
  }
  return wrapped;
}
