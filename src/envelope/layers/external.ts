import { toHex } from '../../encoding/base64.js';
import { concat, utf8 } from '../bytes.js';
import { EnvelopeError } from '../errors.js';
import { LABELS, publicKeyId } from '../kdf.js';
import { ENVELOPE_LIMITS } from '../limits.js';
import { draw } from '../random.js';
import type { ExternalCallbacks, LayerContext, LayerDescriptor } from './descriptor.js';

/** A layer whose key never enters the process: a KMS, an HSM, Vault transit, a non-extractable WebCrypto key. */
export interface ExternalLayerKey extends ExternalCallbacks {
  readonly kind: 'external';
  /** Computed from `name` (see the spec, "External layers"). */
  readonly kid: string;
  /** What names the key outside: a KMS key ARN, a URI, a label. */
  readonly name: string;
}

/** Kind byte of external layers. */
const EXTERNAL_ID = 5;
/** Length of `K_i`. */
const LAYER_KEY_BYTES = 64;

function externalKeyId(name: string): string {
  return toHex(publicKeyId(EXTERNAL_ID, utf8(name)));
}

function externalProblem(layer: ExternalLayerKey): string | undefined {
  if (typeof layer.name !== 'string' || layer.name === '') return 'an external layer has a non-empty name';
  return typeof layer.wrap === 'function' && typeof layer.unwrap === 'function'
    ? undefined
    : 'an external layer has wrap and unwrap functions';
}

/**
 * Builds an external layer from the name of its key and two callbacks: `wrap` receives the
 * 64-byte layer key and returns the encapsulation (1 to 4096 bytes), `unwrap` the reverse.
 * Both receive `context`, bytes they should bind (as AES-GCM associated data, a KMS encryption
 * context…). The key id is computed from `name`.
 *
 * @example
 * ```ts
 * import { externalLayer } from 'mamlkit/envelope';
 * const layer = externalLayer({
 *   name: 'webcrypto:vault-key-1',
 *   wrap: (key, context) => kms.encrypt(key, context),
 *   unwrap: (encapsulation, context) => kms.decrypt(encapsulation, context),
 * });
 * ```
 */
export function externalLayer(reference: ExternalCallbacks & { readonly name: string }): ExternalLayerKey {
  const layer: ExternalLayerKey = {
    kind: 'external',
    kid: typeof reference.name === 'string' ? externalKeyId(reference.name) : '',
    name: reference.name,
    wrap: reference.wrap,
    unwrap: reference.unwrap,
  };
  const problem = externalProblem(layer);
  if (problem !== undefined) throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', problem);
  return layer;
}

/** The bytes an external layer's callbacks bind: label ‖ kind byte ‖ key id ‖ message params. */
function callbackContext(context: LayerContext): Uint8Array {
  return concat([LABELS.external, Uint8Array.of(EXTERNAL_ID), context.kid, context.params]);
}

async function wrapWith(
  layer: ExternalLayerKey,
  key: Uint8Array,
  context: LayerContext,
): Promise<Uint8Array> {
  const max = ENVELOPE_LIMITS.maxExternalEncapsulationBytes;
  let encapsulation: unknown;
  try {
    encapsulation = await layer.wrap(Uint8Array.from(key), callbackContext(context));
  } catch (error) {
    throw new EnvelopeError('ERR_ENVELOPE_EXTERNAL', `external layer ${layer.name}: wrap failed`, {
      cause: error,
    });
  }
  if (!(encapsulation instanceof Uint8Array) || encapsulation.length < 1 || encapsulation.length > max) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_EXTERNAL',
      `external layer ${layer.name}: wrap must return 1 to ${max} bytes`,
    );
  }
  return Uint8Array.from(encapsulation);
}

async function unwrapWith(
  layer: ExternalLayerKey,
  encapsulation: Uint8Array,
  context: LayerContext,
): Promise<Uint8Array> {
  let key: unknown;
  try {
    key = await layer.unwrap(Uint8Array.from(encapsulation), callbackContext(context));
  } catch (error) {
    throw new EnvelopeError('ERR_ENVELOPE_AUTH', `external layer ${layer.name}: unwrap failed`, {
      cause: error,
    });
  }
  if (!(key instanceof Uint8Array) || key.length !== LAYER_KEY_BYTES) {
    throw new EnvelopeError(
      'ERR_ENVELOPE_AUTH',
      `external layer ${layer.name}: unwrap must return the ${LAYER_KEY_BYTES}-byte layer key`,
    );
  }
  return key;
}

function decodeName(material: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(material);
  } catch (error) {
    throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', 'an external layer name is UTF-8', { cause: error });
  }
}

/** Kind 5 (version 2): `K_i` is 64 fresh random bytes; the encapsulation is what `wrap` made of them. */
export const external: LayerDescriptor<ExternalLayerKey> = {
  kind: 'external',
  id: EXTERNAL_ID,
  versions: [2],
  encapsulation: { min: 1, max: ENVELOPE_LIMITS.maxExternalEncapsulationBytes },
  synchronous: false,
  parts: [{ name: 'ref', member: 'ref' }],
  problem: externalProblem,
  keyId: (layer) => externalKeyId(layer.name),
  material: (layer) => utf8(layer.name),
  sealing: (layer) => layer,
  openProblem: () => undefined,
  exportParts: (layer) => [{ part: 'ref', material: utf8(layer.name) }],
  importPart: ({ material }, kid, options) => {
    const name = decodeName(material);
    if (options.resolveExternal === undefined) {
      throw new EnvelopeError(
        'ERR_ENVELOPE_KEY_INVALID',
        `external layer ${name} needs a resolver (the \`resolveExternal\` import option)`,
      );
    }
    return externalLayer({ ...options.resolveExternal({ name, kid }), name });
  },
  seal: async (layer, context, random) => {
    const key = draw(random, LAYER_KEY_BYTES);
    return { key, encapsulation: await wrapWith(layer, key, context) };
  },
  open: (layer, encapsulation, context) => unwrapWith(layer, encapsulation, context),
};
