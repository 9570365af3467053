import { EnvelopeError } from './errors.js';
import { toHex } from '../encoding/base64.js';
import { publicKeyId, symmetricKeyId } from './kdf.js';
import {
  generateLayerKey,
  KIND_IDS,
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

/** The key id a layer must carry, recomputed from its key bytes as {@link symmetricLayerKey} and friends do. */
function expectedKid(layer: LayerKey): string {
  return toHex(
    layer.kind === 'aes-siv' ? symmetricKeyId(layer.key) : publicKeyId(KIND_IDS[layer.kind], layer.publicKey),
  );
}

/** The bytes that identify a layer's key: the AES-SIV key, or the KEM public key. */
function keyBytes(layer: LayerKey): Uint8Array {
  return layer.kind === 'aes-siv' ? layer.key : layer.publicKey;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Checks a keyring: the layer count, each layer's kind and byte lengths, that each key id is
 * the one its key gives, and (unless `use` is `'open'`) that no key serves two layers: a
 * repeated key would let one custodian unwrap two layers. Opening keeps accepting repeated
 * keys so that envelopes sealed before this rule can still be read.
 *
 * @throws {EnvelopeError} `ERR_ENVELOPE_KEY_INVALID` naming the layer(s).
 */
export function checkKeyring(keyring: Keyring, use: 'seal' | 'open' = 'seal'): void {
  const layers = (keyring as Partial<Keyring> | undefined)?.layers;
  if (!Array.isArray(layers))
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', 'a keyring has a `layers` array');
  checkLayerCount(layers.length, 'ERR_ENVELOPE_KEY_INVALID');
  layers.forEach((layer: LayerKey, index) => {
    const bad = (why: string): EnvelopeError =>
      new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `keyring layer ${index + 1}: ${why}`);
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
    if (typeof layer.kid !== 'string' || layer.kid !== expectedKid(layer)) {
      throw bad('key id does not match the key: key ids are computed from the key, never chosen');
    }
    if (use === 'open') return;
    const twin = layers.findIndex(
      (other: LayerKey, j) => j < index && sameBytes(keyBytes(other), keyBytes(layer)),
    );
    if (twin !== -1) {
      throw new EnvelopeError(
        'ERR_ENVELOPE_KEY_INVALID',
        `keyring layers ${twin + 1} and ${index + 1} hold the same key: every layer needs its own key`,
      );
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
