import { EnvelopeError } from './errors.js';
import {
  descriptorOf,
  LAYER_DESCRIPTORS,
  type AnyLayerDescriptor,
  type LayerKey,
  type LayerKind,
} from './layers/index.js';

export { LAYER_KEY_BYTES, type SymmetricLayerKey } from './layers/aes-siv.js';
export {
  kemDecapsulate,
  kemEncapsulate,
  kemLengths,
  KEMS,
  type KemKind,
  type KeyGenOptions,
  type RecipientKeyPair,
  type RecipientPublicKey,
} from './layers/kem.js';
export type { LayerKey, LayerKind } from './layers/index.js';

/** Byte value of each kind in the header, from the kind table. */
export const KIND_IDS: Readonly<Record<LayerKind, number>> = /* @__PURE__ */ Object.fromEntries(
  LAYER_DESCRIPTORS.map((descriptor) => [descriptor.kind, descriptor.id]),
) as Record<LayerKind, number>;

/** The descriptor of a layer's kind; an unknown kind is `ERR_ENVELOPE_KEY_INVALID`. */
export function layerDescriptor(kind: string): AnyLayerDescriptor {
  const descriptor = descriptorOf(kind);
  if (descriptor === undefined)
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `unknown layer kind ${kind}`);
  return descriptor;
}

/**
 * The part of a layer needed to seal: KEM key pairs lose their secret half; other kinds stay.
 *
 * @example
 * ```ts
 * import { generateRecipientKeyPair, sealingLayer } from 'mamlkit/envelope';
 * const publicOnly = sealingLayer(generateRecipientKeyPair());
 * ```
 */
export function sealingLayer(layer: LayerKey): LayerKey {
  return layerDescriptor(layer.kind).sealing(layer);
}
