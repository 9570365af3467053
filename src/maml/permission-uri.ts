/**
 * The one grammar of permission patterns and principals: an RFC 3986 URI, restricted so that
 * every string has one reading (see docs/spec/maml.md, "Permissions").
 */

/** A permission pattern or principal, read as a URI. */
export interface PermissionUri {
  /** The scheme, in lower case. */
  readonly scheme: string;
  /** Host labels in lower case; `[]` for an empty authority (`fs:///x`), undefined without `//`. */
  readonly host: readonly string[] | undefined;
  /** The port digits, undefined without a port. */
  readonly port: string | undefined;
  /** Path segments, each non-empty, percent-encoding in upper-case hex. */
  readonly segments: readonly string[];
  /** The query without `?`, undefined without one. */
  readonly query: string | undefined;
}

/** A pattern may hold `*` wildcards; a principal may not. */
export type PermissionUriKind = 'pattern' | 'principal';

/** The reading of a pattern or principal, or why it has none. */
export type PermissionUriReading =
  { readonly ok: true; readonly uri: PermissionUri } | { readonly ok: false; readonly reason: string };

const MAX_LENGTH = 2048;
const SCHEME = /^[a-z][\w+.-]*$/i;
const HOST_LABEL = /^[\w-]+$/;
const PORT = /^[1-9]\d{0,4}$/;
const PERCENT = /%(?![\dA-F]{2})|%[\dA-F]{2}/gi;
const UNRESERVED = /^[\w.~-]$/;
/** `%25` before two hex digits: text a second decoding turns into another character. */
const DOUBLE_ENCODED = /%25[\dA-F]{2}/i;
/** Characters RFC 3986 never allows, besides the ones refused with their own reason below. */
const NOT_IN_URIS = new Set(['"', '<', '>', '^', '`', '{', '|', '}']);
/** Invisible, control, private and non-characters: refused even when percent-encoded. */
const HIDDEN =
  /[\p{White_Space}\p{Cc}\p{Cf}\p{Co}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/u;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const codePoint = (text: string): string =>
  `U+${(text.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a character of the raw text is refused, or undefined when it may appear. */
function refusedCharacter(c: string, kind: PermissionUriKind): string | undefined {
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `a control character (${codePoint(c)})`;
  if (code === 0x20) return 'a space';
  if (code > 0x7f) {
    return HIDDEN.test(c)
      ? `an invisible or control character (${codePoint(c)})`
      : `a non-ASCII character (${codePoint(c)}): percent-encode it, or write a host in punycode (xn--)`;
  }
  if (c === '\\') return 'a backslash';
  if (c === '#') return 'a fragment (#)';
  if (c === '*' && kind === 'principal') return 'a wildcard (*)';
  if (c === '[' || c === ']') return `the character ${c}: IP literals are not supported`;
  return NOT_IN_URIS.has(c) ? `the character ${c}, which URIs do not allow` : undefined;
}

/**
 * Checks the percent-encoding of a path segment or query and returns it with upper-case hex,
 * or why it is refused: malformed escapes, escaped unreserved characters (`%2E`, `%41`: write
 * the character), escaped `/` and `\`, double encoding (`%25` before two hex digits), bytes that
 * are not UTF-8, and text that decodes to an invisible character or is not NFC.
 */
function readEncoded(text: string): { text: string; decoded: string } | { reason: string } {
  if (!text.includes('%')) return { text, decoded: text };
  if (DOUBLE_ENCODED.test(text)) return { reason: 'a double-encoded character (%25 before two hex digits)' };
  const bytes: number[] = [];
  let reason: string | undefined;
  let last = 0;
  const normal = text.replace(PERCENT, (escape, offset: number) => {
    for (; last < offset; last++) bytes.push(text.charCodeAt(last));
    last = offset + escape.length;
    const byte = Number.parseInt(escape.slice(1), 16);
    if (escape.length < 3) reason ??= 'a % that does not start a %XX escape';
    else if (byte === 0x2f || byte === 0x5c)
      reason ??= `an encoded ${byte === 0x2f ? 'slash' : 'backslash'} (${escape})`;
    else if (UNRESERVED.test(String.fromCharCode(byte)))
      reason ??= `an encoded unreserved character (${escape}): write ${String.fromCharCode(byte)}`;
    bytes.push(byte);
    return escape.toUpperCase();
  });
  for (; last < text.length; last++) bytes.push(text.charCodeAt(last));
  if (reason !== undefined) return { reason };
  let decoded: string;
  try {
    decoded = UTF8.decode(new Uint8Array(bytes));
  } catch {
    return { reason: 'percent-encoded bytes that are not UTF-8' };
  }
  const hidden = HIDDEN.exec(decoded);
  if (hidden !== null)
    return { reason: `an encoded invisible or control character (${codePoint(hidden[0])})` };
  if (decoded.normalize('NFC') !== decoded) return { reason: 'encoded text that is not in Unicode NFC' };
  return { text: normal, decoded };
}

/** Why a pattern segment or host label places `*` wrongly, or undefined. */
function misplacedWildcard(part: string, globstar: boolean): string | undefined {
  const stars = part.split('*').length - 1;
  if (stars <= 1 || (globstar && part === '**')) return undefined;
  return globstar
    ? `the segment "${part}": ** must be a whole segment, and a segment holds at most one *`
    : `the host label "${part}": a label holds at most one *`;
}

function readHost(authority: string): { host: string[]; port?: string } | string {
  if (authority.includes('@')) return 'userinfo (@) in the authority';
  const colon = authority.lastIndexOf(':');
  const host = (colon === -1 ? authority : authority.slice(0, colon)).toLowerCase();
  const port = colon === -1 ? undefined : authority.slice(colon + 1);
  if (port !== undefined && (!PORT.test(port) || Number(port) > 65535)) {
    return `the port "${port}": write 1 to 65535 without leading zeros`;
  }
  if (host === '') return port === undefined ? { host: [] } : 'a port without a host';
  if (host.includes('%')) return 'percent-encoding in the host: write international names in punycode (xn--)';
  const labels = host.split('.');
  for (const [index, label] of labels.entries()) {
    const bare = label.replaceAll('*', '');
    if (label === '' || (bare !== '' && !HOST_LABEL.test(bare))) {
      return `the host "${host}": labels are letters, digits, - and _, separated by single dots`;
    }
    if (!label.includes('*')) continue;
    if (index > 0) return `the host "${host}": only its leftmost label may hold *`;
    const misplaced = misplacedWildcard(label, false);
    if (misplaced !== undefined) return misplaced;
  }
  return port === undefined ? { host: labels } : { host: labels, port };
}

function readSegments(path: string): string[] | string {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') return 'an empty path segment (// or a trailing /)';
    if (raw === '.' || raw === '..') return `a dot segment (${raw})`;
    const encoded = readEncoded(raw);
    if ('reason' in encoded) return encoded.reason;
    const compatible = encoded.decoded === raw ? raw : encoded.decoded.normalize('NFKC');
    if (compatible === '.' || compatible === '..' || /[/\\]/.test(compatible)) {
      return `the segment "${raw}", read as "${compatible}" once compatibility characters are folded (NFKC)`;
    }
    const misplaced = misplacedWildcard(raw, true);
    if (misplaced !== undefined) return misplaced;
    segments.push(encoded.text);
  }
  return segments;
}

function readParts(text: string, kind: PermissionUriKind): PermissionUri | string {
  for (const c of text) {
    const refused = refusedCharacter(c, kind);
    if (refused !== undefined) return refused;
  }
  const colon = text.indexOf(':');
  const scheme = text.slice(0, Math.max(colon, 0));
  if (!SCHEME.test(scheme)) return 'no scheme (write scheme:..., such as agent://name)';
  const question = text.indexOf('?', colon);
  const rest = text.slice(colon + 1, question === -1 ? undefined : question);
  let query: string | undefined;
  if (question !== -1) {
    const encoded = readEncoded(text.slice(question + 1));
    if ('reason' in encoded) return encoded.reason;
    if (encoded.text === '') return 'an empty query (?)';
    if (encoded.text.includes('*')) return 'a * in the query: queries compare exactly';
    query = encoded.text;
  }
  let host: PermissionUri['host'];
  let port: string | undefined;
  let path = rest;
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = rest.slice(2, slash === -1 ? undefined : slash);
    path = slash === -1 ? '' : rest.slice(slash);
    const read = readHost(authority);
    if (typeof read === 'string') return read;
    ({ host, port } = read);
    if (host.length === 0 && slash === -1) return 'neither a host nor a path';
  } else if (rest.startsWith('/')) {
    return 'a path that starts with / but no authority: write scheme:///path';
  } else if (rest === '') {
    return 'nothing after the scheme';
  }
  const segments = host === undefined ? readSegments(path) : path === '' ? [] : readSegments(path.slice(1));
  if (typeof segments === 'string') return segments;
  return { scheme: scheme.toLowerCase(), host, port, segments, query };
}

/**
 * Reads a permission pattern or principal as a URI (RFC 3986 generic syntax, restricted):
 * ASCII only, no fragment, no userinfo, no dot segments, no empty segments, no encoded
 * unreserved characters, slashes or backslashes, no double encoding, no segment that NFKC folds
 * into a dot segment or a slash, nothing invisible even when percent-encoded;
 * scheme and host in lower case. Patterns may hold `*` as a whole segment or label, once inside
 * a segment or the leftmost host label, and `**` as a whole segment.
 */
export function readPermissionUri(text: string, kind: PermissionUriKind): PermissionUriReading {
  if (text.length === 0 || text.length > MAX_LENGTH) {
    return { ok: false, reason: `not 1 to ${MAX_LENGTH} characters long` };
  }
  const read = readParts(text, kind);
  return typeof read === 'string' ? { ok: false, reason: read } : { ok: true, uri: read };
}

/**
 * Whether a string is a well-formed permission pattern: a URI (RFC 3986: `scheme:` then
 * `//host[:port]` and a path, or a rootless path such as `urn:uuid:…`) where `*` stands for
 * one path segment or one host label (or, once, for part of one), and `**` for any number of
 * segments. The full grammar is in docs/spec/maml.md, "Permissions".
 *
 * @example
 * ```ts
 * import { isPermissionPattern } from 'mamlkit/maml';
 * isPermissionPattern('agent://*'); // true
 * isPermissionPattern('fs:///srv/data/**'); // true
 * isPermissionPattern('admin'); // false: no scheme
 * isPermissionPattern('fs:///srv/../etc'); // false: a dot segment
 * ```
 */
export function isPermissionPattern(pattern: string): boolean {
  return typeof pattern === 'string' && readPermissionUri(pattern, 'pattern').ok;
}
