import { toBase64 } from '../encoding/base64.js';
import { algorithmInfo, type SigningAlgorithm } from './algorithms.js';
import { decodeBase64 } from './base64.js';
import { SignError } from './errors.js';
import { assertSignatureLength, SIGNATURE_CONTEXTS } from './primitives.js';
import { formatTimestamp, parseTimestamp } from './time.js';

/** One signature as the text formats carry it. */
export interface SignatureRecord {
  readonly algorithm: SigningAlgorithm;
  readonly keyId: string;
  /** Seconds since the Unix epoch. */
  readonly created: number;
  /** Unsigned comment (detached format only; `''` otherwise). */
  readonly comment: string;
  /** Signed comment (detached format only; `''` otherwise). */
  readonly trustedComment: string;
  readonly signature: Uint8Array;
}

type FieldName = 'format' | 'comment' | 'algorithm' | 'key-id' | 'created' | 'trusted-comment';

/** The fields of each format, in their only allowed order; `signature:` always follows. */
const LAYOUT: Readonly<Record<'maml' | 'detached', readonly FieldName[]>> = {
  maml: ['format', 'algorithm', 'key-id', 'created'],
  detached: ['format', 'comment', 'algorithm', 'key-id', 'created', 'trusted-comment'],
};

/**
 * Longest comment or trusted comment of a detached signature, in characters.
 *
 * @example
 * ```ts
 * import { MAX_COMMENT_CHARS, signDetached } from 'mamlkit/sign';
 * signDetached(bytes, key, { trustedComment: title.slice(0, MAX_COMMENT_CHARS) });
 * ```
 */
export const MAX_COMMENT_CHARS = 1024;

/** Base64 signature lines are wrapped at this width. */
const WRAP = 76;

const KEY_ID = /^[\w-]{43}$/;

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function fieldValue(name: FieldName, purpose: 'maml' | 'detached', record: SignatureRecord): string {
  switch (name) {
    case 'format':
      return SIGNATURE_CONTEXTS[purpose];
    case 'comment':
      return record.comment;
    case 'algorithm':
      return record.algorithm;
    case 'key-id':
      return record.keyId;
    case 'created':
      return formatTimestamp(record.created);
    case 'trusted-comment':
      return record.trustedComment;
  }
}

/** Checks a comment before it is written (it must fit on one line). */
export function checkComment(text: string, what: string): string {
  if (typeof text !== 'string' || CONTROL.test(text) || text.length > MAX_COMMENT_CHARS) {
    throw new SignError(
      text.length > MAX_COMMENT_CHARS ? 'ERR_LIMIT_EXCEEDED' : 'ERR_INVALID_ARGUMENT',
      `${what} must be one line of at most ${MAX_COMMENT_CHARS} characters without control characters`,
    );
  }
  return text;
}

/** Writes a signature in its text format, as lines without line endings. */
export function formatSignatureLines(purpose: 'maml' | 'detached', record: SignatureRecord): string[] {
  const lines = LAYOUT[purpose].map((name) => {
    const value = fieldValue(name, purpose, record);
    return value === '' ? `${name}:` : `${name}: ${value}`;
  });
  lines.push('signature:');
  const base64 = toBase64(record.signature);
  for (let i = 0; i < base64.length; i += WRAP) lines.push(base64.slice(i, i + WRAP));
  return lines;
}

function formatError(purpose: 'maml' | 'detached', message: string): SignError {
  const what = purpose === 'maml' ? 'maml-signature block' : 'detached signature';
  return new SignError('ERR_SIGN_FORMAT', `${what}: ${message}`);
}

/**
 * Formats mamlkit wrote once and reads no more, with what became of them: a v1 detached
 * signature signed the whole content, which cannot be checked in constant memory.
 */
const RETIRED_FORMATS: ReadonlyMap<string, string> = /* @__PURE__ */ new Map([
  ['mamlkit/detached-signature/v1', 'a retired format that signed the whole content; sign the file again'],
]);

/** Checks the `format:` line first, so that a signature of another kind or version gets a clear message. */
function checkFormat(purpose: 'maml' | 'detached', first: string | undefined): void {
  const expected = SIGNATURE_CONTEXTS[purpose];
  if (first === `format: ${expected}`) return;
  const other = purpose === 'maml' ? SIGNATURE_CONTEXTS.detached : SIGNATURE_CONTEXTS.maml;
  const given = first?.startsWith('format: ') === true ? first.slice('format: '.length) : '';
  const retired = RETIRED_FORMATS.get(given);
  if (given === other) throw formatError(purpose, `this is a ${other} signature, not a ${expected} one`);
  if (retired !== undefined)
    throw formatError(purpose, `${given} is ${retired} (mamlkit writes ${expected})`);
  throw formatError(purpose, `line 1 must be "format: ${expected}"`);
}

function readValues(purpose: 'maml' | 'detached', lines: readonly string[]): Map<FieldName, string> {
  checkFormat(purpose, lines[0]);
  const names = LAYOUT[purpose];
  const values = new Map<FieldName, string>();
  names.forEach((name, index) => {
    const line = lines[index];
    if (line === undefined || !line.startsWith(`${name}:`)) {
      throw formatError(
        purpose,
        `line ${index + 1} must be "${name}: …" (fields: ${names.join(', ')}, signature)`,
      );
    }
    const rest = line.slice(name.length + 1);
    if (rest === ' ')
      throw formatError(purpose, `line ${index + 1}: an empty "${name}" is written "${name}:"`);
    if (rest !== '' && !rest.startsWith(' '))
      throw formatError(purpose, `line ${index + 1}: a space follows "${name}:"`);
    const value = rest.slice(1);
    if (CONTROL.test(value) || value.length > MAX_COMMENT_CHARS) {
      throw formatError(purpose, `line ${index + 1}: "${name}" is too long or holds control characters`);
    }
    values.set(name, value);
  });
  return values;
}

/**
 * Parses a signature from its lines (line endings already removed). Strict: exact field names
 * and order, canonical values, canonical base64 wrapped at 76 characters, the algorithm's exact
 * signature size; the lines must be exactly what {@link formatSignatureLines} writes.
 *
 * @throws {SignError} `ERR_SIGN_FORMAT`, `ERR_SIGN_ALGORITHM`, `ERR_SIGN_BASE64`,
 * `ERR_SIGN_SIGNATURE_LENGTH`.
 */
export function parseSignatureLines(purpose: 'maml' | 'detached', lines: readonly string[]): SignatureRecord {
  const values = readValues(purpose, lines);
  const count = LAYOUT[purpose].length;
  if (lines[count] !== 'signature:') throw formatError(purpose, `line ${count + 1} must be "signature:"`);
  const body = lines.slice(count + 1);
  if (body.length === 0) throw formatError(purpose, 'the signature is missing');
  const last = body.length - 1;
  if (
    !body.every((line, i) => (i === last ? line.length > 0 && line.length <= WRAP : line.length === WRAP))
  ) {
    throw formatError(
      purpose,
      `the signature must follow "signature:" in lines of ${WRAP} characters (the last one shorter)`,
    );
  }
  const algorithm = algorithmInfo(values.get('algorithm')).name;
  const keyId = values.get('key-id') ?? '';
  if (!KEY_ID.test(keyId)) throw formatError(purpose, 'key-id must be a 43-character base64url thumbprint');
  const record: SignatureRecord = {
    algorithm,
    keyId,
    created: parseTimestamp(values.get('created') ?? '', 'created'),
    comment: values.get('comment') ?? '',
    trustedComment: values.get('trusted-comment') ?? '',
    signature: decodeBase64(body.join(''), 'signature'),
  };
  assertSignatureLength(algorithm, record.signature);
  return record;
}
