import { readStrictJson } from '../encoding/strict-json.js';
import { CliError } from './errors.js';
import { sourceName } from './io.js';
import { isJsonObject, isTrustFileJson } from './trust-file.js';

/** What a file given to a command is, told from its first bytes. */
export type FileKind =
  | 'envelope'
  | 'armored-envelope'
  | 'maml'
  | 'secret-signing-key'
  | 'public-signing-key'
  | 'keyring'
  | 'public-keyring'
  | 'audit-log'
  | 'detached-signature'
  | 'trust-file'
  | 'other';

/** How each kind is named in messages. */
const KIND_NAMES: Readonly<Record<FileKind, string>> = {
  envelope: 'an envelope',
  'armored-envelope': 'an armored envelope',
  maml: 'a MAML document',
  'secret-signing-key': 'a secret signing key',
  'public-signing-key': 'a public signing key',
  keyring: 'a keyring',
  'public-keyring': 'a public sealing keyring',
  'audit-log': 'an audit log',
  'detached-signature': 'a detached signature',
  'trust-file': 'a trust file',
  other: 'a file of another kind',
};

/** What to do with a file of each kind instead. */
const KIND_HINTS: Readonly<Record<FileKind, string>> = {
  envelope: 'to decrypt it use mamlkit open',
  'armored-envelope': 'to decrypt it use mamlkit open',
  maml: 'to check a signature use mamlkit verify',
  'secret-signing-key': 'it signs, given with --key or --sign; --trust takes its public key, the .pub file',
  'public-signing-key': 'it checks signatures, given with --trust; signing needs its secret key',
  keyring: 'give it with --keyring',
  'public-keyring': 'it seals, given to seal or to rotate --to, but cannot open',
  'audit-log': 'to check it use mamlkit audit verify',
  'detached-signature': 'verify the file it signs: mamlkit verify FILE --detached',
  'trust-file': 'it lists trusted keys, given as the only --trust',
  other: '',
};

/** Bytes of a file's start that {@link sniffFileKind} looks at: all of a key, keyring or trust file (none is larger). */
export const SNIFF_BYTES: number = 1024 * 1024;

const ENVELOPE_MAGIC = [0x4d, 0x4b, 0x45, 0x56]; // "MKEV"
const ARMOR_BEGIN = '-----BEGIN MAMLKIT ENVELOPE-----';
const KEY_LINE = 'mamlkit-key-1:';

/** The kind of a keyring text: it has key lines (`mamlkit-key-1:KIND:PART:…`), secret when one holds a secret part. */
function keyringKind(text: string): FileKind | undefined {
  const keyLines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(KEY_LINE));
  if (keyLines.length === 0) return undefined;
  return keyLines.some((line) => line.split(':')[2] === 'secret') ? 'keyring' : 'public-keyring';
}

/**
 * The kind of a JSON key file, read strictly (a duplicate member makes it no kind): a trust file
 * by its `type`, an ML-DSA JWK by `"kty": "AKP"`, secret when it has `priv`.
 */
function jsonKind(text: string): FileKind {
  let json: unknown;
  try {
    json = readStrictJson(text, (_problem, message) => new SyntaxError(message));
  } catch {
    return 'other';
  }
  if (isTrustFileJson(json)) return 'trust-file';
  if (!isJsonObject(json) || json['kty'] !== 'AKP') return 'other';
  return json['priv'] === undefined ? 'public-signing-key' : 'secret-signing-key';
}

/** Whether the first line of `text` is a JSON object with the fields of an audit entry. */
function isAuditLine(text: string): boolean {
  const end = text.indexOf('\n');
  if (end < 0) return false;
  try {
    const entry: unknown = JSON.parse(text.slice(0, end));
    return (
      typeof entry === 'object' && entry !== null && 'actor' in entry && 'hash' in entry && 'seq' in entry
    );
  } catch {
    return false;
  }
}

/**
 * The kind of a file from its first bytes or characters (up to {@link SNIFF_BYTES}): the binary envelope magic,
 * envelope armor (also a protected keyring), MAML front matter, a detached signature, an audit log line, a trust
 * file or an ML-DSA JWK (secret when it has `priv`; JSON parsed strictly), a keyring (public when no key line is
 * secret), or `other`. The one decision of what a file is: each command then parses the file as the kind named.
 *
 * @example
 * ```ts
 * sniffFileKind(new TextEncoder().encode('---\nmaml_version: "2.0.0"\n')); // 'maml'
 * ```
 */
export function sniffFileKind(head: Uint8Array | string): FileKind {
  if (typeof head !== 'string' && ENVELOPE_MAGIC.every((byte, i) => head[i] === byte)) return 'envelope';
  const text = (
    typeof head === 'string'
      ? head.slice(0, SNIFF_BYTES)
      : new TextDecoder().decode(head.subarray(0, SNIFF_BYTES))
  ).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith(ARMOR_BEGIN)) return 'armored-envelope';
  if (/^---[ \t]*\r?\n/.test(text)) return 'maml';
  if (start.startsWith('format: mamlkit/detached-signature/')) return 'detached-signature';
  if (start.startsWith('{')) return isAuditLine(start) ? 'audit-log' : jsonKind(start);
  return keyringKind(text) ?? 'other';
}

/**
 * The kind of a file ({@link sniffFileKind}), refusing a known kind other than the `expected` ones
 * with a message naming the file, its source, what it is and what to do with it; a file of an
 * `expected` kind, or of no kind it recognises (`other`), is left to the command's own parser.
 *
 * @example
 * ```ts
 * expectFileKind(head, 'notes.md', INPUT_FILE, ['envelope', 'armored-envelope'], 'an envelope');
 * // ERR_FILE_KIND: input file 'notes.md' is a MAML document, not an envelope (to check a signature use mamlkit verify)
 * ```
 */
export function expectFileKind(
  head: Uint8Array | string,
  path: string,
  source: string,
  expected: readonly FileKind[],
  wanted: string,
): FileKind {
  const kind = sniffFileKind(head);
  if (kind === 'other' || expected.includes(kind)) return kind;
  const hint = KIND_HINTS[kind];
  throw new CliError(
    'ERR_FILE_KIND',
    `${sourceName(source, path)} is ${KIND_NAMES[kind]}, not ${wanted}${hint === '' ? '' : ` (${hint})`}`,
  );
}

/** The kinds an envelope input may be. */
export const ENVELOPE_KINDS: readonly FileKind[] = ['envelope', 'armored-envelope'];

/**
 * Refuses a file that is not a MAML document (an envelope, a key, a signature…) with
 * {@link expectFileKind}.
 *
 * @example
 * ```ts
 * expectMaml(bytes, 'notes.md.mkenv', INPUT_FILE);
 * // ERR_FILE_KIND: input file 'notes.md.mkenv' is an envelope, not a MAML document (to decrypt it use mamlkit open)
 * ```
 */
export function expectMaml(head: Uint8Array | string, path: string, source: string): void {
  expectFileKind(head, path, source, ['maml'], 'a MAML document');
}
