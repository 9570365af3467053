import { EnvelopeError } from './errors.js';
import {
  generateLayerKey,
  kemLengths,
  LAYER_KEY_BYTES,
  sealingLayer,
  type KeyGenOptions,
  type LayerKey,
} from './keys.js';
import { checkLayerCount } from './limits.js';

/** An ordered list of 1 to 8 layers; layer 1 is the innermost wrap of the data key. */
export interface Keyring {
  readonly layers: readonly LayerKey[];
}

const KID_PATTERN = /^[0-9a-f]{16}$/;

/** Checks the shape of every layer (kind, byte lengths, key id form) and the layer count. */
export function checkKeyring(keyring: Keyring): void {
  const layers = (keyring as Partial<Keyring> | undefined)?.layers;
  if (!Array.isArray(layers))
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', 'a keyring has a `layers` array');
  checkLayerCount(layers.length, 'ERR_ENVELOPE_KEY_INVALID');
  layers.forEach((layer: LayerKey, index) => {
    const bad = (why: string): EnvelopeError =>
      new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `keyring layer ${index + 1}: ${why}`);
    if (typeof layer.kid !== 'string' || !KID_PATTERN.test(layer.kid))
      throw bad('key id is not 16 hex digits');
    const kind: string = layer.kind;
    if (kind !== 'aes-siv' && kind !== 'ml-kem-1024' && kind !== 'x-wing') throw bad(`unknown kind ${kind}`);
    if (layer.kind === 'aes-siv') {
      if (!(layer.key instanceof Uint8Array) || layer.key.length !== LAYER_KEY_BYTES) {
        throw bad(`an aes-siv key is ${LAYER_KEY_BYTES} bytes`);
      }
    } else if (
      !(layer.publicKey instanceof Uint8Array) ||
      layer.publicKey.length !== kemLengths(layer.kind).publicKey
    ) {
      throw bad(`a ${layer.kind} public key is ${kemLengths(layer.kind).publicKey} bytes`);
    }
  });
}

/**
 * Makes a keyring from layers in order (1 to 8; layer 1 wraps the data key first).
 *
 * @example
 * ```ts
 * import { createKeyring, generateLayerKey, generateRecipientKeyPair } from 'mamlkit/envelope';
 * const keyring = createKeyring([generateLayerKey(), generateLayerKey(), generateLayerKey(), generateRecipientKeyPair()]);
 * ```
 */
export function createKeyring(layers: readonly LayerKey[]): Keyring {
  const keyring: Keyring = { layers: [...layers] };
  checkKeyring(keyring);
  return keyring;
}

/**
 * Generates a keyring of symmetric 512-bit layer keys (four by default).
 *
 * @example
 * ```ts
 * import { generateKeyring } from 'mamlkit/envelope';
 * const keyring = generateKeyring(); // four independent 64-byte layer keys
 * ```
 */
export function generateKeyring(options: KeyGenOptions & { readonly layers?: number } = {}): Keyring {
  const count = options.layers ?? 4;
  if (!Number.isSafeInteger(count)) throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'layers is an integer');
  checkLayerCount(count, 'ERR_ENVELOPE_KEY_INVALID');
  return { layers: Array.from({ length: count }, () => generateLayerKey(options)) };
}

/**
 * The keyring a sealing-only party needs: KEM layers keep only their public half.
 *
 * @example
 * ```ts
 * import { sealingKeyring } from 'mamlkit/envelope';
 * const forSender = sealingKeyring(keyring);
 * ```
 */
export function sealingKeyring(keyring: Keyring): Keyring {
  checkKeyring(keyring);
  return { layers: keyring.layers.map(sealingLayer) };
}
