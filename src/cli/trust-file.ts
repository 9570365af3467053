import {
  createTrustStore,
  exportSigningJwk,
  importSigningPublicJwk,
  isSigningAlgorithm,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
  type SigningPublicKey,
  type TrustedKeyInput,
  type TrustStore,
} from 'mamlkit/sign';
import { readStrictJson } from '../encoding/strict-json.js';
import { asUsageError, CliError } from './errors.js';

/** The `type` member that marks a trust file. */
export const TRUST_FILE_TYPE = 'mamlkit-trust';
/** The trust file format version this command line reads and writes. */
export const TRUST_FILE_VERSION = 1;

/** Members a trust file may have, and members of each of its key entries. */
const FILE_MEMBERS = ['type', 'version', 'algorithms', 'revoked', 'keys'];
const ENTRY_MEMBERS = ['key', 'notAfter', 'label'];
/** Members of the public JWK inside an entry (`priv` is secret material, refused on its own). */
const PUBLIC_JWK_MEMBERS = ['kty', 'alg', 'pub', 'kid', 'created'];
/** A key id: the base64url SHA-256 thumbprint of a key. */
const KEY_ID = /^[\w-]{43}$/;
/** Whether text is a key id (43 base64url characters). */
export function isKeyId(text: string): boolean {
  return KEY_ID.test(text);
}

/** The one time form of a trust file and of `--not-after`. */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A trust file as JSON: the library's trust store, public keys only. */
export interface TrustFileJson {
  readonly type: typeof TRUST_FILE_TYPE;
  readonly version: typeof TRUST_FILE_VERSION;
  readonly algorithms?: readonly SigningAlgorithm[];
  readonly revoked?: readonly string[];
  readonly keys: readonly {
    readonly key: ReturnType<typeof exportSigningJwk>;
    readonly notAfter?: string;
    readonly label?: string;
  }[];
}

/** A bad trust file: `ERR_TRUST_FILE` naming the file (exit status 2). */
function trustFileError(path: string, why: string): CliError {
  return new CliError('ERR_TRUST_FILE', `${path}: ${why}`);
}

/** Secret key material where only a public key belongs: `ERR_KEY_SECRET` (exit status 2). */
export function secretKeyError(path: string, where: string): CliError {
  return new CliError(
    'ERR_KEY_SECRET',
    `${path}: ${where} holds a SECRET signing key; trust takes public keys only: pass the public key ('mamlkit key public ${path} --out ${path}.pub')`,
  );
}

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads JSON text strictly (a duplicate member at any depth is an error), naming `path`. */
export function readJsonFile(text: string, path: string): unknown {
  return readStrictJson(text, (_problem, message) => trustFileError(path, `not valid JSON: ${message}`));
}

/** Whether parsed JSON is a trust file (its `type` says so). */
export function isTrustFileJson(value: unknown): boolean {
  return isJsonObject(value) && value['type'] === TRUST_FILE_TYPE;
}

/** A UTC time `2026-12-31T23:59:59Z` that names a real instant, or `undefined`. */
export function parseUtcTime(text: string): Date | undefined {
  if (!UTC_TIME.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || date.toISOString().replace('.000Z', 'Z') !== text ? undefined : date;
}

function refuseUnknown(
  object: Readonly<Record<string, unknown>>,
  known: readonly string[],
  fail: (why: string) => CliError,
  where: string,
): void {
  const unknown = Object.keys(object).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw fail(`${where} has an unknown member "${unknown}" (known: ${known.join(', ')})`);
  }
}

function stringList(value: unknown, name: string, fail: (why: string) => CliError): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw fail(`"${name}" must be a list of strings`);
  }
  const twice = value.find((item, index) => value.indexOf(item) !== index);
  if (twice !== undefined) throw fail(`"${name}" lists ${twice} twice`);
  return value;
}

function algorithmList(value: unknown, fail: (why: string) => CliError): readonly SigningAlgorithm[] {
  const names = stringList(value, 'algorithms', fail);
  if (names.length === 0) throw fail('"algorithms" is empty: it would refuse every signature');
  const unknown = names.find((name) => !isSigningAlgorithm(name));
  if (unknown !== undefined) {
    throw fail(`"algorithms" names ${unknown}; known: ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  return names as SigningAlgorithm[];
}

function revokedList(value: unknown, fail: (why: string) => CliError): readonly string[] {
  const ids = stringList(value, 'revoked', fail);
  const bad = ids.find((id) => !KEY_ID.test(id));
  if (bad !== undefined) {
    throw fail(`"revoked" holds '${bad}', which is not a key id (43 base64url characters)`);
  }
  return ids;
}

function keyEntry(value: unknown, index: number, path: string): TrustedKeyInput {
  const fail = (why: string): CliError => trustFileError(path, `keys[${index}]: ${why}`);
  if (!isJsonObject(value)) throw fail('an entry is an object with "key" and optional "notAfter", "label"');
  refuseUnknown(value, ENTRY_MEMBERS, fail, 'the entry');
  const { key, notAfter, label } = value;
  if (!isJsonObject(key)) throw fail('"key" must be a public JWK object');
  if (key['priv'] !== undefined) throw secretKeyError(path, `keys[${index}]`);
  refuseUnknown(key, PUBLIC_JWK_MEMBERS, fail, '"key"');
  const publicKey = asUsageError(`${path}: keys[${index}]`, () => importSigningPublicJwk(key));
  if (label !== undefined && typeof label !== 'string') throw fail('"label" must be a string');
  let date: Date | undefined;
  if (notAfter !== undefined) {
    date = typeof notAfter === 'string' ? parseUtcTime(notAfter) : undefined;
    if (date === undefined) throw fail('"notAfter" must be a UTC time like 2026-12-31T23:59:59Z');
  }
  return {
    key: publicKey,
    ...(date === undefined ? {} : { notAfter: date }),
    ...(label === undefined ? {} : { label }),
  };
}

/**
 * Reads a trust file (docs/spec/trust.md) into the library's trust store. Strict: unknown
 * members, a duplicate member, a wrong version, a malformed key id or time, and secret key
 * material are errors naming `path`.
 *
 * @example
 * ```ts
 * const trust = parseTrustFile(readJsonFile(text, 'trust.json'), 'trust.json');
 * ```
 */
export function parseTrustFile(json: unknown, path: string): TrustStore {
  const fail = (why: string): CliError => trustFileError(path, why);
  if (!isJsonObject(json) || json['type'] !== TRUST_FILE_TYPE) {
    throw fail(`a trust file is a JSON object with "type": "${TRUST_FILE_TYPE}"`);
  }
  refuseUnknown(json, FILE_MEMBERS, fail, 'the trust file');
  if (json['version'] !== TRUST_FILE_VERSION) {
    throw fail(`"version" must be ${TRUST_FILE_VERSION}, not ${JSON.stringify(json['version'])}`);
  }
  const { keys, algorithms, revoked } = json;
  if (!Array.isArray(keys) || keys.length === 0) throw fail('"keys" must list at least one key');
  const entries = keys.map((entry, index) => keyEntry(entry, index, path));
  const options = {
    ...(algorithms === undefined ? {} : { algorithms: algorithmList(algorithms, fail) }),
    ...(revoked === undefined ? {} : { revoked: revokedList(revoked, fail) }),
  };
  return asUsageError(path, () => createTrustStore(entries, options));
}

/** What `mamlkit key trust` writes: public keys with their constraints. */
export interface TrustFileInput {
  readonly keys: readonly SigningPublicKey[];
  readonly notAfter?: Date;
  readonly algorithms?: readonly SigningAlgorithm[];
  readonly revoked?: readonly string[];
}

/**
 * A trust file's text for keys and constraints (checked by reading it back with
 * {@link parseTrustFile}, so what is written is what is read).
 *
 * @example
 * ```ts
 * const text = trustFileText({ keys: [releaseKey], revoked: [oldKeyId] }, 'trust.json');
 * ```
 */
export function trustFileText(input: TrustFileInput, path: string): string {
  const notAfter = input.notAfter?.toISOString().replace('.000Z', 'Z');
  const json: TrustFileJson = {
    type: TRUST_FILE_TYPE,
    version: TRUST_FILE_VERSION,
    ...(input.algorithms === undefined ? {} : { algorithms: input.algorithms }),
    ...(input.revoked === undefined || input.revoked.length === 0 ? {} : { revoked: input.revoked }),
    keys: input.keys.map((key) => ({
      key: exportSigningJwk(key),
      ...(notAfter === undefined ? {} : { notAfter }),
    })),
  };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  parseTrustFile(readJsonFile(text, path), path);
  return text;
}
