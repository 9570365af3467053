import { fromBase64Url, toBase64Url } from '../encoding/base64.js';
import { EnvelopeError } from './errors.js';
import {
  recipientKeyPairFromSeed,
  recipientPublicKey,
  symmetricLayerKey,
  type LayerKey,
  type LayerKind,
} from './keys.js';
import { createKeyring, type Keyring } from './keyring.js';
import { checkMax } from './limits.js';

const PREFIX = 'mamlkit-key-1';
const KINDS: readonly LayerKind[] = ['aes-siv', 'ml-kem-1024', 'x-wing'];
/** Longest key or keyring text accepted (8 public ML-KEM-1024 layers fit easily). */
const MAX_KEY_TEXT = 64 * 1024;

/** JSON form of a layer key (JWK-like; `k` is secret material, `pub` the KEM public key). */
export interface LayerKeyJwk {
  readonly kty: 'mamlkit-layer';
  readonly alg: LayerKind;
  readonly kid: string;
  readonly k?: string;
  readonly pub?: string;
}

function invalid(message: string): EnvelopeError {
  return new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', message);
}

function decodeMaterial(text: string, what: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (bytes === undefined) throw invalid(`${what} is not canonical base64url`);
  return bytes;
}

/** Rebuilds a layer from its parts and checks the stated key id against the recomputed one. */
function rebuild(kind: string, part: 'secret' | 'public', kid: string, material: Uint8Array): LayerKey {
  if (!KINDS.includes(kind as LayerKind)) throw invalid(`unknown layer kind ${kind}`);
  const layer =
    kind === 'aes-siv'
      ? part === 'secret'
        ? symmetricLayerKey(material)
        : undefined
      : part === 'secret'
        ? recipientKeyPairFromSeed(kind as 'ml-kem-1024' | 'x-wing', material)
        : recipientPublicKey(kind as 'ml-kem-1024' | 'x-wing', material);
  if (layer === undefined) throw invalid('an aes-siv layer key has no public form');
  if (layer.kid !== kid) throw invalid(`key id ${kid} does not match the key (corrupted or mistyped key)`);
  return layer;
}

/**
 * Text form of a layer: `mamlkit-key-1:<kind>:<secret|public>:<kid>:<base64url>`. KEM key pairs
 * export their seed unless `public` is set; symmetric keys are always secret.
 *
 * @example
 * ```ts
 * import { exportLayerKey, generateLayerKey } from 'mamlkit/envelope';
 * const text = exportLayerKey(generateLayerKey()); // 'mamlkit-key-1:aes-siv:secret:…'
 * ```
 */
export function exportLayerKey(layer: LayerKey, options: { readonly public?: boolean } = {}): string {
  if (layer.kind === 'aes-siv') return `${PREFIX}:aes-siv:secret:${layer.kid}:${toBase64Url(layer.key)}`;
  if ('seed' in layer && options.public !== true) {
    return `${PREFIX}:${layer.kind}:secret:${layer.kid}:${toBase64Url(layer.seed)}`;
  }
  return `${PREFIX}:${layer.kind}:public:${layer.kid}:${toBase64Url(layer.publicKey)}`;
}

/**
 * Reads a layer written by {@link exportLayerKey}; checks lengths and the key id.
 *
 * @example
 * ```ts
 * import { importLayerKey } from 'mamlkit/envelope';
 * const layer = importLayerKey(text);
 * ```
 */
export function importLayerKey(text: string): LayerKey {
  if (typeof text !== 'string') throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'key text must be a string');
  checkMax(text.length, MAX_KEY_TEXT, 'key text length');
  const parts = text.trim().split(':');
  const [prefix, kind, part, kid, material] = parts;
  if (
    parts.length !== 5 ||
    prefix !== PREFIX ||
    kind === undefined ||
    kid === undefined ||
    material === undefined
  ) {
    throw invalid(`a layer key reads ${PREFIX}:<kind>:<secret|public>:<kid>:<base64url>`);
  }
  if (part !== 'secret' && part !== 'public')
    throw invalid(`key part must be secret or public, not ${String(part)}`);
  return rebuild(kind, part, kid, decodeMaterial(material, 'key material'));
}

/**
 * JSON (JWK-like) form of a layer: `{ kty: 'mamlkit-layer', alg, kid, k?, pub? }`.
 *
 * @example
 * ```ts
 * import { exportLayerKeyJwk, generateRecipientKeyPair } from 'mamlkit/envelope';
 * const jwk = exportLayerKeyJwk(generateRecipientKeyPair(), { public: true });
 * ```
 */
export function exportLayerKeyJwk(layer: LayerKey, options: { readonly public?: boolean } = {}): LayerKeyJwk {
  const base = { kty: 'mamlkit-layer', alg: layer.kind, kid: layer.kid } as const;
  if (layer.kind === 'aes-siv') return { ...base, k: toBase64Url(layer.key) };
  const pub = toBase64Url(layer.publicKey);
  return 'seed' in layer && options.public !== true
    ? { ...base, k: toBase64Url(layer.seed), pub }
    : { ...base, pub };
}

/**
 * Reads a layer from its JSON form; a KEM key pair's `pub` must match its seed.
 *
 * @example
 * ```ts
 * import { importLayerKeyJwk } from 'mamlkit/envelope';
 * const layer = importLayerKeyJwk(JSON.parse(json));
 * ```
 */
export function importLayerKeyJwk(jwk: LayerKeyJwk): LayerKey {
  const value = jwk as Partial<Record<keyof LayerKeyJwk, unknown>> | null;
  if (value === null || typeof value !== 'object' || value.kty !== 'mamlkit-layer')
    throw invalid('kty must be mamlkit-layer');
  const { alg, kid, k, pub } = value;
  if (typeof alg !== 'string' || typeof kid !== 'string') throw invalid('alg and kid are strings');
  if (typeof k === 'string') {
    const layer = rebuild(alg, 'secret', kid, decodeMaterial(k, 'k'));
    if (pub !== undefined && (layer.kind === 'aes-siv' || pub !== toBase64Url(layer.publicKey))) {
      throw invalid('pub does not match the secret key');
    }
    return layer;
  }
  if (typeof pub === 'string') return rebuild(alg, 'public', kid, decodeMaterial(pub, 'pub'));
  throw invalid('a layer key has k or pub');
}

/**
 * Text form of a keyring: one {@link exportLayerKey} line per layer, layer 1 first.
 *
 * @example
 * ```ts
 * import { exportKeyring, generateKeyring } from 'mamlkit/envelope';
 * const text = exportKeyring(generateKeyring());
 * ```
 */
export function exportKeyring(keyring: Keyring, options: { readonly public?: boolean } = {}): string {
  return `${keyring.layers.map((layer) => exportLayerKey(layer, options)).join('\n')}\n`;
}

/**
 * Reads a keyring written by {@link exportKeyring}; blank lines and `#` comments are skipped.
 *
 * @example
 * ```ts
 * import { importKeyring } from 'mamlkit/envelope';
 * const keyring = importKeyring(text);
 * ```
 */
export function importKeyring(text: string): Keyring {
  if (typeof text !== 'string')
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'keyring text must be a string');
  checkMax(text.length, MAX_KEY_TEXT, 'keyring text length');
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return createKeyring(lines.filter((line) => line !== '' && !line.startsWith('#')).map(importLayerKey));
}
