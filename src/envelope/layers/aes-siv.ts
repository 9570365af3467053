import { toHex } from '../../encoding/base64.js';
import { keyCache } from '../../native/capability.js';
import { EnvelopeError } from '../errors.js';
import { symmetricKeyId } from '../kdf.js';
import { draw, systemRandom } from '../random.js';
import type { LayerDescriptor } from './descriptor.js';
import type { KeyGenOptions } from './kem.js';

/** A symmetric layer: 64 random bytes used as an AES-SIV (RFC 5297, AES-256) key. */
export interface SymmetricLayerKey {
  readonly kind: 'aes-siv';
  /** 16 hex characters identifying the key (see docs/spec/envelope.md, "Key ids"). */
  readonly kid: string;
  readonly key: Uint8Array;
}

/** Length of a symmetric layer key. */
export const LAYER_KEY_BYTES = 64;

/**
 * Key ids by key array: every seal and open checks each layer's key id, and a hit costs a
 * byte comparison instead of an HMAC (a key changed in place is computed again).
 */
const keyIdOf = /* @__PURE__ */ keyCache((key) => toHex(symmetricKeyId(key)));

/**
 * Builds a symmetric layer key from its 64 bytes, computing its key id.
 *
 * @example
 * ```ts
 * import { symmetricLayerKey } from 'mamlkit/envelope';
 * const layer = symmetricLayerKey(crypto.getRandomValues(new Uint8Array(64)));
 * ```
 */
export function symmetricLayerKey(key: Uint8Array): SymmetricLayerKey {
  if (!(key instanceof Uint8Array) || key.length !== LAYER_KEY_BYTES) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', `a layer key is ${LAYER_KEY_BYTES} bytes`);
  }
  const copy = Uint8Array.from(key);
  return { kind: 'aes-siv', kid: keyIdOf(copy), key: copy };
}

/**
 * Generates a symmetric layer key: 64 random bytes (a 512-bit AES-SIV key) with its key id.
 *
 * @example
 * ```ts
 * import { generateLayerKey } from 'mamlkit/envelope';
 * const layer = generateLayerKey();
 * console.log(layer.kind, layer.kid); // 'aes-siv' '3f9c…'
 * ```
 */
export function generateLayerKey(options: KeyGenOptions = {}): SymmetricLayerKey {
  return symmetricLayerKey(draw(options.random ?? systemRandom, LAYER_KEY_BYTES));
}

/** Kind 1: the layer key is `K_i` itself; no encapsulation. */
export const aesSiv: LayerDescriptor<SymmetricLayerKey> = {
  kind: 'aes-siv',
  id: 1,
  versions: [1, 2],
  encapsulation: { min: 0, max: 0 },
  synchronous: true,
  parts: [{ name: 'secret', member: 'k' }],
  problem: (layer) =>
    layer.key instanceof Uint8Array && layer.key.length === LAYER_KEY_BYTES
      ? undefined
      : `an aes-siv key is ${LAYER_KEY_BYTES} bytes`,
  keyId: (layer) => keyIdOf(layer.key),
  material: (layer) => layer.key,
  sealing: (layer) => layer,
  openProblem: () => undefined,
  exportParts: (layer) => [{ part: 'secret', material: layer.key }],
  importPart: ({ material }) => symmetricLayerKey(material),
  generate: (random) => generateLayerKey({ random }),
  seal: (layer) => ({ key: layer.key, encapsulation: new Uint8Array(0) }),
  open: (layer) => layer.key,
};
