import { scrypt } from '@noble/hashes/scrypt.js';
import { concat, utf8 } from '../bytes.js';
import { EnvelopeError } from '../errors.js';
import { LABELS } from '../kdf.js';
import { ENVELOPE_LIMITS } from '../limits.js';
import { draw } from '../random.js';
import type { LayerDescriptor } from './descriptor.js';

/** A layer held as a passphrase: `K_i` comes from scrypt over it (see the spec, "Passphrase layers"). */
export interface PassphraseLayerKey {
  readonly kind: 'passphrase';
  /** Always `0000000000000000`: a passphrase layer names no key (see the spec). */
  readonly kid: string;
  readonly passphrase: string;
  /** log2 of the scrypt cost N used when sealing (default 18). */
  readonly workFactor?: number;
}

/** The key id of every passphrase layer. */
export const PASSPHRASE_KID = '0000000000000000';
/** Length of the random scrypt salt in the encapsulation. */
const SALT_BYTES = 16;
/** scrypt block size parameter r. */
const BLOCK_SIZE = 8;

function workFactorProblem(workFactor: unknown): string | undefined {
  const { minWorkFactor: min, maxWorkFactor: max } = ENVELOPE_LIMITS;
  return workFactor === undefined ||
    (Number.isSafeInteger(workFactor) && (workFactor as number) >= min && (workFactor as number) <= max)
    ? undefined
    : `a passphrase work factor is an integer from ${min} to ${max}`;
}

function passphraseProblem(layer: PassphraseLayerKey): string | undefined {
  if (typeof layer.passphrase !== 'string' || layer.passphrase === '')
    return 'a passphrase is a non-empty string';
  return workFactorProblem(layer.workFactor);
}

/**
 * Builds a passphrase layer. The passphrase is used NFC-normalised, as UTF-8; sealing costs
 * scrypt with N = 2^`workFactor` (default 18: about 256 MiB and a second or two).
 *
 * @throws {EnvelopeError} `ERR_ENVELOPE_KEY_INVALID` for an empty passphrase or a work factor
 * outside 10 to 20.
 *
 * @example
 * ```ts
 * import { createKeyring, generateLayerKey, passphraseLayer } from 'mamlkit/envelope';
 * const keyring = createKeyring([generateLayerKey(), passphraseLayer('correct horse battery staple')]);
 * ```
 */
export function passphraseLayer(
  passphrase: string,
  options: { readonly workFactor?: number } = {},
): PassphraseLayerKey {
  const layer: PassphraseLayerKey = {
    kind: 'passphrase',
    kid: PASSPHRASE_KID,
    passphrase,
    ...(options.workFactor === undefined ? {} : { workFactor: options.workFactor }),
  };
  const problem = passphraseProblem(layer);
  if (problem !== undefined) throw new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', problem);
  return layer;
}

/** scrypt(NFC passphrase, label ‖ salt, N = 2^workFactor, r = 8, p = 1), 64 bytes. */
function passphraseKey(passphrase: string, workFactor: number, salt: Uint8Array): Uint8Array {
  const N = 2 ** workFactor;
  return scrypt(utf8(passphrase.normalize('NFC')), concat([LABELS.passphrase, salt]), {
    N,
    r: BLOCK_SIZE,
    p: 1,
    dkLen: 64,
    maxmem: 128 * BLOCK_SIZE * (N + 2),
  });
}

/** Kind 4 (version 2): encapsulation = work factor (1 byte) ‖ random salt (16 bytes). */
export const passphrase: LayerDescriptor<PassphraseLayerKey> = {
  kind: 'passphrase',
  id: 4,
  versions: [2],
  encapsulation: { min: 1 + SALT_BYTES, max: 1 + SALT_BYTES },
  synchronous: true,
  parts: [{ name: 'ask', member: 'ask' }],
  problem: passphraseProblem,
  keyId: () => PASSPHRASE_KID,
  material: (layer) => utf8(layer.passphrase.normalize('NFC')),
  sealing: (layer) => layer,
  openProblem: () => undefined,
  exportParts: (layer) => [
    {
      part: 'ask',
      material: layer.workFactor === undefined ? new Uint8Array(0) : Uint8Array.of(layer.workFactor),
    },
  ],
  placeholder: { part: 'ask', material: new Uint8Array(0), kid: PASSPHRASE_KID },
  importPart: ({ material }, _kid, options) => {
    if (material.length > 1) {
      throw new EnvelopeError(
        'ERR_ENVELOPE_KEY_INVALID',
        'a passphrase placeholder holds at most its work factor',
      );
    }
    if (options.passphrase === undefined) {
      throw new EnvelopeError(
        'ERR_ENVELOPE_KEY_INVALID',
        'a passphrase layer needs a passphrase (the `passphrase` import option)',
      );
    }
    const [workFactor] = material;
    return passphraseLayer(options.passphrase, workFactor === undefined ? {} : { workFactor });
  },
  seal: (layer, _context, random) => {
    const workFactor = layer.workFactor ?? ENVELOPE_LIMITS.defaultWorkFactor;
    const salt = draw(random, SALT_BYTES);
    return {
      key: passphraseKey(layer.passphrase, workFactor, salt),
      encapsulation: concat([Uint8Array.of(workFactor), salt]),
    };
  },
  checkOpen: (encapsulation, limits) => {
    const workFactor = encapsulation[0] ?? 0;
    if (workFactor < 1)
      throw new EnvelopeError('ERR_ENVELOPE_FORMAT', 'a passphrase work factor is at least 1');
    if (workFactor > limits.maxWorkFactor) {
      throw new EnvelopeError(
        'ERR_LIMIT_EXCEEDED',
        `passphrase work factor ${workFactor} is above the limit of ${limits.maxWorkFactor} (option maxWorkFactor)`,
      );
    }
  },
  open: (layer, encapsulation) =>
    passphraseKey(layer.passphrase, encapsulation[0] ?? 0, encapsulation.subarray(1)),
};
