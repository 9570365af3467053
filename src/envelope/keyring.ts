import { EnvelopeError } from './errors.js';
import { generateLayerKey } from './layers/aes-siv.js';
import type { KeyGenOptions } from './layers/kem.js';
import { descriptorOf, type LayerKey } from './layers/index.js';
import { sealingLayer } from './keys.js';
import { checkLayerCount } from './limits.js';

/** An ordered list of 1 to 8 layers; layer 1 is the innermost wrap of the data key. */
export interface Keyring {
  readonly layers: readonly LayerKey[];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Checks a keyring, for every kind through its descriptor: the layer count, each layer's
 * fields and lengths, that each key id is the one its key gives, and (unless `use` is
 * `'open'`) that no key serves two layers: a repeated key would let one custodian unwrap two
 * layers. Opening keeps accepting repeated keys so that envelopes sealed before this rule can
 * still be read.
 *
 * @throws {EnvelopeError} `ERR_ENVELOPE_KEY_INVALID` naming the layer(s).
 */
export function checkKeyring(keyring: Keyring, use: 'seal' | 'open' = 'seal'): void {
  const layers = (keyring as Partial<Keyring> | undefined)?.layers;
  if (!Array.isArray(layers))
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', 'a keyring has a `layers` array');
  checkLayerCount(layers.length, 'ERR_ENVELOPE_KEY_INVALID');
  const material: Uint8Array[] = [];
  layers.forEach((layer: LayerKey, index) => {
    const bad = (why: string): EnvelopeError =>
      new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `keyring layer ${index + 1}: ${why}`);
    const kind: unknown = (layer as Partial<LayerKey> | null)?.kind;
    const descriptor = descriptorOf(String(kind));
    if (descriptor === undefined) throw bad(`unknown kind ${String(kind)}`);
    const problem = descriptor.problem(layer);
    if (problem !== undefined) throw bad(problem);
    if (typeof layer.kid !== 'string' || layer.kid !== descriptor.keyId(layer)) {
      throw bad('key id does not match the key: key ids are computed from the key, never chosen');
    }
    material.push(descriptor.material(layer));
    if (use === 'open') return;
    const twin = layers.findIndex(
      (other: LayerKey, j) =>
        j < index &&
        other.kind === layer.kind &&
        sameBytes(material[j] as Uint8Array, material[index] as Uint8Array),
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
