import { hexToBytes } from '@noble/ciphers/utils.js';
import { toHex } from '../encoding/base64.js';
import { concat } from './bytes.js';
import { EnvelopeError } from './errors.js';
import { encodeStanzaLayers, type Stanza, type StanzaLayer } from './header.js';
import { LABELS } from './kdf.js';
import { layerDescriptor } from './keys.js';
import type { Keyring } from './keyring.js';
import type { FormatVersion, LayerSecret, OpenLimits } from './layers/descriptor.js';
import { descriptorOf, type LayerKey } from './layers/index.js';
import type { RandomSource } from './random.js';
import { aesSiv, type Siv } from './siv.js';
import { asynchronousLayer, type Steps } from './steps.js';

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

/** Refuses keyrings with an asynchronous (external) layer on the synchronous paths. */
export function requireSynchronous(keyrings: readonly Keyring[]): void {
  const layers = keyrings.flatMap((keyring): readonly unknown[] => {
    const list: unknown = (keyring as Partial<Keyring> | undefined)?.layers;
    return Array.isArray(list) ? (list as readonly unknown[]) : [];
  });
  const kinds = layers.map((layer) => String((layer as Partial<LayerKey> | undefined)?.kind));
  if (kinds.some((kind) => descriptorOf(kind)?.synchronous === false)) throw asynchronousLayer();
}

/**
 * Wraps the data key through every layer of `keyring`, layer 1 first. Each layer's descriptor
 * gives its wrapping key and encapsulation, drawing its randomness from `random` in layer
 * order. A kind the message's format version does not allow is refused.
 */
export function* wrapStanza(
  dek: Uint8Array,
  keyring: Keyring,
  params: Uint8Array,
  random: RandomSource,
): Steps<Stanza> {
  const version = params[0] as FormatVersion;
  const keys: Uint8Array[] = [];
  const layers: StanzaLayer[] = [];
  for (const layer of keyring.layers) {
    const descriptor = layerDescriptor(layer.kind);
    if (!descriptor.versions.includes(version)) {
      throw new EnvelopeError(
        'ERR_INVALID_ARGUMENT',
        `a version ${version} envelope cannot take a ${layer.kind} layer: re-encrypt it instead`,
      );
    }
    const kid = hexToBytes(layer.kid);
    const secret = (yield descriptor.seal(layer, { kid, params }, random)) as LayerSecret;
    keys.push(secret.key);
    layers.push({ kind: layer.kind, kid, encapsulation: secret.encapsulation });
  }
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

/** Checks, before any key work, that every layer can open and every encapsulation is within the limits. */
function checkStanzaOpen(stanza: Stanza, keyring: Keyring, limits: OpenLimits): void {
  keyring.layers.forEach((layer, i) => {
    const descriptor = layerDescriptor(layer.kind);
    const problem = descriptor.openProblem(layer);
    if (problem !== undefined) {
      throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `keyring layer ${i + 1} ${problem}`);
    }
    const written = stanza.layers[i];
    if (written !== undefined) descriptor.checkOpen?.(written.encapsulation, limits);
  });
}

/**
 * Unwraps the data key of a matching stanza, outermost layer first. Any failed AES-SIV check
 * is `ERR_ENVELOPE_AUTH`, without saying which layer failed.
 */
export function* unwrapStanza(
  stanza: Stanza,
  keyring: Keyring,
  params: Uint8Array,
  limits: OpenLimits,
): Steps<Uint8Array> {
  checkStanzaOpen(stanza, keyring, limits);
  const context = wrapContext(params, stanza.layers);
  let wrapped = stanza.wrapped;
  for (let i = keyring.layers.length - 1; i >= 0; i--) {
    const layer = keyring.layers[i];
    const written = stanza.layers[i];
    if (layer === undefined || written === undefined) break;
    const key = (yield layerDescriptor(layer.kind).open(layer, written.encapsulation, {
      kid: written.kid,
      params,
    })) as Uint8Array;
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
