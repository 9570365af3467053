import { fromBase64Url, toBase64Url } from '../encoding/base64.js';
import { EnvelopeError } from './errors.js';
import { createKeyring, type Keyring } from './keyring.js';
import type { KeyImportOptions, PartValue } from './layers/descriptor.js';
import {
  descriptorOf,
  LAYER_DESCRIPTORS,
  type AnyLayerDescriptor,
  type LayerKey,
  type LayerKind,
} from './layers/index.js';
import { layerDescriptor } from './keys.js';
import { checkMax } from './limits.js';

export type { ExternalCallbacks, KeyImportOptions } from './layers/descriptor.js';

const PREFIX = 'mamlkit-key-1';
/** Longest key or keyring text accepted (8 public ML-KEM-1024 layers fit easily). */
const MAX_KEY_TEXT = 64 * 1024;

/**
 * JSON form of a layer key (JWK-like): `k` is secret material, `pub` a KEM public key, `ref`
 * an external layer's name, `ask` (empty) a passphrase layer's placeholder; all base64url.
 */
export interface LayerKeyJwk {
  readonly kty: 'mamlkit-layer';
  readonly alg: LayerKind;
  readonly kid: string;
  readonly k?: string;
  readonly pub?: string;
  readonly ref?: string;
  readonly ask?: string;
}

/** Options of the exporters. */
export interface KeyExportOptions {
  /** Write only what sealing needs (KEM layers lose their secret half). */
  readonly public?: boolean;
}

function invalid(message: string): EnvelopeError {
  return new EnvelopeError('ERR_ENVELOPE_KEY_INVALID', message);
}

function decodeMaterial(text: string, what: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (bytes === undefined) throw invalid(`${what} is not canonical base64url`);
  return bytes;
}

function knownDescriptor(kind: string): AnyLayerDescriptor {
  const descriptor = descriptorOf(kind);
  if (descriptor === undefined) throw invalid(`unknown layer kind ${kind}`);
  return descriptor;
}

/** Rebuilds a layer from one part and checks the stated key id against the recomputed one. */
function rebuild(kind: string, value: PartValue, kid: string, options: KeyImportOptions): LayerKey {
  const descriptor = knownDescriptor(kind);
  if (!descriptor.parts.some((part) => part.name === value.part)) {
    throw invalid(
      `a ${kind} key part is ${descriptor.parts.map((part) => part.name).join(' or ')}, not ${value.part}`,
    );
  }
  const layer = descriptor.importPart(value, kid, options);
  if (layer.kid !== kid) throw invalid(`key id ${kid} does not match the key (corrupted or mistyped key)`);
  return layer;
}

function textLine(kind: string, kid: string, value: PartValue): string {
  return `${PREFIX}:${kind}:${value.part}:${kid}:${toBase64Url(value.material)}`;
}

function exportParts(layer: LayerKey, options: KeyExportOptions): readonly PartValue[] {
  return layerDescriptor(layer.kind).exportParts(layer, options.public === true);
}

/**
 * Text form of a layer: `mamlkit-key-1:<kind>:<part>:<kid>:<base64url>`. KEM key pairs
 * export their seed unless `public` is set; symmetric keys are always secret; a passphrase
 * layer is a placeholder (`ask`, never the passphrase) and an external layer a reference
 * (`ref`, its name).
 *
 * @example
 * ```ts
 * import { exportLayerKey, generateLayerKey } from 'mamlkit/envelope';
 * const text = exportLayerKey(generateLayerKey()); // 'mamlkit-key-1:aes-siv:secret:…'
 * ```
 */
export function exportLayerKey(layer: LayerKey, options: KeyExportOptions = {}): string {
  const [first] = exportParts(layer, options);
  if (first === undefined) throw invalid(`a ${layer.kind} layer has no text form`);
  return textLine(layer.kind, layer.kid, first);
}

/**
 * The key-file line that names a layer whose secret is supplied when the file is read (a
 * passphrase layer: "ask for a passphrase here"), for kinds that have one.
 *
 * @example
 * ```ts
 * import { layerPlaceholder } from 'mamlkit/envelope';
 * layerPlaceholder('passphrase'); // 'mamlkit-key-1:passphrase:ask:0000000000000000:'
 * ```
 */
export function layerPlaceholder(kind: LayerKind): string {
  const { placeholder } = knownDescriptor(kind);
  if (placeholder === undefined)
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', `a ${kind} layer has no placeholder`);
  return textLine(kind, placeholder.kid, placeholder);
}

/**
 * Reads a layer written by {@link exportLayerKey}; checks lengths and the key id. A passphrase
 * placeholder takes the `passphrase` option; an external reference the `resolveExternal` one.
 *
 * @example
 * ```ts
 * import { importLayerKey } from 'mamlkit/envelope';
 * const layer = importLayerKey(text);
 * ```
 */
export function importLayerKey(text: string, options: KeyImportOptions = {}): LayerKey {
  if (typeof text !== 'string') throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'key text must be a string');
  checkMax(text.length, MAX_KEY_TEXT, 'key text length');
  const parts = text.trim().split(':');
  const [prefix, kind, part, kid, material] = parts;
  if (
    parts.length !== 5 ||
    prefix !== PREFIX ||
    kind === undefined ||
    part === undefined ||
    kid === undefined ||
    material === undefined
  ) {
    throw invalid(`a layer key reads ${PREFIX}:<kind>:<part>:<kid>:<base64url>`);
  }
  return rebuild(kind, { part, material: decodeMaterial(material, 'key material') }, kid, options);
}

/**
 * JSON (JWK-like) form of a layer: `{ kty: 'mamlkit-layer', alg, kid, … }` with the members
 * of its parts (`k`, `pub`, `ref`, `ask`).
 *
 * @example
 * ```ts
 * import { exportLayerKeyJwk, generateRecipientKeyPair } from 'mamlkit/envelope';
 * const jwk = exportLayerKeyJwk(generateRecipientKeyPair(), { public: true });
 * ```
 */
export function exportLayerKeyJwk(layer: LayerKey, options: KeyExportOptions = {}): LayerKeyJwk {
  const { parts } = layerDescriptor(layer.kind);
  const members: Record<string, string> = {};
  for (const { part, material } of exportParts(layer, options)) {
    members[parts.find((entry) => entry.name === part)?.member ?? part] = toBase64Url(material);
  }
  return { kty: 'mamlkit-layer', alg: layer.kind, kid: layer.kid, ...members };
}

/**
 * Reads a layer from its JSON form: the first part its kind prefers builds it, and every other
 * member given must be what that layer exports (a KEM key pair's `pub` must match its seed).
 *
 * @example
 * ```ts
 * import { importLayerKeyJwk } from 'mamlkit/envelope';
 * const layer = importLayerKeyJwk(JSON.parse(json));
 * ```
 */
export function importLayerKeyJwk(jwk: LayerKeyJwk, options: KeyImportOptions = {}): LayerKey {
  const value = jwk as unknown as Partial<Record<string, unknown>> | null;
  if (value === null || typeof value !== 'object' || value.kty !== 'mamlkit-layer')
    throw invalid('kty must be mamlkit-layer');
  const { alg, kid } = value;
  if (typeof alg !== 'string' || typeof kid !== 'string') throw invalid('alg and kid are strings');
  const descriptor = knownDescriptor(alg);
  const foreign = LAYER_DESCRIPTORS.flatMap((entry) => entry.parts.map((part) => part.member)).find(
    (member) => value[member] !== undefined && !descriptor.parts.some((part) => part.member === member),
  );
  if (foreign !== undefined) throw invalid(`a ${alg} layer has no ${foreign} member`);
  const given = descriptor.parts.filter((part) => value[part.member] !== undefined);
  const first = given[0];
  if (first === undefined) {
    throw invalid(`a ${alg} layer has ${descriptor.parts.map((part) => part.member).join(' or ')}`);
  }
  const member = (name: string): string => {
    const text = value[name];
    if (typeof text !== 'string') throw invalid(`${name} is a string`);
    return text;
  };
  const layer = rebuild(
    alg,
    { part: first.name, material: decodeMaterial(member(first.member), first.member) },
    kid,
    options,
  );
  const exported = exportLayerKeyJwk(layer) as unknown as Record<string, unknown>;
  for (const part of given.slice(1)) {
    if (member(part.member) !== exported[part.member])
      throw invalid(`${part.member} does not match the secret key`);
  }
  return layer;
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
export function exportKeyring(keyring: Keyring, options: KeyExportOptions = {}): string {
  return `${keyring.layers.map((layer) => exportLayerKey(layer, options)).join('\n')}\n`;
}

/**
 * Reads a keyring written by {@link exportKeyring}; blank lines and `#` comments are skipped.
 * Passphrase placeholders take the `passphrase` option, external references `resolveExternal`.
 *
 * @example
 * ```ts
 * import { importKeyring } from 'mamlkit/envelope';
 * const keyring = importKeyring(text);
 * const withPassphrase = importKeyring(text, { passphrase: 'correct horse battery staple' });
 * ```
 */
export function importKeyring(text: string, options: KeyImportOptions = {}): Keyring {
  if (typeof text !== 'string')
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'keyring text must be a string');
  checkMax(text.length, MAX_KEY_TEXT, 'keyring text length');
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return createKeyring(
    lines.filter((line) => line !== '' && !line.startsWith('#')).map((line) => importLayerKey(line, options)),
  );
}
